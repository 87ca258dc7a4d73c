-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "sessionGeneration" INTEGER NOT NULL DEFAULT 0;
