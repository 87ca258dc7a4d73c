-- AlterTable
ALTER TABLE "AwsAccount" ADD COLUMN "leftOrganizationAt" DATETIME;
