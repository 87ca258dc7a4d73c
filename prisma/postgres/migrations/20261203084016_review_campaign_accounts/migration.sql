/*
  Warnings:

  - A unique constraint covering the columns `[campaignId,accountId,person]` on the table `ReviewDecision` will be added. If there are existing duplicate values, this will fail.

*/
-- DropIndex
DROP INDEX "ReviewDecision_campaignId_person_key";

-- AlterTable
ALTER TABLE "ReviewDecision" ADD COLUMN     "accountId" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "ReviewCampaignAccount" (
    "id" TEXT NOT NULL,
    "campaignId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "ouPath" TEXT,
    "snapshotId" TEXT,
    "excludedReason" TEXT,

    CONSTRAINT "ReviewCampaignAccount_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReviewCampaignAccount_snapshotId_idx" ON "ReviewCampaignAccount"("snapshotId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaignAccount_campaignId_accountId_key" ON "ReviewCampaignAccount"("campaignId", "accountId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewDecision_campaignId_accountId_person_key" ON "ReviewDecision"("campaignId", "accountId", "person");

-- AddForeignKey
ALTER TABLE "ReviewCampaignAccount" ADD CONSTRAINT "ReviewCampaignAccount_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Backfill (hand-written): a decision of a campaign made before accounts is of its snapshot's account.
UPDATE "ReviewDecision" SET "accountId" = (
    SELECT s."accountId" FROM "ReviewCampaign" c JOIN "SyncSnapshot" s ON s."id" = c."snapshotId"
    WHERE c."id" = "ReviewDecision"."campaignId"
) WHERE "accountId" = '' AND EXISTS (
    SELECT 1 FROM "ReviewCampaign" c JOIN "SyncSnapshot" s ON s."id" = c."snapshotId"
    WHERE c."id" = "ReviewDecision"."campaignId"
);
