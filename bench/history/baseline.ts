/**
 * The history queries as they were before issue 9, kept as the benchmark's baseline: an exact
 * COUNT(*) per list, OFFSET pages ordered by (createdAt, id), ILIKE '%…%' search over three columns,
 * and the three-counter dashboard. Not used by the app.
 */
import type { Db } from "@/lib/db";
import { OPEN_STATUSES } from "@/lib/domain/statuses";
import type { Prisma } from "@/lib/generated/prisma/client";

export type BaselineParams = { storeId?: string; status?: "open" | "COMPLETED"; q?: string; page?: number; from?: Date; to?: Date };

const PAGE_SIZE = 25;

function phoneFragment(q: string): string | undefined {
  const compact = q.replace(/[\s().\-/]/g, "");
  if (!/^\+?\d{3,}$/.test(compact)) return undefined;
  return compact.startsWith("+") ? compact : compact.replace(/^0+/, "");
}

export async function baselineList(db: Db, { storeId, status, q, page = 1, from, to }: BaselineParams) {
  const phone = q ? phoneFragment(q) : undefined;
  const where: Prisma.PaymentSessionWhereInput = {
    ...(storeId ? { storeId } : {}),
    ...(status === "open" ? { status: { in: [...OPEN_STATUSES] } } : status ? { status } : {}),
    ...(from || to ? { createdAt: { ...(from ? { gte: from } : {}), ...(to ? { lt: to } : {}) } } : {}),
    ...(q
      ? {
          OR: [
            { merchantReference: { contains: q, mode: "insensitive" } },
            { customerEmail: { contains: q, mode: "insensitive" } },
            ...(phone ? [{ customerPhone: { contains: phone } }] : []),
          ],
        }
      : {}),
  };
  const [total, rows] = await Promise.all([
    db.paymentSession.count({ where }),
    db.paymentSession.findMany({
      where,
      orderBy: [{ createdAt: "desc" }, { id: "desc" }],
      skip: (page - 1) * PAGE_SIZE,
      take: PAGE_SIZE,
      select: {
        id: true, createdAt: true, merchantReference: true, amount: true, currency: true, locale: true, status: true,
        customerName: true, customerPhone: true, customerEmail: true,
        store: { select: { name: true } }, createdBy: { select: { name: true } },
        distributions: { orderBy: { createdAt: "desc" }, take: 20, select: { channel: true, outcome: true } },
      },
    }),
  ]);
  return { total, rows };
}

export async function baselineDashboard(db: Db, storeId?: string) {
  const scope = storeId ? { storeId } : {};
  const since = new Date(Date.now() - 24 * 60 * 60 * 1000);
  return Promise.all([
    db.paymentSession.count({ where: { ...scope, status: { in: [...OPEN_STATUSES] } } }),
    db.paymentSession.count({ where: { ...scope, status: "COMPLETED", statusChangedAt: { gte: since } } }),
    db.paymentSession.count({ where: { ...scope, createdAt: { gte: since } } }),
  ]);
}
