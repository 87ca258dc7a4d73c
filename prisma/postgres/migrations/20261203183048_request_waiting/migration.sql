-- AlterTable
ALTER TABLE "ChangeRequest" ADD COLUMN     "wakeAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "ChangeStep" ADD COLUMN     "notBefore" TIMESTAMP(3);
