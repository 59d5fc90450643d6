-- AlterEnum
ALTER TYPE "ContactRole" ADD VALUE 'WORKING_GROUP';

-- AlterTable
ALTER TABLE "DataRequest" ADD COLUMN "extensionRequestedAt" TIMESTAMP(3),
ADD COLUMN "extensionRequestedDeadline" TEXT,
ADD COLUMN "extensionRequestedBy" TEXT,
ADD COLUMN "deliveryFailedAt" TIMESTAMP(3),
ADD COLUMN "deliveryFailure" TEXT;

-- Backfill: a request whose latest extension request has no later decision, grant or final report, and
-- that has not ended, still waits for a decision.
UPDATE "DataRequest" d SET
  "extensionRequestedAt" = e."at",
  "extensionRequestedDeadline" = e."data"->>'deadline',
  "extensionRequestedBy" = substring(e."actor" from 'contact:(.*)')
FROM (
  SELECT DISTINCT ON ("dataRequestId") "dataRequestId", "at", "data", "actor"
  FROM "AuditEvent" WHERE "action" = 'EXTENSION_REQUESTED' AND "dataRequestId" IS NOT NULL
  ORDER BY "dataRequestId", "at" DESC
) e
WHERE d."id" = e."dataRequestId" AND d."endedAt" IS NULL AND d."status" NOT IN ('SUBMITTED', 'EXEMPTED', 'NOT_REPORTED', 'CLOSED')
  AND NOT EXISTS (
    SELECT 1 FROM "AuditEvent" a WHERE a."dataRequestId" = d."id" AND a."at" >= e."at"
      AND a."action" IN ('EXTENSION_APPROVED', 'EXTENSION_REJECTED', 'EXTENSION_GRANTED'));

-- Backfill: the latest email to the contacts was refused.
UPDATE "DataRequest" d SET "deliveryFailedAt" = m."createdAt", "deliveryFailure" = left(m."error", 500)
FROM (
  SELECT DISTINCT ON ("dataRequestId") "dataRequestId", "status", "createdAt", "error"
  FROM "SentMessage" WHERE "dataRequestId" IS NOT NULL AND "kind" NOT IN ('EXTENSION_REQUESTED', 'ATTENTION')
  ORDER BY "dataRequestId", "createdAt" DESC
) m
WHERE d."id" = m."dataRequestId" AND m."status" = 'FAILED';
