/*
  Warnings:

  - A unique constraint covering the columns `[ssoIssuer,ssoSubject]` on the table `Member` will be added. If there are existing duplicate values, this will fail.

*/
-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "signInMethod" TEXT NOT NULL DEFAULT 'password',
ADD COLUMN     "ssoIssuer" TEXT,
ADD COLUMN     "ssoSubject" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Member_ssoIssuer_ssoSubject_key" ON "Member"("ssoIssuer", "ssoSubject");

-- Backfill (hand-written): members without a password were invited for SSO; everyone with a
-- password stays password-only until an admin allows SSO (npm run admin -- sign-in-method).
-- That is the safe reading: before this migration SSO matched any member by email alone.
UPDATE "Member" SET "signInMethod" = 'sso' WHERE "passwordHash" IS NULL;
