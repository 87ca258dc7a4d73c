-- CreateTable
CREATE TABLE "PersonAccountLink" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "matchedBy" TEXT NOT NULL,
    "confirmedBy" TEXT NOT NULL,
    "confirmedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonAccountLink_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PersonAccountDismissal" (
    "id" TEXT NOT NULL,
    "personId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "userName" TEXT NOT NULL,
    "dismissedBy" TEXT NOT NULL,
    "dismissedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PersonAccountDismissal_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonAccountLink_personId_idx" ON "PersonAccountLink"("personId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonAccountLink_accountId_userName_key" ON "PersonAccountLink"("accountId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "PersonAccountLink_personId_accountId_userName_key" ON "PersonAccountLink"("personId", "accountId", "userName");

-- CreateIndex
CREATE UNIQUE INDEX "PersonAccountDismissal_personId_accountId_userName_key" ON "PersonAccountDismissal"("personId", "accountId", "userName");

-- AddForeignKey
ALTER TABLE "PersonAccountLink" ADD CONSTRAINT "PersonAccountLink_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonAccountLink" ADD CONSTRAINT "PersonAccountLink_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "AwsAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonAccountDismissal" ADD CONSTRAINT "PersonAccountDismissal_personId_fkey" FOREIGN KEY ("personId") REFERENCES "Employee"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonAccountDismissal" ADD CONSTRAINT "PersonAccountDismissal_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "AwsAccount"("id") ON DELETE CASCADE ON UPDATE CASCADE;
