import "server-only";
import { AuthorizationError, type Actor } from "@/lib/auth/authorize";
import { rawRows, type Db } from "@/lib/db";
import { storedChannel } from "@/lib/domain/channels";
import { LINK_STATUSES } from "@/lib/domain/statuses";
import { Prisma } from "@/lib/generated/prisma/client";
import { STATUS_FILTERS, storeTimeZone, type Cursor, type HistoryParams } from "./params";
import { classifySearch, searchCondition, type Search } from "./search";

/** Whose links a request may read, and the time zone its dates are in. */
export type HistoryScope = {
  /** Null: every store (admins only). */
  storeId: string | null;
  timeZone: string;
  /** The store's locale for amounts; null across stores. */
  locale: string | null;
};

/** The store a request reads: an admin's choice from the URL (null: every store), anyone else's own. */
function scopeStoreId(actor: Actor, requestedStore: string): string | null {
  const storeId = actor.role === "ADMIN" ? requestedStore || null : actor.storeId;
  if (actor.role !== "ADMIN" && !storeId) throw new AuthorizationError("FORBIDDEN");
  return storeId;
}

type StoreSettings = { country: string; locale: string } | null | undefined;

/** The actor's own store's settings as the sign-in check read them, when the scope is that store. */
function ownStoreSettings(actor: Actor, storeId: string): StoreSettings {
  return storeId === actor.storeId ? actor.storeSettings : undefined;
}

function scopeOf(storeId: string | null, store: StoreSettings): HistoryScope {
  if (!storeId) return { storeId: null, timeZone: "UTC", locale: null };
  // An unknown store id from a hand-edited URL selects nothing rather than everything.
  return { storeId, timeZone: storeTimeZone(store?.country), locale: store?.locale ?? null };
}

/**
 * Agents and managers read their own store whatever the URL says; an admin reads the store the URL
 * names, or all of them (dates then in UTC, as stores may differ).
 */
export async function resolveScope(db: Db, actor: Actor, requestedStore: string): Promise<HistoryScope> {
  const storeId = scopeStoreId(actor, requestedStore);
  if (!storeId) return scopeOf(null, null);
  const own = ownStoreSettings(actor, storeId);
  if (own) return scopeOf(storeId, own);
  const [store] = await rawRows<{ country: string; locale: string }>(db, Prisma.sql`SELECT "country", "locale" FROM "Store" WHERE "id" = ${storeId}`);
  return scopeOf(storeId, store);
}

function statusList(statuses: readonly string[]): Prisma.Sql {
  // From the fixed vocabulary, never from the request: written as literals so the planner can match
  // the partial indexes' predicate (status IN the open set).
  const known = statuses.filter((status) => (LINK_STATUSES as readonly string[]).includes(status));
  return Prisma.raw(known.map((status) => `'${status}'`).join(", "));
}

/** Midnight starting `date` (YYYY-MM-DD) in `timeZone`, as the UTC timestamp the table stores. */
function zonedMidnight(date: string, timeZone: string, plusDays = 0): Prisma.Sql {
  return Prisma.sql`((${date}::date + ${plusDays}::int)::timestamp AT TIME ZONE ${timeZone}) AT TIME ZONE 'UTC'`;
}

/** An open link's expiry within the next 24 hours (with the open statuses: the "expiring" filter). */
const EXPIRING_SOON = Prisma.sql`s."expiresAt" > now() AND s."expiresAt" <= now() + interval '24 hours'`;

export type HistoryQuery = { scope: HistoryScope; params: HistoryParams; search: Search | null };

export function historyQuery(scope: HistoryScope, params: HistoryParams): HistoryQuery {
  return { scope, params, search: classifySearch(params.q) };
}

/** Every condition of the list on alias "s" except the search and the position. */
export function filterConditions({ scope, params }: HistoryQuery): Prisma.Sql[] {
  const conditions: Prisma.Sql[] = [];
  if (scope.storeId) conditions.push(Prisma.sql`s."storeId" = ${scope.storeId}`);
  const statuses = STATUS_FILTERS.find((filter) => filter.value === params.status)?.statuses;
  if (statuses) conditions.push(Prisma.sql`s."status" IN (${statusList(statuses)})`);
  // No send has reached the customer: a link's stored last send is a SENT one whenever any is (last-send.ts).
  if (params.status === "not-sent") conditions.push(Prisma.sql`s."lastSendOutcome" IS DISTINCT FROM 'SENT'`);
  if (params.status === "expiring") conditions.push(EXPIRING_SOON);
  if (params.status === "send-failed") {
    // Stored on the link (last-send.ts): the few links with a failed send are read through their own
    // partial index (send_failed migration); a reason is then probed in their failed sends' index.
    conditions.push(Prisma.sql`s."sendFailed"`);
    if (params.reason) {
      conditions.push(
        Prisma.sql`EXISTS (SELECT 1 FROM "Distribution" d WHERE d."sessionId" = s."id" AND d."outcome" = 'FAILED' AND coalesce(d."errorCode", 'UNKNOWN') = ${params.reason})`,
      );
    }
  }
  if (params.from) conditions.push(Prisma.sql`s."createdAt" >= ${zonedMidnight(params.from, scope.timeZone)}`);
  if (params.to) conditions.push(Prisma.sql`s."createdAt" < ${zonedMidnight(params.to, scope.timeZone, 1)}`);
  if (params.createdBy) conditions.push(Prisma.sql`s."createdById" = ${params.createdBy}`);
  // The channel of the link's last send (the list's Last channel column), stored on the link (last-send.ts).
  if (params.channel) conditions.push(Prisma.sql`s."lastChannel" = ${storedChannel(params.channel)}::"Channel"`);
  return conditions;
}

export function allConditions(query: HistoryQuery): Prisma.Sql[] {
  return [...filterConditions(query), ...(query.search ? [searchCondition(query.search)] : [])];
}

export function where(conditions: Prisma.Sql[]): Prisma.Sql {
  return conditions.length ? Prisma.sql`WHERE ${Prisma.join(conditions, " AND ")}` : Prisma.empty;
}

/** Rows after `cursor` in newest-first order ("older"), or before it ("newer"). */
export function positionCondition(cursor: Cursor, direction: "older" | "newer"): Prisma.Sql {
  return direction === "older"
    ? Prisma.sql`(s."createdAt", s."id") < (${cursor.createdAt}::timestamp, ${cursor.id})`
    : Prisma.sql`(s."createdAt", s."id") > (${cursor.createdAt}::timestamp, ${cursor.id})`;
}

export type FilterOption = { value: string; label: string };
export type HistoryFilterOptions = { stores: FilterOption[]; creators: FilterOption[] };

const asOptions = (table: Prisma.Sql, filter: Prisma.Sql = Prisma.empty) =>
  Prisma.sql`(SELECT coalesce(json_agg(json_build_object('value', "id", 'label', "name") ORDER BY "name"), '[]'::json) FROM ${table} ${filter})`;

/**
 * resolveScope, and the Store (admins) and Created by (managers, admins) choices within what the
 * actor may read: one round trip, as the list and the dashboard need all three before anything else.
 */
export async function scopeAndOptions(db: Db, actor: Actor, requestedStore: string): Promise<{ scope: HistoryScope; options: HistoryFilterOptions }> {
  const storeId = scopeStoreId(actor, requestedStore);
  const own = storeId ? ownStoreSettings(actor, storeId) : undefined;
  // An agent's own store, its settings already read by the sign-in check: nothing to ask.
  if (own && actor.role === "AGENT") return { scope: scopeOf(storeId, own), options: { stores: [], creators: [] } };
  const creatorsOf = storeId ? Prisma.sql`WHERE "storeId" = ${storeId} OR "role" = 'ADMIN'` : Prisma.empty;
  const [row] = await rawRows<{ store: StoreSettings; stores: FilterOption[]; creators: FilterOption[] }>(
    db,
    Prisma.sql`SELECT
      ${storeId && !own ? Prisma.sql`(SELECT json_build_object('country', "country", 'locale', "locale") FROM "Store" WHERE "id" = ${storeId})` : Prisma.sql`NULL::json`} AS "store",
      ${actor.role === "ADMIN" ? asOptions(Prisma.sql`"Store"`) : Prisma.sql`'[]'::json`} AS "stores",
      ${actor.role === "AGENT" ? Prisma.sql`'[]'::json` : asOptions(Prisma.sql`"User"`, creatorsOf)} AS "creators"`,
  );
  return { scope: scopeOf(storeId, own ?? row?.store), options: { stores: row?.stores ?? [], creators: row?.creators ?? [] } };
}
