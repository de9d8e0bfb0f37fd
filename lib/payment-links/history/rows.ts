import "server-only";
import { rawRows, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LinkStatus } from "@/lib/domain/statuses";
import type { StoredChannel } from "@/lib/domain/channels";
import { allConditions, filterConditions, positionCondition, where, type HistoryQuery } from "./filters";
import { TOTAL_CAP, type Cursor } from "./params";
import { searchCondition, TEXT_SEARCH_CAP, type Search } from "./search";

/**
 * One link as the list and the export read it, contacts in full (callers mask), times as ISO 8601
 * text in UTC with milliseconds (the keyset cursor's own form).
 */
export type HistoryRecord = {
  id: string;
  createdAt: string;
  merchantReference: string;
  amount: number;
  currency: string;
  locale: string;
  status: LinkStatus;
  paidAt: string | null;
  expiresAt: string | null;
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
  return withColumns(select, keys);
}

/** The columns `select` names (on "p", the link; "st", its store; "u", its creator) for the links `keys` found, newest first. */
function withColumns(select: Prisma.Sql, keys: Prisma.Sql): Prisma.Sql {
  return Prisma.sql`
    SELECT ${select}
    FROM (${keys}) k
    JOIN "PaymentSession" p ON p."id" = k."id"
    JOIN "Store" st ON st."id" = p."storeId"
    JOIN "User" u ON u."id" = p."createdById"
    ORDER BY p."createdAt" DESC, p."id" DESC`;
}

const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

// Times as text by the database: the table's timestamps are UTC without a zone, which pg would read
// in the server's local zone.
const COLUMNS = Prisma.sql`p."id", p."merchantReference", p."amount", p."currency", p."locale", p."status"::text AS "status",
  p."customerName", p."customerPhone", p."customerEmail", st."name" AS "storeName", u."name" AS "createdByName",
  p."lastChannel"::text AS "lastChannel", p."lastSendOutcome"::text AS "lastOutcome",
  ${iso(Prisma.sql`p."createdAt"`)} AS "createdAt",
  CASE WHEN p."status" = 'COMPLETED' THEN ${iso(Prisma.sql`p."statusChangedAt"`)} END AS "paidAt",
  ${iso(Prisma.sql`p."expiresAt"`)} AS "expiresAt"`;

/** Up to `limit` links from `position` on, newest first: a page of the list, or a batch of the export. */
export async function readRows(db: Db, query: HistoryQuery, position: Position, limit: number, strategy: SearchStrategy = "many"): Promise<HistoryRecord[]> {
  return rawRows<HistoryRecord>(db, rowsSql(COLUMNS, query, position, limit, strategy));
}

/**
 * How many links, from the page's position on, a free-text search reads first: newest first, on the
 * keyset index alone. A common fragment ("Svensson", "anna.s") fills a page within a few hundred of
 * them; a rare one is then looked up by its trigrams. Either way the cost stays put as the table grows.
 */
export const TEXT_WINDOW = 5_000;

type Window = { records: HistoryRecord[]; /** The window's last link when the history went on past it. */ end: Cursor | null };

/** A free-text search's matches among the `size` links from `position` on, up to `limit`. */
async function scanWindow(db: Db, query: HistoryQuery, search: Search, position: Position, limit: number, size: number): Promise<Window> {
  const conditions = filterConditions(query);
  if (position) conditions.push(positionCondition(position.cursor, position.direction));
  const order = position?.direction === "newer" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  // Each link of the window is numbered; the last one comes through even when it does not match, which
  // tells a window cut short from a history that ended inside it, and where the next window starts.
  const keys = Prisma.sql`
    SELECT t."id", t."createdAt", t."match", t."n" FROM (
      SELECT s."id", s."createdAt", ${searchCondition(search)} AS "match",
        row_number() OVER (ORDER BY s."createdAt" ${order}, s."id" ${order}) AS "n"
      FROM "PaymentSession" s ${where(conditions)}
      ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${size}) t
    WHERE t."match" OR t."n" = ${size}
    ORDER BY t."createdAt" ${order}, t."id" ${order} LIMIT ${limit + 1}`;
  const rows = await rawRows<HistoryRecord & { match: boolean; n: number }>(db, withColumns(Prisma.sql`${COLUMNS}, k."match", k."n"::int AS "n"`, keys));
  // Newest first, as withColumns sorts; walking newer, the matches nearest the position are the last.
  const matches = rows.filter((row) => row.match);
  const nearest = position?.direction === "newer" ? matches.slice(-limit) : matches.slice(0, limit);
  const last = rows.find((row) => row.n === size);
  return { records: nearest.map(({ match: _match, n: _n, ...record }) => record), end: last ? { createdAt: last.createdAt, id: last.id } : null };
}

/**
 * The first reading of a free-text search: its matches among the TEXT_WINDOW links from `position`
 * on, and, when some were found but not a page, among as many more as their rate says a page needs
 * (at most four windows more). `settled`: that answers the page, because it found `limit` matches, or
 * because the history ended inside the windows (then `records` is every match from `position` on).
 * Otherwise the caller looks the search up by its trigrams.
 */
export async function readTextWindow(db: Db, query: HistoryQuery, position: Position, limit: number): Promise<{ records: HistoryRecord[]; settled: boolean }> {
  if (query.search?.kind !== "text") throw new Error("readTextWindow: not a free-text search");
  const first = await scanWindow(db, query, query.search, position, limit, TEXT_WINDOW);
  const found = first.records.length;
  if (found === limit || !first.end) return { records: first.records, settled: true };
  if (found === 0) return { records: [], settled: false };
  const size = Math.min(4 * TEXT_WINDOW, Math.ceil(((limit - found) * TEXT_WINDOW * 1.5) / found));
  const direction = position?.direction ?? "older";
  const next = await scanWindow(db, query, query.search, { cursor: first.end, direction }, limit - found, size);
  // Newest first: walking older, the second window's links are older than the first's; walking newer, newer.
  const records = direction === "older" ? [...first.records, ...next.records] : [...next.records, ...first.records];
  return { records, settled: records.length === limit || !next.end };
}

/** A total that is exact up to a cap: `more` means "more than `value`"; `approximate` an estimate. */
export type Total = { value: number; more: boolean; approximate: boolean };

/** Counts at most `cap` + 1 matches, so the cost never grows with the table. */
export async function cappedCount(db: Db, query: HistoryQuery, cap: number): Promise<Total> {
  const [row] = await rawRows<{ n: number }>(
    db,
    Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "PaymentSession" s ${where(allConditions(query))} LIMIT ${cap + 1}) t`,
  );
  const n = Number(row?.n ?? 0);
  return n > cap ? { value: cap, more: true, approximate: false } : { value: n, more: false, approximate: false };
}

/** The planner's row estimate, kept by ANALYZE and autovacuum: free at any size. */
async function estimatedRows(db: Db): Promise<number> {
  const [row] = await rawRows<{ n: number }>(db, Prisma.sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = '"PaymentSession"'::regclass`);
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
