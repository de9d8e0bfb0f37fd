/*
  Warnings:

  - Added the required column `callbackNonce` to the `PaymentSession` table without a default value. This is not possible if the table is not empty.

*/
-- AlterTable
ALTER TABLE "Distribution" ADD COLUMN     "leaseUntil" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "PaymentSession" ADD COLUMN     "callbackNonce" TEXT NOT NULL,
ADD COLUMN     "leaseUntil" TIMESTAMP(3);
