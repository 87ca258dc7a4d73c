-- AlterTable
ALTER TABLE "JobRole" ADD COLUMN "accounts" JSONB;
