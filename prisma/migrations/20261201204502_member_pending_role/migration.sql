-- AlterTable
ALTER TABLE "Member" ADD COLUMN "pendingRole" TEXT;
ALTER TABLE "Member" ADD COLUMN "pendingRoleAt" DATETIME;
ALTER TABLE "Member" ADD COLUMN "pendingRoleBy" TEXT;
