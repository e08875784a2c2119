-- AlterEnum
ALTER TYPE "AccountStatus" ADD VALUE 'SUPPRIME';

-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "deletedAt" TIMESTAMP(3),
ADD COLUMN     "deletionRequestNote" TEXT,
ADD COLUMN     "deletionRequestedAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Procedure" ADD COLUMN     "retentionMonths" INTEGER NOT NULL DEFAULT 12;

-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "anonymizedAt" TIMESTAMP(3),
ADD COLUMN     "closedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Account_tenantId_deletionRequestedAt_idx" ON "Account"("tenantId", "deletionRequestedAt");

-- CreateIndex
CREATE INDEX "Request_anonymizedAt_closedAt_idx" ON "Request"("anonymizedAt", "closedAt");

-- Requests already closed: their retention runs from their last change.
UPDATE "Request" SET "closedAt" = "updatedAt" WHERE "status" IN ('ACCEPTEE', 'REFUSEE', 'SANS_SUITE');
