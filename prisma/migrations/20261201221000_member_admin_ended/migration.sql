-- AlterTable
ALTER TABLE "Member" ADD COLUMN "adminEndedAt" DATETIME;
