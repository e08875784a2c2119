-- AlterTable
ALTER TABLE "Tenant" ADD COLUMN     "openingHours" TEXT NOT NULL DEFAULT '';


