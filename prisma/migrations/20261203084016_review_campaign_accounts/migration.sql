-- CreateTable
CREATE TABLE "ReviewCampaignAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "accountName" TEXT NOT NULL,
    "ouPath" TEXT,
    "snapshotId" TEXT,
    "excludedReason" TEXT,
    CONSTRAINT "ReviewCampaignAccount_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_ReviewDecision" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "campaignId" TEXT NOT NULL,
    "person" TEXT NOT NULL,
    "decision" TEXT NOT NULL,
    "note" TEXT,
    "reviewer" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "requestId" TEXT,
    "accountId" TEXT NOT NULL DEFAULT '',
    CONSTRAINT "ReviewDecision_campaignId_fkey" FOREIGN KEY ("campaignId") REFERENCES "ReviewCampaign" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_ReviewDecision" ("at", "campaignId", "decision", "id", "note", "person", "requestId", "reviewer") SELECT "at", "campaignId", "decision", "id", "note", "person", "requestId", "reviewer" FROM "ReviewDecision";
DROP TABLE "ReviewDecision";
ALTER TABLE "new_ReviewDecision" RENAME TO "ReviewDecision";
CREATE UNIQUE INDEX "ReviewDecision_campaignId_accountId_person_key" ON "ReviewDecision"("campaignId", "accountId", "person");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReviewCampaignAccount_snapshotId_idx" ON "ReviewCampaignAccount"("snapshotId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewCampaignAccount_campaignId_accountId_key" ON "ReviewCampaignAccount"("campaignId", "accountId");

-- Backfill (hand-written): a decision of a campaign made before accounts is of its snapshot's account.
UPDATE "ReviewDecision" SET "accountId" = (
    SELECT s."accountId" FROM "ReviewCampaign" c JOIN "SyncSnapshot" s ON s."id" = c."snapshotId"
    WHERE c."id" = "ReviewDecision"."campaignId"
) WHERE "accountId" = '' AND EXISTS (
    SELECT 1 FROM "ReviewCampaign" c JOIN "SyncSnapshot" s ON s."id" = c."snapshotId"
    WHERE c."id" = "ReviewDecision"."campaignId"
);
