-- History at a million links, third step: whether any send of a link failed, stored on the link, and indexes for the filters A send failed and Channel

-- AlterTable
ALTER TABLE "PaymentSession" ADD COLUMN     "sendFailed" BOOLEAN NOT NULL DEFAULT false;

-- Backfill: as lib/payment-links/last-send.ts keeps it (a link with any failed send)
UPDATE "PaymentSession" s SET "sendFailed" = true WHERE EXISTS (SELECT 1 FROM "Distribution" d WHERE d."sessionId" = s."id" AND d."outcome" = 'FAILED');

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_createdById_createdAt_id_idx" ON "PaymentSession"("storeId", "createdById", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_lastChannel_createdAt_id_idx" ON "PaymentSession"("lastChannel", "createdAt", "id");

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_lastChannel_createdAt_id_idx" ON "PaymentSession"("storeId", "lastChannel", "createdAt", "id");

-- The links with a failed send, few among all, newest first: A send failed, across stores and per store
CREATE INDEX "PaymentSession_sendFailed_createdAt_id_idx" ON "PaymentSession"("createdAt", "id") WHERE "sendFailed";
CREATE INDEX "PaymentSession_sendFailed_storeId_createdAt_id_idx" ON "PaymentSession"("storeId", "createdAt", "id") WHERE "sendFailed";
