-- CreateEnum
CREATE TYPE "PaymentProvider" AS ENUM ('SIMULATION', 'STRIPE');

-- AlterTable
ALTER TABLE "Procedure" ADD COLUMN     "editRevision" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "editedDefinition" JSONB;

-- CreateTable
CREATE TABLE "TenantLogo" (
    "tenantId" TEXT NOT NULL,
    "png" BYTEA NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TenantLogo_pkey" PRIMARY KEY ("tenantId")
);

-- CreateTable
CREATE TABLE "Regie" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "provider" "PaymentProvider" NOT NULL DEFAULT 'SIMULATION',
    "stripeAccountId" TEXT,
    "position" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Regie_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Regie_tenantId_position_idx" ON "Regie"("tenantId", "position");

-- CreateIndex
CREATE UNIQUE INDEX "Regie_tenantId_name_key" ON "Regie"("tenantId", "name");

-- AddForeignKey
ALTER TABLE "TenantLogo" ADD CONSTRAINT "TenantLogo_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Regie" ADD CONSTRAINT "Regie_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;


