-- AlterTable
ALTER TABLE "Message" ADD COLUMN     "readAt" TIMESTAMP(3),
ADD COLUMN     "requestId" TEXT;

-- CreateIndex
CREATE INDEX "Message_requestId_createdAt_idx" ON "Message"("requestId", "createdAt");

-- CreateIndex
CREATE INDEX "Request_tenantId_accountId_submittedAt_id_idx" ON "Request"("tenantId", "accountId", "submittedAt" DESC, "id" DESC);


