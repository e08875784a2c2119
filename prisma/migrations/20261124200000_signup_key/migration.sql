-- AlterTable
ALTER TABLE "Account" ADD COLUMN     "signupKey" TEXT;

-- CreateIndex
CREATE UNIQUE INDEX "Account_signupKey_key" ON "Account"("signupKey");


