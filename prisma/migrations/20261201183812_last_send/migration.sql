-- AlterTable
ALTER TABLE "PaymentSession" ADD COLUMN     "lastChannel" "Channel",
ADD COLUMN     "lastSendOutcome" "DistributionOutcome";

-- Backfill: each link's last send, by the rule lib/payment-links/last-send.ts keeps (the latest send that reached the customer, else the latest attempt)
UPDATE "PaymentSession" s SET ("lastChannel", "lastSendOutcome") = (SELECT d."channel", d."outcome" FROM "Distribution" d WHERE d."sessionId" = s."id" ORDER BY (d."outcome" = 'SENT') DESC, d."createdAt" DESC, d."id" DESC LIMIT 1) WHERE EXISTS (SELECT 1 FROM "Distribution" d WHERE d."sessionId" = s."id");

-- CreateIndex
CREATE INDEX "PaymentSession_lastChannel_createdAt_id_idx" ON "PaymentSession"("lastChannel", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_lastChannel_createdAt_id_idx" ON "PaymentSession"("storeId", "lastChannel", "createdAt", "id");


-- Failed sends per link, few among all: the history filter A send failed and the dashboard figure Sends that failed
CREATE INDEX "Distribution_failed_sessionId_idx" ON "Distribution"("sessionId", "errorCode") WHERE "outcome" = 'FAILED';

-- The dashboard period figures read these columns from the index alone (index-only scans), for all stores and per store.
-- Partial on a condition true of every row only so that the Prisma schema diff leaves them alone: it cannot describe INCLUDE and would drop them
CREATE INDEX "PaymentSession_dashboard_createdAt_idx" ON "PaymentSession"("createdAt") INCLUDE ("storeId", "createdById", "currency", "status", "amount", "statusChangedAt") WHERE "createdAt" IS NOT NULL;
CREATE INDEX "PaymentSession_dashboard_storeId_createdAt_idx" ON "PaymentSession"("storeId", "createdAt") INCLUDE ("createdById", "currency", "status", "amount", "statusChangedAt") WHERE "createdAt" IS NOT NULL;
