/*
  Warnings:

  - You are about to drop the `SignInAttempt` table. If the table is not empty, all the data it contains will be lost.

*/
-- DropIndex
DROP INDEX "SignInAttempt_key_at_idx";

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "SignInAttempt";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "MemberSession" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "generation" INTEGER NOT NULL,
    "method" TEXT NOT NULL,
    "userAgent" TEXT,
    "address" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSeenAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "revokedAt" DATETIME,
    CONSTRAINT "MemberSession_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SignInThrottle" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "failures" INTEGER NOT NULL,
    "notBefore" DATETIME NOT NULL,
    "lastAttemptAt" DATETIME NOT NULL,
    "version" INTEGER NOT NULL DEFAULT 0
);

-- CreateTable
CREATE TABLE "UnknownSignInTally" (
    "address" TEXT NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL DEFAULT 0,
    "lastAt" DATETIME NOT NULL,

    PRIMARY KEY ("address", "windowStart")
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "name" TEXT,
    "role" TEXT NOT NULL DEFAULT 'auditor',
    "passwordHash" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "invitedBy" TEXT,
    "lastSignInAt" DATETIME,
    "sessionGeneration" INTEGER NOT NULL DEFAULT 0,
    "signInMethod" TEXT NOT NULL DEFAULT 'password',
    "ssoIssuer" TEXT,
    "ssoSubject" TEXT,
    "pendingRole" TEXT,
    "pendingRoleBy" TEXT,
    "pendingRoleAt" DATETIME,
    "passwordMustChange" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Member" ("createdAt", "disabled", "email", "id", "invitedBy", "lastSignInAt", "name", "passwordHash", "pendingRole", "pendingRoleAt", "pendingRoleBy", "role", "sessionGeneration", "signInMethod", "ssoIssuer", "ssoSubject", "updatedAt") SELECT "createdAt", "disabled", "email", "id", "invitedBy", "lastSignInAt", "name", "passwordHash", "pendingRole", "pendingRoleAt", "pendingRoleBy", "role", "sessionGeneration", "signInMethod", "ssoIssuer", "ssoSubject", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE UNIQUE INDEX "Member_email_key" ON "Member"("email");
CREATE UNIQUE INDEX "Member_ssoIssuer_ssoSubject_key" ON "Member"("ssoIssuer", "ssoSubject");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "MemberSession_memberId_idx" ON "MemberSession"("memberId");
