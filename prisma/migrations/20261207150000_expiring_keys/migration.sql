-- History at a million links, sixth step: Expiring within 24 h reads the keys of its matches from the
-- index alone. Its index is keyed by the expiry, so the page sorts the matches (hundreds in a busy
-- store at 1M) by time: with their time and id in the index that sort needs no table row, and only
-- the page's rows are read.
DROP INDEX "PaymentSession_open_storeId_expiresAt_idx";
CREATE INDEX "PaymentSession_open_storeId_expiresAt_idx" ON "PaymentSession"("storeId", "expiresAt") INCLUDE ("createdAt", "id") WHERE "status" IN ('WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'FAILED', 'ERROR');
