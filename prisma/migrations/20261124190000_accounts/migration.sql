-- CreateEnum
CREATE TYPE "AccountStatus" AS ENUM ('EN_ATTENTE', 'VALIDE', 'REFUSE');

-- CreateEnum
CREATE TYPE "ContactChannel" AS ENUM ('EMAIL', 'SMS', 'TELEPHONE');

-- CreateEnum
CREATE TYPE "MemberKind" AS ENUM ('ADULTE', 'ENFANT');

-- CreateEnum
CREATE TYPE "TokenKind" AS ENUM ('MOT_DE_PASSE', 'EMAIL', 'MOBILE');

-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "accountId" TEXT;

-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "termsOfUse" TEXT NOT NULL DEFAULT '';

-- CreateTable
CREATE TABLE "Account" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "identifiant" TEXT NOT NULL,
    "identifiantKey" TEXT NOT NULL,
    "status" "AccountStatus" NOT NULL DEFAULT 'EN_ATTENTE',
    "statusReason" TEXT,
    "statusChangedAt" TIMESTAMP(3),
    "civility" TEXT NOT NULL,
    "firstNames" TEXT NOT NULL,
    "birthName" TEXT NOT NULL,
    "usageName" TEXT,
    "birthDate" DATE NOT NULL,
    "birthPlace" TEXT NOT NULL,
    "addressLine1" TEXT NOT NULL,
    "addressLine2" TEXT,
    "postalCode" TEXT NOT NULL,
    "city" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "emailConfirmedAt" TIMESTAMP(3),
    "phone" TEXT,
    "mobile" TEXT,
    "mobileConfirmedAt" TIMESTAMP(3),
    "channel" "ContactChannel" NOT NULL DEFAULT 'EMAIL',
    "passwordHash" TEXT NOT NULL,
    "securityQuestion" TEXT NOT NULL,
    "securityAnswerHash" TEXT NOT NULL,
    "sessionVersion" INTEGER NOT NULL DEFAULT 0,
    "failedLogins" INTEGER NOT NULL DEFAULT 0,
    "lastFailedLoginAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Account_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "HouseholdMember" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" "MemberKind" NOT NULL,
    "relation" TEXT NOT NULL,
    "firstNames" TEXT NOT NULL,
    "lastName" TEXT NOT NULL,
    "birthDate" DATE NOT NULL,
    "sex" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "HouseholdMember_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "kind" "TokenKind" NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "target" TEXT,
    "failures" INTEGER NOT NULL DEFAULT 0,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginFailure" (
    "id" TEXT NOT NULL,
    "accountId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginFailure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RateLimit" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "RateLimit_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "CaptchaUse" (
    "signature" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CaptchaUse_pkey" PRIMARY KEY ("signature")
);

-- CreateIndex
CREATE INDEX "Account_tenantId_identifiantKey_idx" ON "Account"("tenantId", "identifiantKey");

-- CreateIndex
CREATE INDEX "Account_tenantId_email_idx" ON "Account"("tenantId", "email");

-- CreateIndex
CREATE INDEX "Account_tenantId_status_createdAt_idx" ON "Account"("tenantId", "status", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Account_tenantId_identifiant_key" ON "Account"("tenantId", "identifiant");

-- CreateIndex
CREATE INDEX "HouseholdMember_accountId_kind_birthDate_idx" ON "HouseholdMember"("accountId", "kind", "birthDate");

-- CreateIndex
CREATE INDEX "HouseholdMember_tenantId_idx" ON "HouseholdMember"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_tokenHash_key" ON "AccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountToken_accountId_kind_idx" ON "AccountToken"("accountId", "kind");

-- CreateIndex
CREATE INDEX "LoginFailure_accountId_createdAt_idx" ON "LoginFailure"("accountId", "createdAt");

-- CreateIndex
CREATE INDEX "CaptchaUse_expiresAt_idx" ON "CaptchaUse"("expiresAt");

-- CreateIndex
CREATE INDEX "Message_accountId_createdAt_idx" ON "Message"("accountId", "createdAt");

-- AddForeignKey
ALTER TABLE "Message" ADD CONSTRAINT "Message_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Account" ADD CONSTRAINT "Account_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "HouseholdMember" ADD CONSTRAINT "HouseholdMember_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AccountToken" ADD CONSTRAINT "AccountToken_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LoginFailure" ADD CONSTRAINT "LoginFailure_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE CASCADE ON UPDATE CASCADE;


