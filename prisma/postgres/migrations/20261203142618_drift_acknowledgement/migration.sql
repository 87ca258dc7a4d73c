-- AlterTable
ALTER TABLE "DriftFinding" ADD COLUMN     "acknowledgeNote" TEXT,
ADD COLUMN     "acknowledgedAt" TIMESTAMP(3),
ADD COLUMN     "acknowledgedBy" TEXT;
