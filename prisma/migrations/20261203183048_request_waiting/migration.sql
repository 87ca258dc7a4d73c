-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN "wakeAt" DATETIME;

-- AlterTable
ALTER TABLE "ChangeStep" ADD COLUMN "notBefore" DATETIME;
