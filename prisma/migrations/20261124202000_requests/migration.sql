-- CreateEnum
CREATE TYPE "RequestStatus" AS ENUM ('BROUILLON', 'DEPOSEE', 'EN_COURS', 'INCOMPLETE', 'COMPLETE', 'ACCEPTEE', 'REFUSEE', 'SANS_SUITE');

-- CreateTable
CREATE TABLE "Request" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "procedureId" TEXT NOT NULL,
    "versionId" TEXT NOT NULL,
    "accountId" TEXT,
    "memberId" TEXT,
    "numero" TEXT,
    "status" "RequestStatus" NOT NULL DEFAULT 'BROUILLON',
    "answers" JSONB NOT NULL DEFAULT '{}',
    "version" INTEGER NOT NULL DEFAULT 0,
    "submittedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Request_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RequestCounter" (
    "tenantId" TEXT NOT NULL,
    "year" INTEGER NOT NULL,
    "value" INTEGER NOT NULL,

    CONSTRAINT "RequestCounter_pkey" PRIMARY KEY ("tenantId","year")
);

-- CreateIndex
CREATE INDEX "Request_tenantId_accountId_status_updatedAt_idx" ON "Request"("tenantId", "accountId", "status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Request_tenantId_numero_key" ON "Request"("tenantId", "numero");

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_procedureId_fkey" FOREIGN KEY ("procedureId") REFERENCES "Procedure"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_versionId_fkey" FOREIGN KEY ("versionId") REFERENCES "ProcedureVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Request" ADD CONSTRAINT "Request_accountId_fkey" FOREIGN KEY ("accountId") REFERENCES "Account"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RequestCounter" ADD CONSTRAINT "RequestCounter_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


