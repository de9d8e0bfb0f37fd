import "server-only";
import type { Actor } from "@/lib/auth/authorize";
import { db as defaultDb, rawRows, type Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import { filterConditions, scopeAndOptions, where, type FilterOption, type HistoryScope } from "./history/filters";
import { EMPTY_HISTORY_PARAMS, type HistoryParams } from "./history/params";

export const DASHBOARD_PERIODS = [
  { value: "today", label: "Today", days: 1 },
  { value: "7d", label: "7 days", days: 7 },
  { value: "30d", label: "30 days", days: 30 },
] as const;
export type DashboardPeriod = (typeof DASHBOARD_PERIODS)[number]["value"];

export type AgentFigures = { userId: string; name: string; created: number; paid: number; medianSecondsToPay: number | null };
export type DayFigures = { day: string; created: number; paid: number };

export type Dashboard = {
  period: DashboardPeriod;
  /** The list filters the period figures are counted with (created from … to, store): their links use them. */
  filters: Pick<HistoryParams, "from" | "to" | "store">;
  timeZone: string;
  /** For amounts: the store's locale, or a neutral one across stores. */
  locale: string;
  created: number;
  paid: number;
  /** Minor units per currency, of the links created in the period and paid. */
  paidAmounts: { currency: string; amount: number }[];
  medianSecondsToPay: number | null;
  openNow: number;
  expiringSoon: number;
  /** Links created in the period with a send that failed, by the failure's reason. */
  failedSends: { reason: string; count: number }[];
  agents: AgentFigures[];
  days: DayFigures[];
  stores: FilterOption[];
};

export function parseDashboardPeriod(value: string | string[] | undefined): DashboardPeriod {
  const text = Array.isArray(value) ? value[0] : value;
  return DASHBOARD_PERIODS.find((period) => period.value === text)?.value ?? "7d";
}

/** As pg reads them: counts and sums (int8) as text, the day as YYYY-MM-DD. */
type GroupRow = {
  agent: string | null;
  agent_name: string | null;
  day: string | null;
  currency: string | null;
  created: string;
  paid: string;
  paid_amount: string | null;
  median_seconds: number | null;
  g_agent: number;
  g_day: number;
  g_currency: number;
};

const num = (value: string | number | null | undefined) => Number(value ?? 0);

/**
 * The period's links grouped three ways in one pass (per agent, per day, per currency; the totals are
 * the currencies' sums, one hash fewer per link), and beside it the medians, which only the totals and
 * the agents need and only paid links feed.
 * Both read the history index alone; names are joined to the few groups, not to every link. The
 * dashboard's reads skip Prisma's query engine (rawRows), as the list's do.
 */
async function periodFigures(db: Db, conditions: Prisma.Sql[], timeZone: string): Promise<{ groups: GroupRow[]; medianSecondsToPay: number | null }> {
  const [groups, medians] = await Promise.all([
    // Days in the store's time zone: the links are counted per quarter hour of UTC (every zone's offset
    // is whole quarter hours), and only those few hundred slots are turned into local days, rather than
    // converting each link's time between zones (a quarter of the query at 30 days, every store).
    rawRows<Omit<GroupRow, "median_seconds">>(
      db,
      Prisma.sql`
      WITH g AS (
        SELECT s."createdById" AS agent, s.slot, s."currency",
          count(*) AS created,
          count(*) FILTER (WHERE s."status" = 'COMPLETED') AS paid,
          sum(s."amount") FILTER (WHERE s."status" = 'COMPLETED') AS paid_amount,
          GROUPING(s."createdById")::int AS g_agent, GROUPING(s.slot)::int AS g_slot, GROUPING(s."currency")::int AS g_currency
        FROM (
          SELECT s."createdById", s."currency", s."status", s."amount", date_bin('15 minutes', s."createdAt", TIMESTAMP '2000-01-01') AS slot
          FROM "PaymentSession" s ${where(conditions)}
        ) s
        GROUP BY GROUPING SETS ((s."createdById"), (s.slot), (s."currency"))
      ), figures AS (
        SELECT g.agent, NULL::text AS day, g."currency", g.created, g.paid, g.paid_amount, g.g_agent, 1 AS g_day, g.g_currency
        FROM g WHERE g.g_slot = 1
        UNION ALL
        SELECT NULL, to_char(((g.slot AT TIME ZONE 'UTC') AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD'), NULL,
          sum(g.created), sum(g.paid), sum(g.paid_amount), 1, 0, 1
        FROM g WHERE g.g_slot = 0 GROUP BY 2
      )
      SELECT f.*, u."name" AS agent_name FROM figures f LEFT JOIN "User" u ON u."id" = f.agent`,
    ),
    rawRows<{ agent: string | null; median_seconds: number | null }>(
      db,
      Prisma.sql`
      SELECT CASE WHEN GROUPING(s."createdById") = 0 THEN s."createdById" END AS agent,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY date_part('epoch', s."statusChangedAt" - s."createdAt")) AS median_seconds
      FROM "PaymentSession" s ${where([...conditions, Prisma.sql`s."status" = 'COMPLETED'`])}
      GROUP BY GROUPING SETS ((), (s."createdById"))`,
    ),
  ]);
  const medianOf = new Map(medians.map((m) => [m.agent, m.median_seconds]));
  return {
    groups: groups.map((g) => ({ ...g, median_seconds: !g.g_agent ? (medianOf.get(g.agent) ?? null) : null })),
    medianSecondsToPay: medianOf.get(null) ?? null,
  };
}

async function count(db: Db, sql: Prisma.Sql): Promise<number> {
  const [row] = await rawRows<{ n: string }>(db, sql);
  return num(row?.n);
}

function isoDay(date: Date): string {
  return date.toISOString().slice(0, 10);
}

/** Each day from `from` to `to` (YYYY-MM-DD), so days without links still show. */
function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) days.push(isoDay(new Date(t)));
  return days;
}

async function todayIn(db: Db, timeZone: string): Promise<string> {
  const [row] = await rawRows<{ today: string }>(db, Prisma.sql`SELECT to_char((now() AT TIME ZONE ${timeZone})::date, 'YYYY-MM-DD') AS today`);
  return row!.today;
}

/**
 * Implied by the join to a failed send, and stored on the link (last-send.ts): the period's few links
 * with a failed send are read through their partial index, not every link of the period.
 */
const FAILED_SEND = Prisma.sql`s."sendFailed"`;

/**
 * No earlier than any send of a link created from `from` (a date in the store's zone) on: a send is
 * made after its link, and the zone's midnight is within a day of the date's midnight in UTC (two
 * days' margin). The period's failed sends are then read through their partial index by time
 * (last_send migration), not every failed send of the history.
 */
const sendsFrom = (from: string) => Prisma.sql`(${from}::date - 2)::timestamp`;

function scopeQuery(scope: HistoryScope, params: Partial<HistoryParams>) {
  return { scope, params: { ...EMPTY_HISTORY_PARAMS, ...params }, search: null };
}

/**
 * The dashboard of the links the actor may read (an admin's chosen store, or all), for the period
 * ending today in the store's time zone. Period figures count the links created in it, with the
 * same conditions as the list they link to, so each figure matches its filtered list.
 */
export async function loadDashboard(actor: Actor, period: DashboardPeriod, requestedStore: string, db: Db = defaultDb()): Promise<Dashboard> {
  const { scope, options } = await scopeAndOptions(db, actor, requestedStore);
  const days = DASHBOARD_PERIODS.find((p) => p.value === period)!.days;
  const to = await todayIn(db, scope.timeZone);
  const from = isoDay(new Date(Date.parse(`${to}T00:00:00Z`) - (days - 1) * 86_400_000));
  // Only an admin's links name the store: everyone else's list is their store whatever the URL says.
  const store = actor.role === "ADMIN" ? (scope.storeId ?? "") : "";
  const inPeriod = filterConditions(scopeQuery(scope, { from, to }));
  const open = filterConditions(scopeQuery(scope, { status: "open" }));
  const expiring = filterConditions(scopeQuery(scope, { status: "expiring" }));
  const [{ groups, medianSecondsToPay }, openNow, expiringSoon, failed] = await Promise.all([
    periodFigures(db, inPeriod, scope.timeZone),
    count(db, Prisma.sql`SELECT count(*) AS n FROM "PaymentSession" s ${where(open)}`),
    count(db, Prisma.sql`SELECT count(*) AS n FROM "PaymentSession" s ${where(expiring)}`),
    // As the "A send failed" list counts them: links created in the period, each once per reason.
    rawRows<{ reason: string; n: string }>(
      db,
      Prisma.sql`
      SELECT coalesce(d."errorCode", 'UNKNOWN') AS reason, count(DISTINCT s."id") AS n
      FROM "PaymentSession" s JOIN "Distribution" d ON d."sessionId" = s."id" AND d."outcome" = 'FAILED' AND d."createdAt" >= ${sendsFrom(from)}
      ${where([...inPeriod, FAILED_SEND])}
      GROUP BY 1 ORDER BY 2 DESC, 1`,
    ),
  ]);
  // Every link has one currency: the period's totals are the currencies' sums.
  const byCurrency = groups.filter((g) => !g.g_currency && g.currency);
  const sum = (pick: (g: GroupRow) => string | null) => byCurrency.reduce((n, g) => n + num(pick(g)), 0);
  const byDay = new Map(groups.filter((g) => !g.g_day && g.day).map((g) => [g.day!, g]));
  return {
    period,
    filters: { from, to, store },
    timeZone: scope.timeZone,
    locale: scope.locale ?? "en-GB",
    created: sum((g) => g.created),
    paid: sum((g) => g.paid),
    paidAmounts: byCurrency
      .filter((g) => num(g.paid_amount) > 0)
      .map((g) => ({ currency: g.currency!, amount: num(g.paid_amount) }))
      .sort((a, b) => a.currency.localeCompare(b.currency)),
    medianSecondsToPay,
    openNow,
    expiringSoon,
    failedSends: failed.map((row) => ({ reason: row.reason, count: num(row.n) })),
    agents: groups
      .filter((g) => !g.g_agent && g.agent)
      .map((g) => ({ userId: g.agent!, name: g.agent_name ?? "", created: num(g.created), paid: num(g.paid), medianSecondsToPay: g.median_seconds }))
      .sort((a, b) => b.created - a.created || a.name.localeCompare(b.name)),
    days: daysBetween(from, to).map((day) => ({ day, created: num(byDay.get(day)?.created), paid: num(byDay.get(day)?.paid) })),
    stores: options.stores,
  };
}
