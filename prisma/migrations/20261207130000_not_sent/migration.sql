-- History at a million links, fourth step: the open links no send has reached, newest first (status
-- "Not sent"), across stores and per store. Through the open-links indexes the filter read every open
-- link until it found a page of unsent ones (900 open links of a store at 1M for 48 unsent). These hold
-- only the unsent ones. The predicate is the condition of the list (lib/payment-links/history/filters.ts).
CREATE INDEX "PaymentSession_notSent_createdAt_id_idx" ON "PaymentSession"("createdAt", "id") WHERE "status" IN ('WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'FAILED', 'ERROR') AND "lastSendOutcome" IS DISTINCT FROM 'SENT';
CREATE INDEX "PaymentSession_notSent_storeId_createdAt_id_idx" ON "PaymentSession"("storeId", "createdAt", "id") WHERE "status" IN ('WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'FAILED', 'ERROR') AND "lastSendOutcome" IS DISTINCT FROM 'SENT';
