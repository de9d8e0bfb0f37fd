-- DropIndex
DROP INDEX "PaymentSession_storeId_createdAt_idx";

-- CreateIndex
CREATE INDEX "PaymentSession_createdAt_id_idx" ON "PaymentSession"("createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_createdAt_id_idx" ON "PaymentSession"("storeId", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_status_createdAt_id_idx" ON "PaymentSession"("status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_status_createdAt_id_idx" ON "PaymentSession"("storeId", "status", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_createdById_createdAt_id_idx" ON "PaymentSession"("createdById", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_status_statusChangedAt_idx" ON "PaymentSession"("status", "statusChangedAt");

-- CreateIndex
CREATE INDEX "Distribution_sessionId_channel_idx" ON "Distribution"("sessionId", "channel");

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_status_statusChangedAt_idx" ON "PaymentSession"("storeId", "status", "statusChangedAt");


-- Indexes the Prisma schema cannot describe (partial, expression, trigram), read by lib/payment-links/history.
CREATE EXTENSION IF NOT EXISTS pg_trgm;

-- Open links, newest first (status "Open" and "Not sent") and the dashboard's "open now" count.
CREATE INDEX "PaymentSession_open_createdAt_id_idx" ON "PaymentSession"("createdAt", "id") WHERE "status" IN ('WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'FAILED', 'ERROR');
CREATE INDEX "PaymentSession_open_storeId_createdAt_id_idx" ON "PaymentSession"("storeId", "createdAt", "id") WHERE "status" IN ('WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'FAILED', 'ERROR');

-- The dashboard's "expiring in the next 24 h".
CREATE INDEX "PaymentSession_open_storeId_expiresAt_idx" ON "PaymentSession"("storeId", "expiresAt") WHERE "status" IN ('WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'FAILED', 'ERROR');

-- Search by reference (equality or prefix, any case), email (lower-case prefix), phone (E.164 suffix, reversed).
CREATE INDEX "PaymentSession_reference_search_idx" ON "PaymentSession"(upper("merchantReference") text_pattern_ops);
CREATE INDEX "PaymentSession_email_search_idx" ON "PaymentSession"(lower("customerEmail") text_pattern_ops);
CREATE INDEX "PaymentSession_phone_search_idx" ON "PaymentSession"(reverse("customerPhone") text_pattern_ops);

-- A customer's name or any other fragment: trigrams over name, email and reference.
CREATE INDEX "PaymentSession_text_search_idx" ON "PaymentSession" USING gin ((lower(coalesce("customerName", '') || ' ' || coalesce("customerEmail", '') || ' ' || "merchantReference")) gin_trgm_ops);
