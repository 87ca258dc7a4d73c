-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "adminEndedAt" TIMESTAMP(3);
