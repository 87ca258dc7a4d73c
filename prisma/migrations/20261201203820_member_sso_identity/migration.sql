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
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Member" ("createdAt", "disabled", "email", "id", "invitedBy", "lastSignInAt", "name", "passwordHash", "role", "sessionGeneration", "updatedAt") SELECT "createdAt", "disabled", "email", "id", "invitedBy", "lastSignInAt", "name", "passwordHash", "role", "sessionGeneration", "updatedAt" FROM "Member";
DROP TABLE "Member";
ALTER TABLE "new_Member" RENAME TO "Member";
CREATE UNIQUE INDEX "Member_email_key" ON "Member"("email");
CREATE UNIQUE INDEX "Member_ssoIssuer_ssoSubject_key" ON "Member"("ssoIssuer", "ssoSubject");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Backfill (hand-written): members without a password were invited for SSO; everyone with a
-- password stays password-only until an admin allows SSO (npm run admin -- sign-in-method).
-- That is the safe reading: before this migration SSO matched any member by email alone.
UPDATE "Member" SET "signInMethod" = 'sso' WHERE "passwordHash" IS NULL;
