-- CreateTable
CREATE TABLE "AwsAccount" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "email" TEXT,
    "ouPath" TEXT,
    "source" TEXT NOT NULL,
    "roleArn" TEXT,
    "externalId" TEXT,
    "status" TEXT NOT NULL DEFAULT 'unknown',
    "lastError" TEXT,
    "assumedPrincipal" TEXT,
    "lastCheckedAt" TIMESTAMP(3),
    "lastSyncAt" TIMESTAMP(3),
    "removedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AwsAccount_pkey" PRIMARY KEY ("id")
);
