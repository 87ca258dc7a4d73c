-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "pendingRole" TEXT,
ADD COLUMN     "pendingRoleAt" TIMESTAMP(3),
ADD COLUMN     "pendingRoleBy" TEXT;
