-- AlterTable
ALTER TABLE "SyncSnapshot" ADD COLUMN "checkedAt" DATETIME;
ALTER TABLE "SyncSnapshot" ADD COLUMN "contentHash" TEXT;

-- CreateIndex
CREATE INDEX "SyncSnapshot_at_idx" ON "SyncSnapshot"("at");
