-- CreateEnum
CREATE TYPE "Role" AS ENUM ('AGENT', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "ProviderKind" AS ENUM ('KUSTOM', 'PAYMENT_PLATFORM');

-- CreateEnum
CREATE TYPE "SessionStatus" AS ENUM ('CREATING', 'CREATE_FAILED', 'WAITING', 'BACK', 'IN_PROGRESS', 'MANUAL_ID_CHECK', 'COMPLETED', 'CANCELLED', 'FAILED', 'DISABLED', 'ERROR', 'EXPIRED');

-- CreateEnum
CREATE TYPE "Channel" AS ENUM ('SMS', 'EMAIL', 'QR', 'LINK', 'TOKEN');

-- CreateEnum
CREATE TYPE "DistributionOutcome" AS ENUM ('PENDING', 'SENT', 'FAILED');

-- CreateEnum
CREATE TYPE "EventSource" AS ENUM ('PORTAL', 'PROVIDER_CALLBACK', 'PROVIDER_POLL', 'RECOVERY');

-- CreateTable
CREATE TABLE "Store" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "country" TEXT NOT NULL,
    "currency" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "provider" "ProviderKind" NOT NULL,
    "standardTaxRate" INTEGER NOT NULL,
    "hppOptions" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Store_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "User" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" "Role" NOT NULL,
    "storeId" TEXT,
    "disabled" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "User_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LoginAttempt" (
    "id" TEXT NOT NULL,
    "email" TEXT NOT NULL,
    "succeeded" BOOLEAN NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LoginAttempt_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PaymentSession" (
    "id" TEXT NOT NULL,
    "storeId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "provider" "ProviderKind" NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "status" "SessionStatus" NOT NULL DEFAULT 'CREATING',
    "merchantReference" TEXT NOT NULL,
    "amount" INTEGER NOT NULL,
    "taxAmount" INTEGER NOT NULL,
    "currency" TEXT NOT NULL,
    "locale" TEXT NOT NULL,
    "purchaseCountry" TEXT NOT NULL,
    "orderLines" JSONB NOT NULL,
    "customerName" TEXT,
    "customerPhone" TEXT,
    "customerPhoneCountry" TEXT,
    "customerEmail" TEXT,
    "callbackSecretHash" TEXT NOT NULL,
    "providerOrderId" TEXT,
    "orderUrl" TEXT,
    "providerSessionId" TEXT,
    "sessionUrl" TEXT,
    "distributionUrl" TEXT,
    "redirectUrl" TEXT,
    "qrCodeUrl" TEXT,
    "distributionModule" JSONB,
    "expiresAt" TIMESTAMP(3),
    "lastErrorCode" TEXT,
    "statusChangedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastSyncedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PaymentSession_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SessionEvent" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "fromStatus" "SessionStatus",
    "toStatus" "SessionStatus",
    "source" "EventSource" NOT NULL,
    "actorId" TEXT,
    "providerEventId" TEXT,
    "detail" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SessionEvent_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Distribution" (
    "id" TEXT NOT NULL,
    "sessionId" TEXT NOT NULL,
    "channel" "Channel" NOT NULL,
    "recipient" TEXT,
    "recipientMasked" TEXT,
    "phoneCountry" TEXT,
    "outcome" "DistributionOutcome" NOT NULL DEFAULT 'PENDING',
    "errorCode" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "actorId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "completedAt" TIMESTAMP(3),

    CONSTRAINT "Distribution_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Store_name_key" ON "Store"("name");

-- CreateIndex
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");

-- CreateIndex
CREATE INDEX "LoginAttempt_email_createdAt_idx" ON "LoginAttempt"("email", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentSession_idempotencyKey_key" ON "PaymentSession"("idempotencyKey");

-- CreateIndex
CREATE INDEX "PaymentSession_storeId_createdAt_idx" ON "PaymentSession"("storeId", "createdAt");

-- CreateIndex
CREATE INDEX "PaymentSession_status_updatedAt_idx" ON "PaymentSession"("status", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "PaymentSession_provider_providerSessionId_key" ON "PaymentSession"("provider", "providerSessionId");

-- CreateIndex
CREATE UNIQUE INDEX "SessionEvent_providerEventId_key" ON "SessionEvent"("providerEventId");

-- CreateIndex
CREATE INDEX "SessionEvent_sessionId_createdAt_idx" ON "SessionEvent"("sessionId", "createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Distribution_idempotencyKey_key" ON "Distribution"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Distribution_sessionId_createdAt_idx" ON "Distribution"("sessionId", "createdAt");

-- CreateIndex
CREATE INDEX "Distribution_outcome_createdAt_idx" ON "Distribution"("outcome", "createdAt");

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentSession" ADD CONSTRAINT "PaymentSession_storeId_fkey" FOREIGN KEY ("storeId") REFERENCES "Store"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PaymentSession" ADD CONSTRAINT "PaymentSession_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionEvent" ADD CONSTRAINT "SessionEvent_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PaymentSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SessionEvent" ADD CONSTRAINT "SessionEvent_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Distribution" ADD CONSTRAINT "Distribution_sessionId_fkey" FOREIGN KEY ("sessionId") REFERENCES "PaymentSession"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Distribution" ADD CONSTRAINT "Distribution_actorId_fkey" FOREIGN KEY ("actorId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;
