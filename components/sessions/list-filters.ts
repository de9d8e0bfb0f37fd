/** The /sessions filters as they appear in the URL. Browser-safe: used by the page and the filter bar. */
import { OPEN_STATUSES, type LinkStatus as SessionStatus } from "@/lib/domain/statuses";

export const SESSIONS_PAGE_SIZE = 25;
export const SEARCH_MAX_LENGTH = 100;

export const STATUS_FILTERS = [
  { value: "all", label: "All", statuses: null },
  { value: "open", label: "Open", statuses: OPEN_STATUSES },
  { value: "COMPLETED", label: "Completed", statuses: ["COMPLETED"] },
  { value: "CANCELLED", label: "Cancelled", statuses: ["CANCELLED"] },
  { value: "DISABLED", label: "Disabled", statuses: ["DISABLED"] },
  { value: "EXPIRED", label: "Expired", statuses: ["EXPIRED"] },
] as const satisfies readonly { value: string; label: string; statuses: readonly SessionStatus[] | null }[];

export type StatusFilter = (typeof STATUS_FILTERS)[number]["value"];

export type SessionListParams = { status: StatusFilter; q: string; page: number };

type RawSearchParams = Record<string, string | string[] | undefined>;

function first(value: string | string[] | undefined): string {
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** Anything unknown falls back to the default rather than failing: URLs get shared and hand-edited. */
export function parseSessionListParams(searchParams: RawSearchParams): SessionListParams {
  const statusText = first(searchParams.status);
  const status = STATUS_FILTERS.find((filter) => filter.value === statusText)?.value ?? "all";
  const q = first(searchParams.q).trim().slice(0, SEARCH_MAX_LENGTH);
  const pageNumber = Number(first(searchParams.page));
  const page = Number.isSafeInteger(pageNumber) && pageNumber >= 1 ? pageNumber : 1;
  return { status, q, page };
}

/** "/sessions?status=open&q=…&page=2", leaving out defaults so URLs stay short. */
export function sessionListHref({ status, q, page }: SessionListParams): string {
  const params = new URLSearchParams();
  if (status !== "all") params.set("status", status);
  if (q) params.set("q", q);
  if (page > 1) params.set("page", String(page));
  const query = params.toString();
  return query ? `/sessions?${query}` : "/sessions";
}
