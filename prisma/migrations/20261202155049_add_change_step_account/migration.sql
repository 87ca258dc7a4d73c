-- AlterTable
ALTER TABLE "ChangeStep" ADD COLUMN "accountId" TEXT;
