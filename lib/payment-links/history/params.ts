/**
 * The history list's filters as they appear in the URL: parsed, written back, and the keyset cursor.
 * Browser-safe: the page, the filter bar, the export link and the dashboard's links share it.
 */
import { CHANNEL_VALUES, type Channel } from "@/lib/domain/channels";
import { OPEN_STATUSES, type LinkStatus } from "@/lib/domain/statuses";

export const HISTORY_PAGE_SIZE = 25;
export const SEARCH_MAX_LENGTH = 100;
/** Totals above this are shown as "more than …" rather than counted. */
export const TOTAL_CAP = 1_000;

export const STATUS_FILTERS = [
  { value: "all", label: "All", statuses: null },
  { value: "open", label: "Open", statuses: OPEN_STATUSES },
  { value: "COMPLETED", label: "Paid", statuses: ["COMPLETED"] },
  { value: "CANCELLED", label: "Cancelled", statuses: ["CANCELLED"] },
  { value: "DISABLED", label: "Disabled", statuses: ["DISABLED"] },
  { value: "EXPIRED", label: "Expired", statuses: ["EXPIRED"] },
  // Open, and no send has reached the customer.
  { value: "not-sent", label: "Not sent", statuses: OPEN_STATUSES },
  // Open, and its link expires within the next 24 hours (the dashboard's figure).
  { value: "expiring", label: "Expiring within 24 h", statuses: OPEN_STATUSES },
  // Any status, with at least one send that failed (of `reason`, when given: the dashboard's figure).
  { value: "send-failed", label: "A send failed", statuses: null },
] as const satisfies readonly { value: string; label: string; statuses: readonly LinkStatus[] | null }[];

export type StatusFilter = (typeof STATUS_FILTERS)[number]["value"];

/** A position in the newest-first order: the last row seen. */
export type Cursor = { createdAt: string; id: string };

export type HistoryParams = {
  status: StatusFilter;
  q: string;
  /** Calendar dates (YYYY-MM-DD) in the store's time zone, both inclusive. */
  from: string;
  to: string;
  store: string;
  createdBy: string;
  channel: Channel | "";
  /** With status "send-failed": only sends that failed for this reason (an error code). */
  reason: string;
  /** Rows older than this (the "Older" link), or newer than it (the "Newer" link). */
  older: Cursor | null;
  newer: Cursor | null;
};

export const EMPTY_HISTORY_PARAMS: HistoryParams = {
  status: "all",
  q: "",
  from: "",
  to: "",
  store: "",
  createdBy: "",
  channel: "",
  reason: "",
  older: null,
  newer: null,
};

type RawSearchParams = Record<string, string | string[] | undefined> | URLSearchParams;

function first(params: RawSearchParams, key: string): string {
  const value = params instanceof URLSearchParams ? params.get(key) : params[key];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** An error code as sends record it ("BLACKLIST_REFUSED"). */
const REASON = /^[A-Z][A-Z0-9_]{0,63}$/;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function isoDate(text: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return "";
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text) ? text : "";
}

/** "2026-12-01T10:00:00.000Z~<uuid>" in the URL; anything else is no cursor. */
export function encodeCursor(cursor: Cursor): string {
  return `${cursor.createdAt}~${cursor.id}`;
}

export function decodeCursor(text: string): Cursor | null {
  const [createdAt, id, ...rest] = text.split("~");
  if (!createdAt || !id || rest.length > 0 || !UUID.test(id)) return null;
  const date = new Date(createdAt);
  if (Number.isNaN(date.getTime())) return null;
  return { createdAt: date.toISOString(), id: id.toLowerCase() };
}

/** Anything unknown falls back to the default rather than failing: URLs get shared and hand-edited. */
export function parseHistoryParams(searchParams: RawSearchParams): HistoryParams {
  const statusText = first(searchParams, "status");
  const channelText = first(searchParams, "channel");
  const store = first(searchParams, "store");
  const createdBy = first(searchParams, "createdBy");
  const older = decodeCursor(first(searchParams, "older"));
  const status = STATUS_FILTERS.find((filter) => filter.value === statusText)?.value ?? "all";
  const reason = first(searchParams, "reason");
  return {
    status,
    q: first(searchParams, "q").trim().slice(0, SEARCH_MAX_LENGTH),
    from: isoDate(first(searchParams, "from")),
    to: isoDate(first(searchParams, "to")),
    store: UUID.test(store) ? store : "",
    createdBy: UUID.test(createdBy) ? createdBy : "",
    channel: CHANNEL_VALUES.find((value) => value === channelText) ?? "",
    reason: status === "send-failed" && REASON.test(reason) ? reason : "",
    older,
    newer: older ? null : decodeCursor(first(searchParams, "newer")),
  };
}

/** The filters without the position, e.g. for the export link and "back to the newest". */
export function filterQuery(params: HistoryParams): URLSearchParams {
  const query = new URLSearchParams();
  if (params.status !== "all") query.set("status", params.status);
  if (params.q) query.set("q", params.q);
  if (params.from) query.set("from", params.from);
  if (params.to) query.set("to", params.to);
  if (params.store) query.set("store", params.store);
  if (params.createdBy) query.set("createdBy", params.createdBy);
  if (params.channel) query.set("channel", params.channel);
  if (params.status === "send-failed" && params.reason) query.set("reason", params.reason);
  return query;
}

/** "/sessions?status=open&q=…&older=…", leaving out defaults so URLs stay short. */
export function historyHref(params: Partial<HistoryParams>, path = "/sessions"): string {
  const query = filterQuery({ ...EMPTY_HISTORY_PARAMS, ...params });
  if (params.older) query.set("older", encodeCursor(params.older));
  else if (params.newer) query.set("newer", encodeCursor(params.newer));
  const text = query.toString();
  return text ? `${path}?${text}` : path;
}

export function hasFilters(params: HistoryParams): boolean {
  return filterQuery(params).toString() !== "";
}

/** "BLACKLIST_REFUSED" → "Blacklist refused": a send's failure reason as a manager reads it. */
export function reasonLabel(code: string): string {
  const words = code.toLowerCase().replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** The IANA time zone a store's dates are read in, from its country; UTC when unknown. */
const COUNTRY_TIME_ZONES: Record<string, string> = {
  SE: "Europe/Stockholm",
  DE: "Europe/Berlin",
  NO: "Europe/Oslo",
  DK: "Europe/Copenhagen",
  FI: "Europe/Helsinki",
  NL: "Europe/Amsterdam",
  AT: "Europe/Vienna",
  FR: "Europe/Paris",
  GB: "Europe/London",
};

export function storeTimeZone(country: string | null | undefined): string {
  return (country && COUNTRY_TIME_ZONES[country.toUpperCase()]) || "UTC";
}
