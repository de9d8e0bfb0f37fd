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
