/**
 * History at scale: `npm run bench:history [-- --sizes 10000,1000000 --runs 30]`. Prints figures, asserts
 * nothing. On PostgreSQL (BENCH_DATABASE_URL, default postgresql://postgres@127.0.0.1:5432/bench_history,
 * dropped and created): for each size, seeds the history, times the queries as they were before issue 9
 * (bench/history/baseline.ts) on the indexes as they were, applies the issue's migrations' indexes,
 * times the new reads (lib/payment-links) and the database's share of each list call (its queries'
 * round trips, summed), the pages over HTTP (a production build under `next start`), the CSV export,
 * and the first-load JS of /sessions and /dashboard. A copy of the smallest size's database is kept
 * (BENCH_DATABASE_URL + "_small"), and at the end a copy of the largest keeping only its newest links,
 * as many as the smallest has ("_recent"): each list variant is then timed on the three in turn, so
 * the ratios compare like with like, whatever the machine did meanwhile.
 * `--runs` (30) is the "before" runs, slow at 1M; `--list-runs` (100) the rest, fast. `--ratio-only`
 * times only that last pass, on the databases a full run left.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import pg from "pg";
import type { Actor } from "@/lib/auth/authorize";
import { createDb, rawPool, type Db } from "@/lib/db";
import { loadDashboard } from "@/lib/payment-links/dashboard";
import { getWorklist } from "@/lib/payment-links/follow-up/worklist";
import { exportHistoryCsv } from "@/lib/payment-links/history/export";
import { listHistory } from "@/lib/payment-links/history/list";
import { EMPTY_HISTORY_PARAMS, historyHref, type HistoryParams } from "@/lib/payment-links/history/params";
import { seedHistory } from "@/prisma/seed-history";
import { portalEnvFor } from "@/sandbox/src/portal-env";
import { createSandbox } from "@/sandbox/src/server";
import { DEMO_PASSWORD } from "@/prisma/seed";
import { baselineDashboard, baselineList, type BaselineParams } from "./baseline";

const { values: args } = parseArgs({
  options: { sizes: { type: "string" }, runs: { type: "string" }, "list-runs": { type: "string" }, port: { type: "string" }, "ratio-only": { type: "boolean" } },
});
const SIZES = (args.sizes ?? "10000,1000000").split(",").map(Number);
/** The pre-issue queries: up to a second each at 1M. */
const BEFORE_RUNS = Number(args.runs ?? 30);
/** Everything else: milliseconds each, so enough runs that a p95 is not one hiccup of a 2-core machine. */
const RUNS = Number(args["list-runs"] ?? 100);
const PORT = Number(args.port ?? process.env.BENCH_PORT ?? 3320);
const SERVER_URL = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/bench_history";
/** The smallest size's database, copied before the history grows (for the alternating ratio pass). */
const SMALL_URL = withSuffix("_small");
/**
 * The largest size's newest links, as many as the smallest size has: the same business a week in
 * rather than two years (see buildRecent). Its pages are the largest size's own pages.
 */
const RECENT_URL = withSuffix("_recent");

function withSuffix(suffix: string): string {
  const url = new URL(SERVER_URL);
  url.pathname = `${url.pathname}${suffix}`;
  return url.toString();
}
const MIGRATIONS = path.join(process.cwd(), "prisma", "migrations");
/** The migrations of issue 9: their indexes are what "before" lacks and "after" has. */
const HISTORY_MIGRATIONS = ["_history_indexes", "_last_send", "_send_failed", "_not_sent", "_search_text", "_expiring_keys"].map((suffix) => readdirSync(MIGRATIONS).find((name) => name.endsWith(suffix))!);

type Stat = { p50: number; p95: number };
/** figure name → size → before/after */
const results = new Map<string, Map<number, { before?: Stat; after?: Stat }>>();
const notes: string[] = [];

function stat(samples: number[]): Stat {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
  return { p50: at(50), p95: at(95) };
}

async function time(fn: () => Promise<unknown>, runs = RUNS): Promise<Stat> {
  await fn(); // warm: plans, caches
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  return stat(samples);
}

/** The round trips of a database's queries, summed since the last reset (as timeSql counts them). */
function meter(db: Db) {
  const pool = rawPool(db);
  const query = pool.query.bind(pool) as (...args: unknown[]) => Promise<unknown>;
  let spent = 0;
  (pool as unknown as { query: typeof query }).query = async (...args: unknown[]) => {
    const start = performance.now();
    try {
      return await query(...args);
    } finally {
      spent += performance.now() - start;
    }
  };
  return {
    take: () => {
      const value = spent;
      spent = 0;
      return value;
    },
    restore: () => {
      (pool as unknown as { query: typeof query }).query = query;
    },
  };
}

/**
 * The database's share of a call: the round trips of its queries, summed (each from send to answer,
 * as the portal waits for it), over the same runs as the call's own time. The list reads only through
 * `rawRows`, so wrapping its pool's `query` sees every statement.
 */
async function timeSql(db: Db, fn: () => Promise<unknown>, runs = RUNS): Promise<Stat> {
  const spent = meter(db);
  try {
    await fn();
    spent.take();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      await fn();
      samples.push(spent.take());
    }
    return stat(samples);
  } finally {
    spent.restore();
  }
}

/** figure name → size → the SQL share of the list's calls (timeSql) */
const sqlResults = new Map<string, Map<number, Stat>>();

function put(name: string, size: number, which: "before" | "after", value: Stat) {
  if (!results.has(name)) results.set(name, new Map());
  const bySize = results.get(name)!;
  bySize.set(size, { ...bySize.get(size), [which]: value });
  console.log(`  ${which.padEnd(6)} ${name.padEnd(40)} p50 ${value.p50.toFixed(2).padStart(8)} ms  p95 ${value.p95.toFixed(2).padStart(8)} ms`);
}

async function admin(sql: string) {
  const url = new URL(SERVER_URL);
  const database = url.pathname.slice(1);
  url.pathname = "/postgres";
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query(sql.replaceAll("$SMALL", `"${database}_small"`).replaceAll("$RECENT", `"${database}_recent"`).replaceAll("$DB", `"${database}"`));
  } finally {
    await client.end();
  }
}

async function runSql(sql: string, url = SERVER_URL) {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

const migrationSql = (name: string) => readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8");

/** The CREATE INDEX and DROP INDEX statements of the issue's migrations, in order (each is one line). */
const indexStatements = () => HISTORY_MIGRATIONS.flatMap((name) => migrationSql(name).split("\n").filter((line) => /^(CREATE|DROP) INDEX /.test(line)));

/** Undoes the issue's indexes, restoring the one they replaced: the "before" schema (its columns stay). */
async function dropHistoryIndexes() {
  const names = indexStatements().flatMap((line) => /^CREATE INDEX "([^"]+)"/.exec(line)?.[1] ?? []);
  await runSql(names.map((n) => `DROP INDEX IF EXISTS "${n}";`).join("\n") + `\nCREATE INDEX IF NOT EXISTS "PaymentSession_storeId_createdAt_idx" ON "PaymentSession"("storeId", "createdAt");`);
}

/**
 * The issue's index statements as they end: an index one migration creates and a later one drops (to
 * create it anew) is built once, in its last form.
 */
function finalIndexStatements(): string[] {
  const name = (line: string) => /INDEX "([^"]+)"/.exec(line)![1]!;
  const lines = indexStatements();
  return lines.filter((line, at) => !(line.startsWith("CREATE") && lines.slice(at + 1).some((later) => later.startsWith("DROP") && name(later) === name(line))));
}

async function applyHistoryIndexes(url = SERVER_URL) {
  await runSql(finalIndexStatements().map((line) => line.replace(/^DROP INDEX /, "DROP INDEX IF EXISTS ")).join("\n"), url);
  await settle(url);
}

/**
 * As a database that has run a while: statistics and visibility maps current, and the seed's and the
 * index builds' dirty pages written out, so no figure is taken while the server is still writing
 * gigabytes behind it.
 */
async function settle(url = SERVER_URL) {
  await runSql(`VACUUM ANALYZE`, url);
  await runSql(`CHECKPOINT`, url);
}

type Actors = { admin: Actor; agent: Actor; manager: Actor; storeId: string };

async function actors(db: Db): Promise<Actors> {
  const user = async (email: string): Promise<Actor> => {
    const u = await db.user.findUniqueOrThrow({ where: { email }, include: { store: true } });
    // As the sign-in check reads it for every page (lib/auth/actor.ts), store settings included.
    const storeSettings = u.store ? { country: u.store.country, locale: u.store.locale } : null;
    return { userId: u.id, email: u.email, name: u.name, role: u.role, storeId: u.storeId, storeName: u.store?.name ?? null, storeSettings };
  };
  const agent = await user("agent.stockholm@demo.test");
  return { admin: await user("admin@demo.test"), agent, manager: await user("manager.stockholm@demo.test"), storeId: agent.storeId! };
}

/** Search terms that exist in the data, picked from the middle of the history. */
async function samples(db: Db, storeId: string) {
  const count = await db.paymentSession.count({ where: { storeId } });
  const withContacts = { storeId, customerPhone: { not: null }, customerEmail: { not: null } };
  const [row] = await db.paymentSession.findMany({
    where: withContacts,
    orderBy: [{ createdAt: "desc" }, { id: "desc" }],
    skip: Math.floor((await db.paymentSession.count({ where: withContacts })) / 3),
    take: 1,
  });
  // 500 pages deep, or as deep as a small store goes.
  const deep = await db.paymentSession.findMany({ where: { storeId }, orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: Math.min(499 * 25, count - 26), take: 1 });
  // The last 30 days: the list the dashboard's 30-day figures link to.
  const monthStart = new Date(Date.now() - 29 * 86_400_000);
  return {
    reference: row!.merchantReference,
    referencePrefix: row!.merchantReference.slice(0, -2),
    phoneNational: `0${row!.customerPhone!.slice(3, 5)}-${row!.customerPhone!.slice(5, 8)} ${row!.customerPhone!.slice(8)}`,
    phoneTail: row!.customerPhone!.slice(-4),
    email: row!.customerEmail!,
    // What an agent remembers of an address: its start up to the "@" (an email search), or a fragment (text).
    emailStart: row!.customerEmail!.slice(0, row!.customerEmail!.indexOf("@") + 1),
    emailPrefix: row!.customerEmail!.slice(0, row!.customerEmail!.indexOf(".") + 2),
    name: row!.customerName!.split(" ").at(-1)!,
    deep: deep[0] ? { createdAt: deep[0].createdAt.toISOString(), id: deep[0].id } : null,
    from: monthStart,
    to: new Date(),
  };
}

type Samples = Awaited<ReturnType<typeof samples>>;
const day = (d: Date) => d.toISOString().slice(0, 10);

type Variant = { name: string; actor: keyof Omit<Actors, "storeId">; before?: BaselineParams | null; after: Partial<HistoryParams> };

function variants(s: Samples, storeId: string, creatorId: string): Variant[] {
  const range = { from: day(s.from), to: day(s.to) };
  return [
    { name: "list: admin, default", actor: "admin", before: {}, after: {} },
    { name: "list: agent, default", actor: "agent", before: { storeId }, after: {} },
    { name: "list: admin, status Open", actor: "admin", before: { status: "open" }, after: { status: "open" } },
    { name: "list: agent, status Paid", actor: "agent", before: { storeId, status: "COMPLETED" }, after: { status: "COMPLETED" } },
    { name: "list: agent, Not sent", actor: "agent", before: null, after: { status: "not-sent" } },
    { name: "list: agent, date range (30 days)", actor: "agent", before: { storeId, from: s.from, to: s.to }, after: range },
    { name: "list: admin, store", actor: "admin", before: { storeId }, after: { store: storeId } },
    { name: "list: manager, created by", actor: "manager", before: null, after: { createdBy: creatorId } },
    { name: "list: agent, channel SMS", actor: "agent", before: null, after: { channel: "sms" } },
    { name: "list: agent, channel Customer QR token", actor: "agent", before: null, after: { channel: "token" } },
    { name: "search: exact reference", actor: "agent", before: { storeId, q: s.reference }, after: { q: s.reference } },
    { name: "search: reference prefix", actor: "agent", before: { storeId, q: s.referencePrefix }, after: { q: s.referencePrefix } },
    { name: "search: phone, national format", actor: "agent", before: { storeId, q: s.phoneNational }, after: { q: s.phoneNational } },
    { name: "search: phone, last 4 digits", actor: "agent", before: { storeId, q: s.phoneTail }, after: { q: s.phoneTail } },
    { name: "search: email start (anna.svensson12@)", actor: "agent", before: { storeId, q: s.emailStart }, after: { q: s.emailStart } },
    { name: "search: email fragment (anna.s)", actor: "agent", before: { storeId, q: s.emailPrefix }, after: { q: s.emailPrefix } },
    { name: "search: customer name", actor: "agent", before: null, after: { q: s.name } },
    { name: "list: agent, 500 pages deep", actor: "agent", before: { storeId, page: 500 }, after: { older: s.deep } },
    { name: "list: agent, expiring within 24 h", actor: "agent", before: null, after: { status: "expiring" } },
    { name: "list: agent, a send failed", actor: "agent", before: null, after: { status: "send-failed" } },
  ];
}

/** Columns a new link's row copies from the newest link; the rest are the new link's own. */
const NEW_LINK: Record<string, string> = {
  id: "gen_random_uuid()::text",
  idempotencyKey: "gen_random_uuid()::text",
  providerSessionId: "gen_random_uuid()::text",
  status: "'WAITING'",
  createdAt: "now() AT TIME ZONE 'UTC'",
  updatedAt: "now() AT TIME ZONE 'UTC'",
  statusChangedAt: "now() AT TIME ZONE 'UTC'",
  expiresAt: "now() AT TIME ZONE 'UTC' + interval '3 days'",
  clonedFromId: "NULL",
  remindAt: "NULL",
  leaseUntil: "NULL",
};

/**
 * What a link's writes cost with the indexes there are ("before": the pre-issue ones; "after": all
 * of them): creating a link (one row, every index written) and its payment (status and time: a
 * non-HOT update, every index written again), each a statement committed on its own as the portal
 * does, and the WAL each writes. The links are deleted afterwards.
 */
async function writeFigures(db: Db, size: number, which: "before" | "after") {
  const pool = rawPool(db);
  const client = await pool.connect();
  const ids: string[] = [];
  try {
    const columns = (
      await client.query<{ name: string }>(
        `SELECT column_name AS name FROM information_schema.columns WHERE table_schema = 'public' AND table_name = 'PaymentSession' AND is_generated = 'NEVER' ORDER BY ordinal_position`,
      )
    ).rows.map((row) => row.name);
    const list = columns.map((name) => `"${name}"`).join(", ");
    const values = columns.map((name) => NEW_LINK[name] ?? `p."${name}"`).join(", ");
    const [{ id: template }] = (await client.query<{ id: string }>(`SELECT "id" FROM "PaymentSession" ORDER BY "createdAt" DESC, "id" DESC LIMIT 1`)).rows as [{ id: string }];
    const insert = `INSERT INTO "PaymentSession" (${list}) SELECT ${values} FROM "PaymentSession" p WHERE p."id" = $1 RETURNING "id"`;
    const walAt = async () => BigInt((await client.query<{ lsn: string }>(`SELECT (pg_current_wal_lsn() - '0/0'::pg_lsn)::text AS lsn`)).rows[0]!.lsn);
    let wal = await walAt();
    put("write: create a link", size, which, await time(async () => ids.push((await client.query<{ id: string }>(insert, [template])).rows[0]!.id)));
    const insertWal = Number((await walAt()) - wal) / ids.length;
    let next = 0;
    wal = await walAt();
    put(
      "write: a link is paid",
      size,
      which,
      await time(() => client.query(`UPDATE "PaymentSession" SET "status" = 'COMPLETED', "statusChangedAt" = now() AT TIME ZONE 'UTC', "updatedAt" = now() AT TIME ZONE 'UTC' WHERE "id" = $1`, [ids[next++]])),
    );
    const updateWal = Number((await walAt()) - wal) / next;
    const indexes = (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM pg_indexes WHERE tablename = 'PaymentSession'`)).rows[0]!.n;
    // Right after a checkpoint (settle), as after any: a page's first change then logs the whole page.
    notes.push(`WAL per write at ${size.toLocaleString("en")}, ${indexes} indexes on PaymentSession (${which}): create ${Math.round(insertWal).toLocaleString("en")} bytes, paid ${Math.round(updateWal).toLocaleString("en")} bytes`);
  } finally {
    await client.query(`DELETE FROM "PaymentSession" WHERE "id" = ANY($1)`, [ids]);
    client.release();
  }
}

async function measureSize(size: number, previous: number) {
  console.log(`\n== ${size.toLocaleString("en")} sessions`);
  await dropHistoryIndexes();
  const seedStart = performance.now();
  await seedHistory(SERVER_URL, { sessions: size - previous, workers: 2, log: () => {} });
  notes.push(`seed ${(size - previous).toLocaleString("en")} sessions: ${((performance.now() - seedStart) / 1000).toFixed(1)} s (history indexes not present)`);
  if (previous === 0 && SIZES.length > 1) {
    // Nothing is connected to the database yet: it can be the template of the copy.
    await admin(`CREATE DATABASE $SMALL TEMPLATE $DB`);
    await applyHistoryIndexes(SMALL_URL);
  }
  const db = createDb(SERVER_URL, { poolSize: 4 });
  try {
    const a = await actors(db);
    const s = await samples(db, a.storeId);
    const list = variants(s, a.storeId, a.agent.userId);
    await settle();
    for (const v of list) if (v.before) put(v.name, size, "before", await time(() => baselineList(db, v.before!), BEFORE_RUNS));
    put("dashboard: admin", size, "before", await time(() => baselineDashboard(db), BEFORE_RUNS));
    put("dashboard: manager", size, "before", await time(() => baselineDashboard(db, a.storeId), BEFORE_RUNS));
    await writeFigures(db, size, "before");

    const indexStart = performance.now();
    await applyHistoryIndexes();
    notes.push(`the issue's indexes (${HISTORY_MIGRATIONS.map((name) => name.replace(/^\d+_/, "")).join(", ")}) built at ${size.toLocaleString("en")}: ${((performance.now() - indexStart) / 1000).toFixed(1)} s`);
    for (const v of list) put(v.name, size, "after", await time(() => listHistory(a[v.actor], { ...EMPTY_HISTORY_PARAMS, ...v.after }, db)));
    for (const v of list) {
      const sql = await timeSql(db, () => listHistory(a[v.actor], { ...EMPTY_HISTORY_PARAMS, ...v.after }, db));
      if (!sqlResults.has(v.name)) sqlResults.set(v.name, new Map());
      sqlResults.get(v.name)!.set(size, sql);
      console.log(`  sql    ${v.name.padEnd(40)} p50 ${sql.p50.toFixed(2).padStart(8)} ms  p95 ${sql.p95.toFixed(2).padStart(8)} ms`);
    }
    put("dashboard: admin", size, "after", await time(() => loadDashboard(a.admin, "7d", "", db)));
    put("dashboard: manager", size, "after", await time(() => loadDashboard(a.manager, "7d", "", db)));
    put("dashboard: admin, 30 days", size, "after", await time(() => loadDashboard(a.admin, "30d", "", db)));

    // Issue 10's worklist, on the same history: open and recently ended links, read through indexes.
    put("follow-up worklist: manager", size, "after", await time(() => getWorklist(db, a.manager)));
    put("follow-up worklist: admin, every store", size, "after", await time(() => getWorklist(db, a.admin)));

    await exportFigures(db, a, size);
    await httpFigures(size, a, s);
    // Last: the writes' deletions and the VACUUM after them would otherwise be in the reads' figures
    // (taken right after them, the 1M list calls were 20–60% slower).
    await writeFigures(db, size, "after");
    await settle();
  } finally {
    await db.$disconnect();
  }
}

/** The databases the alternating pass times, in its table's order. */
const SIDES = [
  { name: "two years", url: SMALL_URL },
  { name: "newest", url: RECENT_URL },
  { name: "all", url: SERVER_URL },
] as const;
type Alternating = { rows: number[]; call: Stat[]; sql: Stat[] };
/** variant → per side (SIDES) */
const alternating = new Map<string, Alternating>();

/** Each order of the three sides once every six runs, so none is always first or always after another. */
const ORDERS = [
  [0, 1, 2],
  [2, 1, 0],
  [1, 2, 0],
  [0, 2, 1],
  [2, 0, 1],
  [1, 0, 2],
];

/**
 * RUNS runs of `visit(variant, side)`: every variant once per run, starting from a different one each
 * run, and the sides in every order (ORDERS). Each call then follows calls of every kind, as a
 * server's does, and no variant or side always follows the same one.
 */
async function inTurn(variantCount: number, visit: (at: number, side: number) => Promise<void>) {
  for (let run = 0; run < RUNS; run++) {
    for (let step = 0; step < variantCount; step++) {
      for (const side of ORDERS[(run + step) % ORDERS.length]!) await visit((run + step) % variantCount, side);
    }
  }
}

/** "1M ÷ 10k over two years / 1M ÷ its newest 10k" of per-side p50s (SIDES order). */
function ratiosOf(stats: Stat[]): [string, string] {
  const [twoYears, newest, all] = stats as [Stat, Stat, Stat];
  return [(all.p50 / twoYears.p50).toFixed(2), (all.p50 / newest.p50).toFixed(2)];
}

/**
 * A copy of the largest size's database keeping only its newest links, as many as the smallest size
 * has, with their events and sends: the same business a week in. The smallest size's own database
 * spreads its links over two years, as the largest does, so its recent pages (open, not sent,
 * expiring, a phone's last digits) hold fewer links, or none, than the largest's: comparing the
 * largest with this copy compares the same pages over 100 times less history.
 */
async function buildRecent() {
  const keep = SIZES[0]!;
  const started = performance.now();
  await admin(`DROP DATABASE IF EXISTS $RECENT WITH (FORCE)`);
  await admin(`CREATE DATABASE $RECENT TEMPLATE $DB STRATEGY FILE_COPY`);
  await runSql(
    `CREATE TEMP TABLE keep_s AS SELECT * FROM "PaymentSession" ORDER BY "createdAt" DESC, "id" DESC LIMIT ${keep};
    CREATE TEMP TABLE keep_e AS SELECT * FROM "SessionEvent" WHERE "sessionId" IN (SELECT "id" FROM keep_s);
    CREATE TEMP TABLE keep_d AS SELECT * FROM "Distribution" WHERE "sessionId" IN (SELECT "id" FROM keep_s);
    UPDATE keep_s SET "clonedFromId" = NULL WHERE "clonedFromId" NOT IN (SELECT "id" FROM keep_s);
    TRUNCATE "SessionEvent", "Distribution", "PaymentSession";
    DO $$
    DECLARE t text; cols text;
    BEGIN
      FOREACH t IN ARRAY ARRAY['PaymentSession:keep_s', 'SessionEvent:keep_e', 'Distribution:keep_d'] LOOP
        -- Not the generated columns (searchText): the database writes them again.
        SELECT string_agg(quote_ident(column_name), ', ' ORDER BY ordinal_position) INTO cols
          FROM information_schema.columns WHERE table_schema = 'public' AND table_name = split_part(t, ':', 1) AND is_generated = 'NEVER';
        EXECUTE format('INSERT INTO %I (%s) SELECT %s FROM %I', split_part(t, ':', 1), cols, cols, split_part(t, ':', 2));
      END LOOP;
    END $$;`,
    RECENT_URL,
  );
  await settle(RECENT_URL);
  notes.push(`the newest ${keep.toLocaleString("en")} of ${SIZES.at(-1)!.toLocaleString("en")} links copied (${RECENT_URL.split("/").pop()}): ${((performance.now() - started) / 1000).toFixed(1)} s`);
}

/**
 * Each list variant on three databases, one call on each in turn (in every order, ORDERS), RUNS
 * times: the smallest size spread over two years, the largest size's newest links (buildRecent),
 * and the largest size. The ratios of the p50s then compare the sizes under the same conditions,
 * not figures taken minutes apart on a machine doing something else. Each run calls every variant,
 * from a different one each time: timed one after another instead, a variant ran in whatever state
 * the one before it left (after the admin's lists, the largest size's next agent lists were 10–30%
 * slower, and only there), so its ratio depended on its place in the list.
 */
async function alternatingPass() {
  console.log(`\n== ${SIDES.map((side) => side.name).join(", ")}: in turn`);
  const sides = await Promise.all(
    SIDES.map(async ({ url }) => {
      const db = createDb(url, { poolSize: 4 });
      const a = await actors(db);
      return { db, a, list: variants(await samples(db, a.storeId), a.storeId, a.agent.userId), spent: meter(db) };
    }),
  );
  try {
    const names = sides[0]!.list.map((v) => v.name);
    const call = (side: (typeof sides)[number], at: number) => {
      const v = side.list[at]!;
      return listHistory(side.a[v.actor], { ...EMPTY_HISTORY_PARAMS, ...v.after }, side.db);
    };
    for (let i = 0; i < 5; i++) for (const at of names.keys()) for (const side of sides) await call(side, at);
    const calls: number[][][] = names.map(() => sides.map(() => []));
    const sqls: number[][][] = names.map(() => sides.map(() => []));
    const rows: number[][] = names.map(() => sides.map(() => 0));
    await inTurn(names.length, async (at, k) => {
      const side = sides[k]!;
      side.spent.take();
      const start = performance.now();
      const page = await call(side, at);
      calls[at]![k]!.push(performance.now() - start);
      sqls[at]![k]!.push(side.spent.take());
      rows[at]![k] = page.rows.length;
    });
    for (const [at, name] of names.entries()) {
      const result: Alternating = { rows: rows[at]!, call: calls[at]!.map(stat), sql: sqls[at]!.map(stat) };
      alternating.set(name, result);
      const f = (x: Stat) => `${x.p50.toFixed(2)} / ${x.p95.toFixed(2)}`;
      console.log(`  ${name.padEnd(40)} rows ${result.rows.join("/")}  call ${result.call.map(f).join(" | ")}  ratio ${ratiosOf(result.call).join(" / ")}`);
    }
  } finally {
    for (const side of sides) {
      side.spent.restore();
      await side.db.$disconnect();
    }
  }
}

/** variant → per side (SIDES): the page over HTTP */
const httpAlternating = new Map<string, Stat[]>();

/**
 * Each list variant's page over HTTP, as its user gets it, on the three databases of
 * alternatingPass: a production server on each, signed in as the variant's user, every variant
 * each run, the three in every order. What the 1M ÷ 10k ratios are for a user, rendering included.
 */
async function httpRatioPass() {
  console.log(`\n== pages over HTTP, ${SIDES.map((side) => side.name).join(", ")}: in turn`);
  type Side = { base: string; list: Variant[]; cookies: Record<Variant["actor"], string> };
  const sides: Side[] = [];
  for (const [k, { url }] of SIDES.entries()) {
    const base = await startServer(url, PORT + 1 + k);
    const db = createDb(url, { poolSize: 1 });
    try {
      const a = await actors(db);
      const list = variants(await samples(db, a.storeId), a.storeId, a.agent.userId);
      const cookies = { admin: await signIn(base, a.admin.email), agent: await signIn(base, a.agent.email), manager: await signIn(base, a.manager.email) };
      sides.push({ base, list, cookies });
    } finally {
      await db.$disconnect();
    }
  }
  const names = sides[0]!.list.map((v) => v.name);
  const get = async (side: Side, at: number) => {
    const v = side.list[at]!;
    const response = await fetch(`${side.base}${historyHref(v.after)}`, { headers: { cookie: side.cookies[v.actor] }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`${v.name} answered ${response.status}`);
    await response.arrayBuffer();
  };
  // A production server runs warm (see httpFigures).
  for (let i = 0; i < 10; i++) for (const at of names.keys()) for (const side of sides) await get(side, at);
  const samplesOf: number[][][] = names.map(() => sides.map(() => []));
  await inTurn(names.length, async (at, k) => {
    const start = performance.now();
    await get(sides[k]!, at);
    samplesOf[at]![k]!.push(performance.now() - start);
  });
  for (const [at, name] of names.entries()) {
    const stats = samplesOf[at]!.map(stat);
    httpAlternating.set(name, stats);
    console.log(`  ${name.padEnd(40)} ${stats.map((x) => `${x.p50.toFixed(1)} / ${x.p95.toFixed(1)}`).join(" | ")}  ratio ${ratiosOf(stats).join(" / ")}`);
  }
}

async function exportFigures(db: Db, a: Actors, size: number) {
  for (const rows of [100_000, ...(size >= 1_000_000 ? [size] : [])]) {
    if (rows > size) continue;
    // The newest `rows` links: from the day the rows-th newest was created.
    const [edge] = await db.paymentSession.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: rows - 1, take: 1, select: { createdAt: true } });
    const params = rows >= size ? EMPTY_HISTORY_PARAMS : { ...EMPTY_HISTORY_PARAMS, from: day(edge!.createdAt) };
    global.gc?.();
    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    let lines = 0;
    const start = performance.now();
    const reader = (await exportHistoryCsv(a.admin, params, db)).getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }
    const seconds = (performance.now() - start) / 1000;
    const exported = lines - 1;
    const line = `CSV export at ${size.toLocaleString("en")}: ${exported.toLocaleString("en")} rows in ${seconds.toFixed(1)} s = ${Math.round(exported / seconds).toLocaleString("en")} rows/s, RSS growth ${((peak - rssBefore) / 1e6).toFixed(0)} MB`;
    console.log(`  ${line}`);
    notes.push(line);
  }
}

// --- HTTP -------------------------------------------------------------------------------------

/** The production servers running, by port: one for the sizes' own figures, one per database for the ratios. */
const servers = new Map<number, ChildProcess>();

/** The newest modification time under `dir` (a file or a folder), in ms. */
function newestChange(dir: string): number {
  if (!existsSync(dir)) return 0;
  const info = statSync(dir);
  if (!info.isDirectory()) return info.mtimeMs;
  return Math.max(info.mtimeMs, ...readdirSync(dir).map((name) => newestChange(path.join(dir, name))));
}

/** A production build of the code as it is: built when missing, or older than any source it is built from. */
function ensureBuild() {
  const build = path.join(".next", "BUILD_ID");
  const sources = ["app", "components", "lib", "proxy.ts", "instrumentation.ts", "next.config.mjs", "package.json"];
  if (existsSync(build) && statSync(build).mtimeMs > Math.max(...sources.map(newestChange))) return;
  console.log("  building (next build)…");
  const result = spawnSync("npx", ["next", "build"], { stdio: "inherit", env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1" } });
  if (result.status !== 0) throw new Error("next build failed");
}

let sandbox: Awaited<ReturnType<typeof createSandbox>> | undefined;

/** A production server (`next start`) on `url`'s database, at `port`; the one already there if it runs. */
async function startServer(url = SERVER_URL, port = PORT): Promise<string> {
  const base = `http://127.0.0.1:${port}`;
  if (servers.has(port)) return base;
  ensureBuild();
  // The providers the production server is configured with (it refuses to start without them): the sandbox.
  sandbox ??= await createSandbox({ port: 0 });
  const server = spawn("npx", ["next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    stdio: ["ignore", "ignore", "inherit"],
    detached: true,
    env: {
      ...process.env,
      ...portalEnvFor(sandbox.url),
      NODE_ENV: "production",
      NEXT_TELEMETRY_DISABLED: "1",
      DATABASE_URL: url,
      AUTH_SECRET: randomBytes(32).toString("base64url"),
      NEXTAUTH_URL: base,
      PORTAL_PUBLIC_URL: base,
      RECOVERY_INTERVAL_MS: "3600000",
      RECONCILE_INTERVAL_MS: "3600000",
    },
  });
  servers.set(port, server);
  for (let i = 0; i < 120; i++) {
    try {
      if ((await fetch(`${base}/login`)).ok) return base;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error("next start did not come up");
}

/** Stops every production server, and the sandbox they used. */
function stopServer() {
  void sandbox?.close();
  sandbox = undefined;
  for (const server of servers.values()) {
    if (!server.pid) continue;
    try {
      process.kill(-server.pid, "SIGTERM");
    } catch {
      /* already gone */
    }
  }
  servers.clear();
}

function cookiesOf(response: Response, jar: Map<string, string>) {
  for (const header of response.headers.getSetCookie()) {
    const [pair] = header.split(";");
    const at = pair!.indexOf("=");
    jar.set(pair!.slice(0, at), pair!.slice(at + 1));
  }
}

const cookieHeader = (jar: Map<string, string>) => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");

/** Signs in as a browser without JavaScript does: the login form's fields, posted to /login. */
async function signIn(base: string, email: string): Promise<string> {
  const jar = new Map<string, string>();
  const page = await fetch(`${base}/login`);
  cookiesOf(page, jar);
  const form = new FormData();
  // The server action's own hidden fields, as the page rendered them.
  for (const [, name, value] of (await page.text()).matchAll(/<input type="hidden" name="([^"]+)"(?: value="([^"]*)")?/g)) {
    form.append(name!.replaceAll("&amp;", "&"), (value ?? "").replaceAll("&amp;", "&").replaceAll("&quot;", '"'));
  }
  form.set("email", email);
  form.set("password", DEMO_PASSWORD);
  // The portal refuses a POST that does not say it comes from the portal's own pages.
  const response = await fetch(`${base}/login`, { method: "POST", redirect: "manual", headers: { cookie: cookieHeader(jar), origin: base }, body: form });
  cookiesOf(response, jar);
  if (![...jar.keys()].some((k) => k.endsWith("portal.session"))) {
    throw new Error(`sign-in failed for ${email}: ${response.status} ${(await response.text()).slice(0, 200)}`);
  }
  return cookieHeader(jar);
}

async function httpFigures(size: number, a: Actors, s: Samples) {
  const base = await startServer();
  const adminCookie = await signIn(base, a.admin.email);
  const agentCookie = await signIn(base, a.agent.email);
  const managerCookie = await signIn(base, a.manager.email);
  const get = (cookie: string, url: string) => async () => {
    const response = await fetch(`${base}${url}`, { headers: { cookie }, redirect: "manual" });
    if (response.status !== 200) throw new Error(`${url} answered ${response.status}`);
    await response.arrayBuffer();
  };
  // A production server runs warm: its code compiled by the JIT, its connections open. Each page is
  // requested a few times before any is timed, so the first figure does not pay for the start.
  for (const [cookie, url] of [
    [adminCookie, "/sessions"],
    [agentCookie, "/sessions"],
    [agentCookie, `/sessions?q=${encodeURIComponent(s.name)}`],
    [adminCookie, "/dashboard"],
    [managerCookie, "/follow-up"],
  ] as const) {
    for (let i = 0; i < 10; i++) await get(cookie, url)();
  }
  put("HTTP /sessions, admin", size, "after", await time(get(adminCookie, "/sessions")));
  put("HTTP /sessions, agent", size, "after", await time(get(agentCookie, "/sessions")));
  put("HTTP /sessions?q=<email start>", size, "after", await time(get(agentCookie, `/sessions?q=${encodeURIComponent(s.emailStart)}`)));
  put("HTTP /sessions?q=<email fragment>", size, "after", await time(get(agentCookie, `/sessions?q=${encodeURIComponent(s.emailPrefix)}`)));
  put("HTTP /sessions?q=<phone>", size, "after", await time(get(agentCookie, `/sessions?q=${encodeURIComponent(s.phoneNational)}`)));
  put("HTTP /sessions?q=<name>", size, "after", await time(get(agentCookie, `/sessions?q=${encodeURIComponent(s.name)}`)));
  put("HTTP /dashboard, admin", size, "after", await time(get(adminCookie, "/dashboard")));
  put("HTTP /dashboard, manager 30 days", size, "after", await time(get(managerCookie, "/dashboard?period=30d")));
  put("HTTP /dashboard, admin 30 days", size, "after", await time(get(adminCookie, "/dashboard?period=30d")));
  put("HTTP /follow-up, manager", size, "after", await time(get(managerCookie, "/follow-up")));
  put("HTTP /api/follow-up/count (nav badge), manager", size, "after", await time(get(managerCookie, "/api/follow-up/count")));
  if (size === SIZES[0]) {
    for (const page of ["/sessions", "/dashboard"]) notes.push(`first-load JS ${page}: ${(await firstLoadJs(base, adminCookie, page)).toFixed(1)} KB gzip`);
  }
}

/** Every script the page loads on a first visit, gzipped: what a browser downloads before it is interactive. */
async function firstLoadJs(base: string, cookie: string, page: string): Promise<number> {
  const html = await (await fetch(`${base}${page}`, { headers: { cookie } })).text();
  // Not the noModule polyfills: modern browsers skip them.
  const tags = [...html.matchAll(/<script([^>]*)>/g)].map((m) => m[1]!).filter((attrs) => !/nomodule/i.test(attrs));
  const sources = new Set(tags.flatMap((attrs) => attrs.match(/src="([^"]+)"/)?.[1] ?? []));
  let bytes = 0;
  for (const src of sources) bytes += gzipSync(Buffer.from(await (await fetch(new URL(src, base))).arrayBuffer()), { level: 9 }).length;
  return bytes / 1024;
}

// --- main ---------------------------------------------------------------------------------------

function printTable() {
  const fmt = (s?: Stat) => (s ? `${s.p50.toFixed(1)} / ${s.p95.toFixed(1)}` : "—");
  const [small, large] = SIZES;
  console.log(`\n| Figure (p50 / p95 ms; before ${BEFORE_RUNS} runs, after ${RUNS}) | before ${small} | after ${small} | before ${large} | after ${large} | after p50 ${large}÷${small} |`);
  console.log("|---|---|---|---|---|---|");
  for (const [name, bySize] of results) {
    const a = bySize.get(small!);
    const b = large ? bySize.get(large) : undefined;
    const ratio = a?.after && b?.after ? (b.after.p50 / a.after.p50).toFixed(2) : "—";
    console.log(`| ${name} | ${fmt(a?.before)} | ${fmt(a?.after)} | ${fmt(b?.before)} | ${fmt(b?.after)} | ${ratio} |`);
  }
  console.log(`\n| List SQL: the request's queries, summed (p50 / p95 ms, ${RUNS} runs) | ${small} | ${large} | p50 ${large}÷${small} |`);
  console.log("|---|---|---|---|");
  for (const [name, bySize] of sqlResults) {
    const a = bySize.get(small!);
    const b = large ? bySize.get(large) : undefined;
    console.log(`| ${name} | ${fmt(a)} | ${fmt(b)} | ${a && b ? (b.p50 / a.p50).toFixed(2) : "—"} |`);
  }
  if (alternating.size) {
    const head = (what: string) => SIDES.map((side) => `${what} ${side.name}`).join(" | ");
    console.log(`\n| List variant, the three databases in turn (${RUNS} runs each; ${small} over two years, the newest ${small} of ${large}, all ${large}) | rows on the page (${SIDES.map((side) => side.name).join(" / ")}) | ${head("call p50 / p95")} | **p50 ${large} ÷ ${small} over two years** | **p50 ${large} ÷ its newest ${small}** | ${head("SQL p50 / p95")} |`);
    console.log(`|---|---|${SIDES.map(() => "---|").join("")}---|---|${SIDES.map(() => "---|").join("")}`);
    for (const [name, r] of alternating) {
      console.log(`| ${name} | ${r.rows.join(" / ")} | ${r.call.map(fmt).join(" | ")} | ${ratiosOf(r.call).join(" | ")} | ${r.sql.map(fmt).join(" | ")} |`);
    }
  }
  if (httpAlternating.size) {
    const head = SIDES.map((side) => `page p50 / p95 ${side.name}`).join(" | ");
    console.log(`\n| List variant's page over HTTP, the three databases in turn (${RUNS} runs each) | ${head} | **p50 ${large} ÷ ${small} over two years** | **p50 ${large} ÷ its newest ${small}** |`);
    console.log(`|---|${SIDES.map(() => "---|").join("")}---|---|`);
    for (const [name, stats] of httpAlternating) {
      console.log(`| ${name} | ${stats.map(fmt).join(" | ")} | ${ratiosOf(stats).join(" | ")} |`);
    }
  }
  console.log("");
  for (const note of notes) console.log(`- ${note}`);
}

/** The three databases in turn (buildRecent), in-process and over HTTP: the 1M ÷ 10k ratios. */
async function ratioPasses() {
  await buildRecent();
  await alternatingPass();
  await httpRatioPass();
}

async function main() {
  if (args["ratio-only"]) {
    // The databases a full run left (both sizes): only the passes that time them in turn.
    try {
      await ratioPasses();
    } finally {
      stopServer();
    }
    printTable();
    return;
  }
  await admin(`DROP DATABASE IF EXISTS $DB WITH (FORCE)`);
  await admin(`DROP DATABASE IF EXISTS $SMALL WITH (FORCE)`);
  await admin(`DROP DATABASE IF EXISTS $RECENT WITH (FORCE)`);
  await admin(`CREATE DATABASE $DB`);
  for (const name of readdirSync(MIGRATIONS).filter((n) => n !== "migration_lock.toml").sort()) await runSql(migrationSql(name));
  let previous = 0;
  try {
    for (const size of SIZES) {
      await measureSize(size, previous);
      previous = size;
    }
    // Nothing else running: the production server (idle, but a process on a 2-core machine) stops first.
    stopServer();
    if (SIZES.length > 1) await ratioPasses();
  } finally {
    stopServer();
  }
  printTable();
}

main().catch((error: unknown) => {
  stopServer();
  console.error(error);
  process.exit(1);
});
