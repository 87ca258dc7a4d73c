-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "keyId" TEXT;
