import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db";
import type { StoredChannel } from "@/lib/domain/channels";
import type { LinkStatus } from "@/lib/domain/statuses";
import { storeLastSend } from "@/lib/payment-links/last-send";
import { EMPTY_HISTORY_PARAMS, type HistoryParams } from "@/lib/payment-links/history/params";

export type LinkInput = {
  storeId: string;
  createdById: string;
  createdAt: Date;
  reference?: string;
  status?: LinkStatus;
  amount?: number;
  currency?: string;
  customerName?: string | null;
  customerPhone?: string | null;
  customerEmail?: string | null;
  statusChangedAt?: Date;
  expiresAt?: Date | null;
  sends?: { channel: StoredChannel; outcome: "PENDING" | "SENT" | "FAILED"; errorCode?: string; at?: Date }[];
};

/** A payment link row as the service leaves it, written directly: history reads, it never creates. */
export async function insertLink(db: Db, input: LinkInput) {
  const session = await db.paymentSession.create({
    data: {
      storeId: input.storeId,
      createdById: input.createdById,
      provider: "KUSTOM",
      idempotencyKey: randomUUID(),
      status: input.status ?? "WAITING",
      merchantReference: input.reference ?? `REF-${randomUUID().slice(0, 8)}`,
      amount: input.amount ?? 10_000,
      taxAmount: 2_000,
      currency: input.currency ?? "SEK",
      locale: "sv-SE",
      purchaseCountry: "SE",
      orderLines: [],
      customerName: input.customerName ?? null,
      customerPhone: input.customerPhone ?? null,
      customerEmail: input.customerEmail ?? null,
      callbackSecretHash: "x",
      callbackNonce: "x",
      expiresAt: input.expiresAt === undefined ? new Date(input.createdAt.getTime() + 7 * 86_400_000) : input.expiresAt,
      statusChangedAt: input.statusChangedAt ?? input.createdAt,
      createdAt: input.createdAt,
    },
  });
  for (const send of input.sends ?? []) {
    await db.distribution.create({
      data: {
        sessionId: session.id,
        channel: send.channel,
        outcome: send.outcome,
        errorCode: send.errorCode ?? null,
        idempotencyKey: randomUUID(),
        actorId: input.createdById,
        createdAt: send.at ?? input.createdAt,
      },
    });
  }
  // As the service keeps it with every send it records.
  if (input.sends?.length) await storeLastSend(db, session.id);
  return session;
}

/**
 * `count` plain links in one statement, a second apart from `from` on: history big enough for the
 * list's windows (a few thousand rows) without a round trip per row.
 */
export async function insertFillerLinks(db: Db, input: { storeId: string; createdById: string; from: Date; count: number }) {
  await db.$executeRaw`
    INSERT INTO "PaymentSession" ("id", "storeId", "createdById", "provider", "idempotencyKey", "status", "merchantReference", "amount", "taxAmount",
      "currency", "locale", "purchaseCountry", "orderLines", "customerName", "callbackSecretHash", "callbackNonce", "expiresAt", "statusChangedAt", "createdAt", "updatedAt")
    SELECT gen_random_uuid()::text, ${input.storeId}, ${input.createdById}, 'KUSTOM', gen_random_uuid()::text, 'EXPIRED', 'FILL-' || g, 10000, 2000,
      'SEK', 'sv-SE', 'SE', '[]'::jsonb, 'Filler Customer', 'x', 'x', t + interval '7 days', t, t, t
    FROM generate_series(1, ${input.count}::int) g, LATERAL (SELECT ${input.from}::timestamp + g * interval '1 second' AS t) at`;
}

export function params(overrides: Partial<HistoryParams> = {}): HistoryParams {
  return { ...EMPTY_HISTORY_PARAMS, ...overrides };
}

export { actorOf } from "../sessions/harness";
