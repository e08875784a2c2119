-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "lastDigestAt" TIMESTAMP(3);


