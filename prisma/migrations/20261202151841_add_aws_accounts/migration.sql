-- CreateTable
CREATE TABLE "AwsAccount" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "ouPath" TEXT,
    "source" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "lastError" TEXT,
    "assumedPrincipal" TEXT,
    "lastCheckedAt" DATETIME,
    "lastSyncAt" DATETIME,
    "removedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
