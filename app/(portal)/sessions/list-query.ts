import "server-only";
import { SESSIONS_PAGE_SIZE, STATUS_FILTERS, type SessionListParams } from "@/components/sessions/list-filters";
import type { SessionRow } from "@/components/sessions/sessions-table";
import { storeScope, type Actor } from "@/lib/auth/authorize";
import { db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";
import { maskEmail, maskPhone } from "@/lib/domain/mask";
import { channelLabel } from "@/lib/domain/channels";
import { STATUS_LABELS } from "@/lib/domain/statuses";

/** Phone numbers are stored as E.164: "070 123" is looked up as "70123", "+46 70" as "+4670". */
function phoneFragment(q: string): string | undefined {
  const compact = q.replace(/[\s().\-/]/g, "");
  if (!/^\+?\d{3,}$/.test(compact)) return undefined;
  return compact.startsWith("+") ? compact : compact.replace(/^0+/, "");
}

function searchWhere(q: string): Prisma.PaymentSessionWhereInput {
  const phone = phoneFragment(q);
  return {
    OR: [
      { merchantReference: { contains: q, mode: "insensitive" } },
      { customerEmail: { contains: q, mode: "insensitive" } },
      ...(phone ? [{ customerPhone: { contains: phone } }] : []),
    ],
  };
}

export type SessionListResult = { rows: SessionRow[]; total: number; pageCount: number };

/** One page of the caller's sessions (every store for an admin), newest first. */
export async function listSessions(actor: Actor, { status, q, page }: SessionListParams): Promise<SessionListResult> {
  const statuses = STATUS_FILTERS.find((filter) => filter.value === status)?.statuses ?? null;
  const where: Prisma.PaymentSessionWhereInput = {
    ...storeScope(actor),
    ...(statuses ? { status: { in: [...statuses] } } : {}),
    ...(q ? searchWhere(q) : {}),
  };
  const [total, sessions] = await Promise.all([
    db().paymentSession.count({ where }),
    db().paymentSession.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * SESSIONS_PAGE_SIZE,
      take: SESSIONS_PAGE_SIZE,
      select: {
        id: true,
        createdAt: true,
        merchantReference: true,
        amount: true,
        currency: true,
        locale: true,
        status: true,
        customerName: true,
        customerPhone: true,
        customerEmail: true,
        store: { select: { name: true } },
        createdBy: { select: { name: true } },
        // The latest send that reached the customer, else the latest attempt (shown as not sent).
        distributions: { orderBy: { createdAt: "desc" }, take: 20, select: { channel: true, outcome: true } },
      },
    }),
  ]);
  const rows = sessions.map((session): SessionRow => {
    const sent = session.distributions.find((d) => d.outcome === "SENT");
    const attempt = session.distributions[0];
    return {
      id: session.id,
      createdAt: session.createdAt.toISOString(),
      merchantReference: session.merchantReference,
      amount: session.amount,
      currency: session.currency,
      locale: session.locale,
      customerName: session.customerName,
      customerPhoneMasked: maskPhone(session.customerPhone),
      customerEmailMasked: maskEmail(session.customerEmail),
      lastChannelLabel: sent
        ? channelLabel(sent.channel)
        : attempt
          ? `${channelLabel(attempt.channel)} (${attempt.outcome === "PENDING" ? "sending" : "not sent"})`
          : null,
      status: session.status,
      statusLabel: STATUS_LABELS[session.status],
      createdByName: session.createdBy.name,
      storeName: session.store.name,
    };
  });
  return { rows, total, pageCount: Math.max(1, Math.ceil(total / SESSIONS_PAGE_SIZE)) };
}
