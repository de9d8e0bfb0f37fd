import "server-only";
import { rawPool, type Db } from "@/lib/db";
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
  /** The latest send that reached the customer, else the latest attempt (stored on the link: last-send.ts). */
  lastChannel: StoredChannel | null;
  lastOutcome: "PENDING" | "SENT" | "FAILED" | null;
};

export type Position = { cursor: Cursor; direction: "older" | "newer" } | null;

/**
 * How to read a search's matches: few (up to the total's cap) are all read through the search's own
 * index and sorted; many are found soonest by walking the newest-first index.
 */
export type SearchStrategy = "few" | "many";

export function searchStrategy(matchCount: Total): SearchStrategy {
  return matchCount.more ? "many" : "few";
}

/**
 * Up to `limit` rows from `position` on, newest first, with the columns `select` names (on "p", the
 * link; "st", its store; "u", its creator). The inner query walks one (createdAt, id) index, testing
 * the filters and the search on the index's own columns (index-only), and stops at `limit`; the rows'
 * other columns and names are read only for the rows returned.
 */
function rowsSql(select: Prisma.Sql, query: HistoryQuery, position: Position, limit: number, strategy: SearchStrategy): Prisma.Sql {
  const conditions = allConditions(query);
  if (position) conditions.push(positionCondition(position.cursor, position.direction));
  const order = position?.direction === "newer" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const keys =
    query.search && strategy === "few"
      ? // MATERIALIZED: the search's index finds every match (at most the total's cap), then they are sorted.
        Prisma.sql`WITH hits AS MATERIALIZED (SELECT s."id", s."createdAt" FROM "PaymentSession" s ${where(conditions)})
          SELECT * FROM hits s ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${limit}`
      : Prisma.sql`SELECT s."id", s."createdAt" FROM "PaymentSession" s ${where(conditions)} ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${limit}`;
  return Prisma.sql`
    SELECT ${select}
    FROM (${keys}) k
    JOIN "PaymentSession" p ON p."id" = k."id"
    JOIN "Store" st ON st."id" = p."storeId"
    JOIN "User" u ON u."id" = p."createdById"
    ORDER BY p."createdAt" DESC, p."id" DESC`;
}

const COMMON_COLUMNS = Prisma.sql`p."id", p."merchantReference", p."amount", p."currency", p."locale", p."status"::text AS "status",
  p."customerName", p."customerPhone", p."customerEmail", st."name" AS "storeName", u."name" AS "createdByName",
  p."lastChannel"::text AS "lastChannel", p."lastSendOutcome"::text AS "lastOutcome"`;

export async function readRows(db: Db, query: HistoryQuery, position: Position, limit: number, strategy: SearchStrategy = "many"): Promise<HistoryRecord[]> {
  const select = Prisma.sql`${COMMON_COLUMNS}, p."createdAt", CASE WHEN p."status" = 'COMPLETED' THEN p."statusChangedAt" END AS "paidAt", p."expiresAt"`;
  const rows = await db.$queryRaw<HistoryRecord[]>(rowsSql(select, query, position, limit, strategy));
  return rows.map((row) => ({ ...row, amount: Number(row.amount) }));
}

/** A row as the export writes it: its times already ISO 8601 text (UTC, milliseconds, "Z"). */
export type ExportRecord = Omit<HistoryRecord, "createdAt" | "paidAt" | "expiresAt"> & { createdAt: string; paidAt: string | null; expiresAt: string | null };

const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * readRows for the CSV export: the same rows, read on Prisma's own connections but without its row
 * mapping, with the times formatted by the database. A million-row export spends its time writing
 * CSV rather than building objects nobody keeps.
 */
export async function readExportRows(db: Db, query: HistoryQuery, position: Position, limit: number, strategy: SearchStrategy): Promise<ExportRecord[]> {
  const select = Prisma.sql`${COMMON_COLUMNS}, ${iso(Prisma.sql`p."createdAt"`)} AS "createdAt",
    CASE WHEN p."status" = 'COMPLETED' THEN ${iso(Prisma.sql`p."statusChangedAt"`)} END AS "paidAt", ${iso(Prisma.sql`p."expiresAt"`)} AS "expiresAt"`;
  const sql = rowsSql(select, query, position, limit, strategy);
  const result = await rawPool(db).query<ExportRecord>({ text: sql.text, values: sql.values });
  return result.rows;
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
