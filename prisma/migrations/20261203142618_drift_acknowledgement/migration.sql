-- AlterTable
ALTER TABLE "DriftFinding" ADD COLUMN "acknowledgeNote" TEXT;
ALTER TABLE "DriftFinding" ADD COLUMN "acknowledgedAt" DATETIME;
ALTER TABLE "DriftFinding" ADD COLUMN "acknowledgedBy" TEXT;
