-- AlterTable
ALTER TABLE "AwsAccount" ADD COLUMN     "leftOrganizationAt" TIMESTAMP(3);
