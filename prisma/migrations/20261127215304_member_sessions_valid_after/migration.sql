-- AlterTable
ALTER TABLE "Member" ADD COLUMN "sessionsValidAfter" DATETIME;
