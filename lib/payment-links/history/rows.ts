import "server-only";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LinkStatus } from "@/lib/domain/statuses";
import type { StoredChannel } from "@/lib/domain/channels";
import { allConditions, positionCondition, where, type HistoryQuery } from "./filters";
import { TOTAL_CAP, type Cursor } from "./params";
import { TEXT_SEARCH_CAP } from "./search";

/** One link as the list and the export read it, contacts in full: callers mask. */
export type HistoryRecord = {
  id: string;
  createdAt: Date;
  merchantReference: string;
  amount: number;
  currency: string;
  locale: string;
  status: LinkStatus;
  paidAt: Date | null;
  expiresAt: Date | null;
  customerName: string | null;
  customerPhone: string | null;
  customerEmail: string | null;
  storeName: string;
  createdByName: string;
  /** The latest send that reached the customer, else the latest attempt. */
  lastChannel: StoredChannel | null;
  lastOutcome: "PENDING" | "SENT" | "FAILED" | null;
};

export type Position = { cursor: Cursor; direction: "older" | "newer" } | null;

/**
 * How to read the matches of a search typed as free text: few matches are all read through the
 * trigram index and sorted; many are found soonest by walking the newest-first index.
 */
export type TextStrategy = "few" | "many";

export function textStrategy(matchCount: Total): TextStrategy {
  return matchCount.more ? "many" : "few";
}

/**
 * Up to `limit` rows from `position` on, newest first. The inner query walks one (createdAt, id)
 * index and stops at `limit`; names and the last send are joined only for the rows returned.
 */
const INNER_COLUMNS = Prisma.raw(
  ["id", "createdAt", "merchantReference", "amount", "currency", "locale", "status", "statusChangedAt", "expiresAt", "customerName", "customerPhone", "customerEmail", "storeId", "createdById"]
    .map((column) => `s."${column}"`)
    .join(", "),
);

export async function readRows(db: Db, query: HistoryQuery, position: Position, limit: number, strategy: TextStrategy = "many"): Promise<HistoryRecord[]> {
  const conditions = allConditions(query);
  if (position) conditions.push(positionCondition(position.cursor, position.direction));
  const order = position?.direction === "newer" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const inner =
    query.search?.kind === "text" && strategy === "few"
      ? // MATERIALIZED: the trigram index finds every match (at most TEXT_SEARCH_CAP), then they are sorted.
        Prisma.sql`WITH hits AS MATERIALIZED (SELECT ${INNER_COLUMNS} FROM "PaymentSession" s ${where(conditions)})
          SELECT * FROM hits s ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${limit}`
      : Prisma.sql`SELECT ${INNER_COLUMNS} FROM "PaymentSession" s ${where(conditions)} ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${limit}`;
  const rows = await db.$queryRaw<HistoryRecord[]>`
    SELECT p."id", p."createdAt", p."merchantReference", p."amount", p."currency", p."locale", p."status"::text AS "status",
      CASE WHEN p."status" = 'COMPLETED' THEN p."statusChangedAt" END AS "paidAt", p."expiresAt",
      p."customerName", p."customerPhone", p."customerEmail", st."name" AS "storeName", u."name" AS "createdByName",
      ld."channel"::text AS "lastChannel", ld."outcome"::text AS "lastOutcome"
    FROM (${inner}) p
    JOIN "Store" st ON st."id" = p."storeId"
    JOIN "User" u ON u."id" = p."createdById"
    LEFT JOIN LATERAL (
      SELECT d."channel", d."outcome" FROM "Distribution" d WHERE d."sessionId" = p."id"
      ORDER BY (d."outcome" = 'SENT') DESC, d."createdAt" DESC LIMIT 1
    ) ld ON true
    ORDER BY p."createdAt" DESC, p."id" DESC`;
  return rows.map((row) => ({ ...row, amount: Number(row.amount) }));
}

/** A total that is exact up to a cap: `more` means "more than `value`"; `approximate` an estimate. */
export type Total = { value: number; more: boolean; approximate: boolean };

/** Counts at most `cap` + 1 matches, so the cost never grows with the table. */
export async function cappedCount(db: Db, query: HistoryQuery, cap: number): Promise<Total> {
  const [row] = await db.$queryRaw<{ n: bigint }[]>`
    SELECT count(*) AS n FROM (SELECT 1 FROM "PaymentSession" s ${where(allConditions(query))} LIMIT ${cap + 1}) t`;
  const n = Number(row?.n ?? 0);
  return n > cap ? { value: cap, more: true, approximate: false } : { value: n, more: false, approximate: false };
}

/** The planner's row estimate, kept by ANALYZE and autovacuum: free at any size. */
async function estimatedRows(db: Db): Promise<number> {
  const [row] = await db.$queryRaw<{ n: number }[]>`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = '"PaymentSession"'::regclass`;
  return Number(row?.n ?? -1);
}

/** The list's total: exact while small, otherwise "more than" the cap, or an estimate for everything. */
export async function historyTotal(db: Db, query: HistoryQuery): Promise<Total> {
  if (query.search?.kind === "text") return cappedCount(db, query, TEXT_SEARCH_CAP);
  if (allConditions(query).length === 0) {
    const estimate = await estimatedRows(db);
    if (estimate > TOTAL_CAP) return { value: Math.round(estimate), more: false, approximate: true };
  }
  return cappedCount(db, query, TOTAL_CAP);
}
