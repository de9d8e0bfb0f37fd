import "server-only";
import { rawRows, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { isoFromEpochMs } from "@/lib/domain/iso-time";
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

/**
 * The columns `select` names (on "p", the link; "st", its store; "u", its creator) for the links
 * `keys` found. `names`: "joined" for a batch of the export, newest first; "later" for a page, whose
 * names are joined to its 26 rows last, and which is put in order there (`named`).
 */
function withColumns(select: Prisma.Sql, keys: Prisma.Sql, names: "joined" | "later" = "joined"): Prisma.Sql {
  const from = Prisma.sql`FROM (${keys}) k JOIN "PaymentSession" p ON p."id" = k."id"`;
  return names === "joined"
    ? Prisma.sql`SELECT ${select} ${from} JOIN "Store" st ON st."id" = p."storeId" JOIN "User" u ON u."id" = p."createdById" ORDER BY p."createdAt" DESC, p."id" DESC`
    : Prisma.sql`SELECT ${select} ${from}`;
}

/** A time as ISO 8601 text, by the database: what a batch of the export reads (see `epochMs`). */
const iso = (column: Prisma.Sql) => Prisma.sql`to_char(${column}, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/**
 * A time as milliseconds since the epoch, made ISO text here: what a page reads. to_char costs the
 * database ~3 µs a value, a quarter of a page's read, while a page waits on it. The export is the other
 * way round: its next batch is read while this one is written, so the database formats its times
 * beside the writing, and formatting them here would slow it by a tenth.
 */
const epochMs = (column: Prisma.Sql) => Prisma.sql`(extract(epoch FROM ${column}) * 1000)::int8`;

/**
 * A link's own columns on alias `t`, its times by `time`. Times are UTC without a zone in the table
 * (pg would read a timestamp in the server's local zone), so neither form is a timestamp.
 */
const columnOf = (t: "p" | "s") => (column: string) => Prisma.raw(`${t}."${column}"`);

/** What linkColumns names its columns: a page's fields, all but the names (`named`). */
const LINK_FIELDS = Prisma.raw(
  ["id", "merchantReference", "amount", "currency", "locale", "status", "customerName", "customerPhone", "customerEmail", "lastChannel", "lastOutcome", "createdAt", "expiresAt"]
    .map((field) => `page."${field}"`)
    .join(", "),
);

function linkColumns(t: "p" | "s", time: typeof iso | typeof epochMs): Prisma.Sql {
  const c = columnOf(t);
  return Prisma.sql`${c("id")}, ${c("merchantReference")}, ${c("amount")}, ${c("currency")}, ${c("locale")}, ${c("status")}::text AS "status",
  ${c("customerName")}, ${c("customerPhone")}, ${c("customerEmail")},
  ${c("lastChannel")}::text AS "lastChannel", ${c("lastSendOutcome")}::text AS "lastOutcome",
  ${time(c("createdAt"))} AS "createdAt",
  ${time(c("expiresAt"))} AS "expiresAt"`;
}

/** For a batch: the names from the joined store ("st") and creator ("u"), the times as text, and when it was paid. */
const COLUMNS = Prisma.sql`${linkColumns("p", iso)},
  CASE WHEN p."status" = 'COMPLETED' THEN ${iso(Prisma.sql`p."statusChangedAt"`)} END AS "paidAt",
  st."name" AS "storeName", u."name" AS "createdByName"`;

/**
 * For a page (alias `t`): what the list shows (not when a link was paid), the times in milliseconds
 * (toRecord), the store's and creator's ids for `named`.
 */
function pageColumns(t: "p" | "s"): Prisma.Sql {
  const c = columnOf(t);
  return Prisma.sql`${linkColumns(t, epochMs)}, ${c("storeId")} AS "storeId", ${c("createdById")} AS "createdById"`;
}

/**
 * A page's rows (pageColumns, on alias "page") with their store's and creator's names: joined to the
 * page's 26 rows once they are found. Looked up per row instead (a subquery each), the two names cost
 * a twentieth of a millisecond more at 25 rows, and a page of one link that much less than a page of 25.
 */
function named(page: Prisma.Sql): { columns: Prisma.Sql; from: Prisma.Sql } {
  return {
    columns: Prisma.sql`${LINK_FIELDS}, st."name" AS "storeName", u."name" AS "createdByName"`,
    from: Prisma.sql`(${page}) page LEFT JOIN "Store" st ON st."id" = page."storeId" LEFT JOIN "User" u ON u."id" = page."createdById"`,
  };
}

/** A page's link as the list reads it: all but when it was paid (the export's). */
export type PageRecord = Omit<HistoryRecord, "paidAt">;

/** A row of a page as pg reads it: int8 comes as text. */
type RawRecord = Omit<PageRecord, "createdAt" | "expiresAt"> & { createdAt: string; expiresAt: string | null };

const isoOf = (ms: string | null) => (ms === null ? null : isoFromEpochMs(Number(ms)));

function toRecord(raw: RawRecord): PageRecord {
  return { ...raw, createdAt: isoOf(raw.createdAt)!, expiresAt: isoOf(raw.expiresAt) };
}

/** Up to `limit` links from `position` on, newest first: a page of the list, or a batch of the export. */
export async function readRows(db: Db, query: HistoryQuery, position: Position, limit: number, strategy: SearchStrategy = "many"): Promise<HistoryRecord[]> {
  return rawRows<HistoryRecord>(db, rowsSql(COLUMNS, query, position, limit, strategy));
}

/**
 * Whether the list's filters are one that an index has in its key (history_indexes, last_send,
 * send_failed, not_sent: the store, then a status, the open or unsent or failed set, a creator or a
 * channel, then the time), so walking that index meets no link the page then drops. Two of them
 * together (Paid sent by SMS) are tested on the covering index's own columns instead (index-only),
 * and only the page's links are read.
 */
function oneIndexServes({ params }: HistoryQuery): boolean {
  return [params.status !== "all", params.createdBy !== "", params.channel !== ""].filter(Boolean).length <= 1;
}

/**
 * A page of a list without free text, and its total, in one round trip. The total is historyTotal's:
 * the matches counted up to TOTAL_CAP (or the planner's estimate for an unfiltered list over the cap).
 * A search (reference, phone, email) and Expiring find their matches once, through their own index, up to the cap:
 * within the cap they are sorted for the page; beyond it the page walks the newest-first index
 * instead (as searchStrategy chooses), the other branch being skipped by its one-time condition.
 */
export async function readPage(db: Db, query: HistoryQuery, position: Position, limit: number): Promise<{ records: PageRecord[]; total: Total }> {
  if (query.search?.kind === "text") throw new Error("readPage: a free-text search reads its window first");
  const conditions = allConditions(query);
  const at = position ? [positionCondition(position.cursor, position.direction)] : [];
  const order = position?.direction === "newer" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const newestFirst = Prisma.sql`ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${limit}`;
  let head: Prisma.Sql;
  let page: Prisma.Sql;
  // A search's index, and Expiring's (keyed by the expiry), do not give the matches in time order: they
  // are found once, up to the cap, for the total and the page, and sorted by time for the page.
  if (query.search || query.params.status === "expiring") {
    // A search's index holds no store or time, so its matches' table rows are read as they are found,
    // and each one's address comes with it: the page's rows are then read at it rather than looked up
    // by id again. Expiring's index holds both (index-only), so its page's 26 rows are looked up by id.
    const atAddress = query.search !== null;
    head = Prisma.sql`WITH hits AS MATERIALIZED (SELECT ${atAddress ? Prisma.sql`s."ctid" AS "at", ` : Prisma.empty}s."id", s."createdAt" FROM "PaymentSession" s ${where(conditions)} LIMIT ${TOTAL_CAP + 1}),
      total AS (SELECT count(*)::int AS n, NULL::float8 AS estimate FROM hits)`;
    const firstPage = where([...at, Prisma.sql`(SELECT n FROM total) <= ${TOTAL_CAP}`]);
    const few = atAddress
      ? Prisma.sql`SELECT ${pageColumns("p")} FROM (SELECT s."at" FROM hits s ${firstPage} ${newestFirst}) k JOIN "PaymentSession" p ON p."ctid" = k."at"`
      : withColumns(pageColumns("p"), Prisma.sql`SELECT s."id", s."createdAt" FROM hits s ${firstPage} ${newestFirst}`, "later");
    const many = withColumns(
      pageColumns("p"),
      Prisma.sql`SELECT s."id", s."createdAt" FROM "PaymentSession" s ${where([...conditions, ...at, Prisma.sql`(SELECT n FROM total) > ${TOTAL_CAP}`])} ${newestFirst}`,
      "later",
    );
    page = Prisma.sql`(${few}) UNION ALL (${many})`;
  } else {
    const counted = Prisma.sql`(${cappedCountSql(conditions, TOTAL_CAP)})`;
    // Unfiltered: the estimate, and a count only when the estimate is within the cap.
    head = conditions.length
      ? Prisma.sql`WITH total AS (SELECT ${counted} AS n, NULL::float8 AS estimate)`
      : Prisma.sql`WITH e AS (${ESTIMATED_ROWS}), total AS (SELECT CASE WHEN e.n > ${TOTAL_CAP} THEN NULL ELSE ${counted} END AS n, e.n AS estimate FROM e)`;
    const walk = where([...conditions, ...at]);
    page = oneIndexServes(query)
      ? // The index's own conditions find the page: its rows are read as it is walked, no join.
        Prisma.sql`SELECT ${pageColumns("s")} FROM "PaymentSession" s ${walk} ${newestFirst}`
      : withColumns(pageColumns("p"), Prisma.sql`SELECT s."id", s."createdAt" FROM "PaymentSession" s ${walk} ${newestFirst}`, "later");
  }
  const { columns, from } = named(page);
  const rows = await rawRows<{ total: number | null; estimate: number | null } & RawRecord>(
    db,
    Prisma.sql`${head}
      SELECT t."n" AS "total", t."estimate", ${columns} FROM total t LEFT JOIN ${from} ON true
      ORDER BY page."createdAt" DESC, page."id" DESC`,
  );
  const { total: n, estimate } = rows[0] ?? { total: 0, estimate: null };
  const total = n === null ? estimatedTotal(estimate ?? 0) : cappedTotal(n, TOTAL_CAP);
  return { records: rows.filter((row) => row.id !== null).map(({ total: _total, estimate: _estimate, ...record }) => toRecord(record)), total };
}

/**
 * How many links, from the page's position on, a free-text search reads first: newest first, on the
 * keyset index alone, stopping at a page of matches. A common name ("Svensson") fills a page within a
 * few hundred of them, an address fragment ("anna.s") within a few thousand; a rare one is then looked
 * up by its trigrams. Either way the cost stays put as the table grows. Reading the stored searchText,
 * a link costs ~0.25 µs: all 10,000 about 2.5 ms, what 5,000 cost when each was lower-cased as read.
 */
export const TEXT_WINDOW = 10_000;

/** The most links the second window reads (sized by the first window's rate of matches). */
const SECOND_WINDOW_MAX = 20_000;

type Window = { records: PageRecord[]; /** The window's last link when the history went on past it. */ end: Cursor | null };

/**
 * A free-text search's matches among the `size` links from `position` on, up to `limit`: the links
 * are read in order on the keyset index and tested as they come, so the read stops at the `limit`th
 * match. Only a window that found fewer looks up where it ended (a skip along the same index), which
 * tells a window cut short from a history that ended inside it, and where the next window starts.
 */
async function scanWindow(db: Db, query: HistoryQuery, search: Search, position: Position, limit: number, size: number): Promise<Window> {
  const conditions = filterConditions(query);
  if (position) conditions.push(positionCondition(position.cursor, position.direction));
  const order = position?.direction === "newer" ? Prisma.sql`ASC` : Prisma.sql`DESC`;
  const keys = Prisma.sql`
    SELECT t."id", t."createdAt" FROM (
      SELECT s."id", s."createdAt", ${searchCondition(search)} AS "match"
      FROM "PaymentSession" s ${where(conditions)}
      ORDER BY s."createdAt" ${order}, s."id" ${order} LIMIT ${size}) t
    WHERE t."match"
    ORDER BY t."createdAt" ${order}, t."id" ${order} LIMIT ${limit}`;
  const { columns, from } = named(withColumns(pageColumns("p"), keys, "later"));
  const records = (await rawRows<RawRecord>(db, Prisma.sql`SELECT ${columns} FROM ${from} ORDER BY page."createdAt" DESC, page."id" DESC`)).map(toRecord);
  if (records.length === limit) return { records, end: null };
  // It reads a column only the window's covering index holds (the reference), so it walks that index
  // as the window did, rather than sorting a narrower index's entries (which the planner prefers for
  // a small store: 4 ms for 5,000 links, against 1 ms).
  const [end] = await rawRows<Cursor>(
    db,
    Prisma.sql`SELECT e."id", ${iso(Prisma.sql`e."createdAt"`)} AS "createdAt", e."merchantReference" FROM (
      SELECT s."id", s."createdAt", s."merchantReference" FROM "PaymentSession" s ${where(conditions)}
      ORDER BY s."createdAt" ${order}, s."id" ${order} OFFSET ${size - 1} LIMIT 1) e`,
  );
  return { records, end: end ? { createdAt: end.createdAt, id: end.id } : null };
}

/**
 * The first reading of a free-text search: its matches among the TEXT_WINDOW links from `position`
 * on, and, when some were found but not a page, among as many more as their rate says a page needs
 * (at most SECOND_WINDOW_MAX more). `settled`: that answers the page, because it found `limit` matches, or
 * because the history ended inside the windows (then `records` is every match from `position` on).
 * Otherwise the caller looks the search up by its trigrams.
 */
export async function readTextWindow(db: Db, query: HistoryQuery, position: Position, limit: number): Promise<{ records: PageRecord[]; settled: boolean }> {
  if (query.search?.kind !== "text") throw new Error("readTextWindow: not a free-text search");
  const first = await scanWindow(db, query, query.search, position, limit, TEXT_WINDOW);
  const found = first.records.length;
  if (found === limit || !first.end) return { records: first.records, settled: true };
  if (found === 0) return { records: [], settled: false };
  const size = Math.min(SECOND_WINDOW_MAX, Math.ceil(((limit - found) * TEXT_WINDOW * 1.5) / found));
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
  const [row] = await rawRows<{ n: number }>(db, cappedCountSql(allConditions(query), cap));
  return cappedTotal(Number(row?.n ?? 0), cap);
}

function cappedCountSql(conditions: Prisma.Sql[], cap: number): Prisma.Sql {
  return Prisma.sql`SELECT count(*)::int AS n FROM (SELECT 1 FROM "PaymentSession" s ${where(conditions)} LIMIT ${cap + 1}) t`;
}

function cappedTotal(n: number, cap: number): Total {
  return n > cap ? { value: cap, more: true, approximate: false } : { value: n, more: false, approximate: false };
}

const estimatedTotal = (estimate: number): Total => ({ value: Math.round(estimate), more: false, approximate: true });

/** The planner's row estimate, kept by ANALYZE and autovacuum: free at any size. */
const ESTIMATED_ROWS = Prisma.sql`SELECT reltuples::float8 AS n FROM pg_class WHERE oid = '"PaymentSession"'::regclass`;

async function estimatedRows(db: Db): Promise<number> {
  const [row] = await rawRows<{ n: number }>(db, ESTIMATED_ROWS);
  return Number(row?.n ?? -1);
}

/** The list's total: exact while small, otherwise "more than" the cap, or an estimate for everything. */
export async function historyTotal(db: Db, query: HistoryQuery): Promise<Total> {
  if (query.search?.kind === "text") return cappedCount(db, query, TEXT_SEARCH_CAP);
  if (allConditions(query).length === 0) {
    const estimate = await estimatedRows(db);
    if (estimate > TOTAL_CAP) return estimatedTotal(estimate);
  }
  return cappedCount(db, query, TOTAL_CAP);
}
