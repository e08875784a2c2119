-- AlterTable
ALTER TABLE "Request" ADD COLUMN     "dueAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Request_tenantId_submittedAt_id_idx" ON "Request"("tenantId", "submittedAt" DESC, "id" DESC);




-- Requests sent before this column: due the démarche's announced time after they were sent.
UPDATE "Request" r SET "dueAt" = r."submittedAt" + p."processingDays" * INTERVAL '1 day'
FROM "Procedure" p WHERE p."id" = r."procedureId" AND r."submittedAt" IS NOT NULL;
