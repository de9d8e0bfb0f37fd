import "server-only";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

type Client = Db | Prisma.TransactionClient;

/**
 * The link's row lock, taken before a write to its sends: writers of one link's sends take turns, in
 * one order (link, then send), and the recount that follows reads every send committed before it.
 */
export function lockLinkRow(db: Client, linkId: string) {
  return db.$queryRaw`SELECT 1 FROM "PaymentSession" WHERE "id" = ${linkId} FOR UPDATE`;
}

/**
 * Stores the link's last send on the link (`lastChannel`, `lastSendOutcome`): the latest send that
 * reached the customer, else the latest attempt; and whether any send failed (`sendFailed`). The
 * history list shows them, its Channel and A send failed filters and the export read them through
 * indexes rather than joining every link's sends. Run in the transaction that
 * wrote the link's sends, after its row lock (lockLinkRow, or an update of the link).
 */
export function storeLastSend(db: Client, linkId: string) {
  return db.$executeRaw`
    UPDATE "PaymentSession" s SET ("lastChannel", "lastSendOutcome") = (
      SELECT d."channel", d."outcome" FROM "Distribution" d WHERE d."sessionId" = s."id"
      ORDER BY (d."outcome" = 'SENT') DESC, d."createdAt" DESC, d."id" DESC LIMIT 1
    ), "sendFailed" = EXISTS (SELECT 1 FROM "Distribution" d WHERE d."sessionId" = s."id" AND d."outcome" = 'FAILED')
    WHERE s."id" = ${linkId}`;
}
