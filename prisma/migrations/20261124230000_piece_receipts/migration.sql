-- CreateTable
CREATE TABLE "PieceReceipt" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "requestId" TEXT NOT NULL,
    "fieldName" TEXT NOT NULL,
    "agentId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PieceReceipt_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PieceReceipt_tenantId_idx" ON "PieceReceipt"("tenantId");

-- CreateIndex
CREATE UNIQUE INDEX "PieceReceipt_requestId_fieldName_key" ON "PieceReceipt"("requestId", "fieldName");

-- AddForeignKey
ALTER TABLE "PieceReceipt" ADD CONSTRAINT "PieceReceipt_requestId_fkey" FOREIGN KEY ("requestId") REFERENCES "Request"("id") ON DELETE CASCADE ON UPDATE CASCADE;


