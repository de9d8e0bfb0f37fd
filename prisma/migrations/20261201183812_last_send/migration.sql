-- History at a million links, second step (after history_indexes): each link's last send stored on the link, and indexes a newest-first walk can test every filter and search in without reading the table

-- AlterTable
ALTER TABLE "PaymentSession" ADD COLUMN     "lastChannel" "Channel",
ADD COLUMN     "lastSendOutcome" "DistributionOutcome";

-- Backfill: each link's last send, by the rule lib/payment-links/last-send.ts keeps (the latest send that reached the customer, else the latest attempt)
UPDATE "PaymentSession" s SET ("lastChannel", "lastSendOutcome") = (SELECT d."channel", d."outcome" FROM "Distribution" d WHERE d."sessionId" = s."id" ORDER BY (d."outcome" = 'SENT') DESC, d."createdAt" DESC, d."id" DESC LIMIT 1) WHERE EXISTS (SELECT 1 FROM "Distribution" d WHERE d."sessionId" = s."id");

-- DropIndex
DROP INDEX "PaymentSession_createdAt_id_idx";

-- DropIndex
DROP INDEX "PaymentSession_storeId_createdAt_id_idx";

-- CreateIndex
CREATE INDEX "PaymentSession_history_createdAt_id_idx" ON "PaymentSession"("createdAt", "id", "storeId", "createdById", "status", "currency", "amount", "statusChangedAt", "lastChannel", "lastSendOutcome", "customerEmail", "customerPhone", "customerName", "merchantReference");

-- CreateIndex
CREATE INDEX "PaymentSession_history_storeId_createdAt_id_idx" ON "PaymentSession"("storeId", "createdAt", "id", "createdById", "status", "currency", "amount", "statusChangedAt", "lastChannel", "lastSendOutcome", "customerEmail", "customerPhone", "customerName", "merchantReference");

-- Email search within a store, counted from the index alone (the cross-store one is in history_indexes)
CREATE INDEX "PaymentSession_storeId_email_search_idx" ON "PaymentSession"("storeId", lower("customerEmail") text_pattern_ops) INCLUDE ("customerEmail");

-- Failed sends per link, few among all: the history filter A send failed and the dashboard figure Sends that failed
CREATE INDEX "Distribution_failed_sessionId_idx" ON "Distribution"("sessionId", "errorCode") WHERE "outcome" = 'FAILED';
CREATE INDEX "Distribution_failed_createdAt_idx" ON "Distribution"("createdAt") WHERE "outcome" = 'FAILED';
