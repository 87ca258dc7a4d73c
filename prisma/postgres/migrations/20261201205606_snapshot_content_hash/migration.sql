-- AlterTable
ALTER TABLE "SyncSnapshot" ADD COLUMN     "checkedAt" TIMESTAMP(3),
ADD COLUMN     "contentHash" TEXT;

-- CreateIndex
CREATE INDEX "SyncSnapshot_at_idx" ON "SyncSnapshot"("at");
