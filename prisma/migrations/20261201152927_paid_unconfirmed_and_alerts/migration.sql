-- AlterEnum
ALTER TYPE "SessionStatus" ADD VALUE 'PAID_UNCONFIRMED';

-- CreateIndex
CREATE INDEX "PaymentSession_statusChangedAt_idx" ON "PaymentSession"("statusChangedAt");

