import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { db as defaultDb, type Db } from "@/lib/db";
import { channelLabel } from "@/lib/domain/channels";
import { maskEmail, maskPhone } from "@/lib/domain/mask";
import { STATUS_LABELS, type LinkStatus } from "@/lib/domain/statuses";
import { historyQuery, scopeAndOptions, type HistoryFilterOptions } from "./filters";
import { HISTORY_PAGE_SIZE, type Cursor, type HistoryParams } from "./params";
import { historyTotal, readPage, readRows, readTextWindow, searchStrategy, type HistoryRecord, type PageRecord, type Position, type Total } from "./rows";

/** One row of /sessions, contact details already masked. */
export type HistoryRow = {
  id: string;
  createdAt: string;
  merchantReference: string;
  amount: number;
  currency: string;
  locale: string;
  customerName: string | null;
  customerPhoneMasked: string | null;
  customerEmailMasked: string | null;
  lastChannelLabel: string | null;
  status: LinkStatus;
  statusLabel: string;
  expiresAt: string | null;
  createdByName: string;
  storeName: string;
};

export type HistoryPage = {
  rows: HistoryRow[];
  /** Where the "Older" and "Newer" links lead; null when there is nothing there. */
  older: Cursor | null;
  newer: Cursor | null;
  total: Total;
  timeZone: string;
  options: HistoryFilterOptions;
};

export function lastChannelLabel(record: Pick<HistoryRecord, "lastChannel" | "lastOutcome">): string | null {
  if (!record.lastChannel) return null;
  const label = channelLabel(record.lastChannel);
  if (record.lastOutcome === "SENT") return label;
  return `${label} (${record.lastOutcome === "PENDING" ? "sending" : "not sent"})`;
}

function toRow(record: PageRecord): HistoryRow {
  return {
    id: record.id,
    createdAt: record.createdAt,
    merchantReference: record.merchantReference,
    amount: record.amount,
    currency: record.currency,
    locale: record.locale,
    customerName: record.customerName,
    customerPhoneMasked: maskPhone(record.customerPhone),
    customerEmailMasked: maskEmail(record.customerEmail),
    lastChannelLabel: lastChannelLabel(record),
    status: record.status,
    statusLabel: STATUS_LABELS[record.status],
    expiresAt: record.expiresAt,
    createdByName: record.createdByName,
    storeName: record.storeName,
  };
}

const keyOf = (record: PageRecord): Cursor => ({ createdAt: record.createdAt, id: record.id });

/** One page of the links the actor may read (every store for an admin), newest first, by cursor. */
export async function listHistory(actor: Actor, params: HistoryParams, db: Db = defaultDb()): Promise<HistoryPage> {
  const { scope, options } = await scopeAndOptions(db, actor, params.store);
  const query = historyQuery(scope, params);
  const position: Position = params.older
    ? { cursor: params.older, direction: "older" }
    : params.newer
      ? { cursor: params.newer, direction: "newer" }
      : null;
  // One more than a page tells whether there is anything beyond it.
  const limit = HISTORY_PAGE_SIZE + 1;
  let records: PageRecord[];
  let total: Total;
  const window = query.search?.kind === "text" ? await readTextWindow(db, query, position, limit) : null;
  if (!window) {
    ({ records, total } = await readPage(db, query, position, limit));
  } else if (window.settled && (window.records.length === limit || !position)) {
    // A full page of recent matches ("more than a page"), or every match there is (exact).
    records = window.records;
    total = { value: Math.min(records.length, HISTORY_PAGE_SIZE), more: records.length === limit, approximate: false };
  } else {
    total = await historyTotal(db, query);
    records = await readRows(db, query, position, limit, searchStrategy(total));
  }
  const beyond = records.length > HISTORY_PAGE_SIZE;
  const goingNewer = position?.direction === "newer";
  // Newer rows come back newest first too; the extra one is then the newest, not the oldest.
  const page = goingNewer && beyond ? records.slice(1) : records.slice(0, HISTORY_PAGE_SIZE);
  const first = page[0];
  const last = page.at(-1);
  const older = goingNewer ? (last ? keyOf(last) : params.newer) : beyond && last ? keyOf(last) : null;
  const newer = goingNewer ? (beyond && first ? keyOf(first) : null) : params.older ? (first ? keyOf(first) : params.older) : null;
  return { rows: page.map(toRow), older, newer, total, timeZone: scope.timeZone, options };
}
