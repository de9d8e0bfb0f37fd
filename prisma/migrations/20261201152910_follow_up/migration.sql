-- CreateEnum
CREATE TYPE "DismissReason" AS ENUM ('PAID_ANOTHER_WAY', 'CUSTOMER_DECLINED', 'DUPLICATE', 'OTHER');

-- AlterTable
ALTER TABLE "PaymentSession" ADD COLUMN     "clonedFromId" TEXT,
ADD COLUMN     "dismissReason" "DismissReason",
ADD COLUMN     "dismissedAt" TIMESTAMP(3),
ADD COLUMN     "dismissedById" TEXT,
ADD COLUMN     "remindAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Store" ADD COLUMN     "reminderDelayMinutes" INTEGER NOT NULL DEFAULT 240,
ADD COLUMN     "remindersDefaultOn" BOOLEAN NOT NULL DEFAULT false,
ADD COLUMN     "unpaidAfterMinutes" INTEGER NOT NULL DEFAULT 30;

-- CreateIndex
CREATE UNIQUE INDEX "PaymentSession_clonedFromId_key" ON "PaymentSession"("clonedFromId");

-- CreateIndex
-- PaymentSession_storeId_status_statusChangedAt_idx (store, status, since when) already exists: the
-- history_indexes migration created it for the dashboard, and the worklist and duplicate guard use it too.

-- CreateIndex
CREATE INDEX "PaymentSession_remindAt_idx" ON "PaymentSession"("remindAt");

-- AddForeignKey
ALTER TABLE "PaymentSession" ADD CONSTRAINT "PaymentSession_clonedFromId_fkey" FOREIGN KEY ("clonedFromId") REFERENCES "PaymentSession"("id") ON DELETE SET NULL ON UPDATE CASCADE;

