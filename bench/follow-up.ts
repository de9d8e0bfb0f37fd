/**
 * Follow-up worklist at 1,000,000 links of history: `npm run bench:follow-up`. Prints figures, asserts
 * nothing. Seeds a PostgreSQL database (BENCH_DATABASE_URL's server, default 127.0.0.1:5432, database
 * bench_followup, re-created unless BENCH_KEEP=1 finds it seeded) with generate_series SQL: one store
 * with 1M links over two years (a few thousand open, a few hundred recently ended, dismissed and
 * re-issued ones) and a send for each, plus a second store; then times the worklist, the badge count
 * and the duplicate check.
 */
import { cpus, loadavg } from "node:os";
import { performance } from "node:perf_hooks";
import pg from "pg";
import type { Actor } from "@/lib/auth/authorize";
import { createDb } from "@/lib/db";
import { findOpenDuplicates } from "@/lib/payment-links/duplicates";
import { getWorklist } from "@/lib/payment-links/follow-up/worklist";
import { migrationSql } from "@/tests/support/database";

const SERVER = process.env.BENCH_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const NAME = "bench_followup";
const LINKS = Number(process.env.BENCH_LINKS ?? 1_000_000);
const url = Object.assign(new URL(SERVER), { pathname: `/${NAME}` }).toString();

const STORE = "00000000-0000-4000-8000-000000000001";
const OTHER_STORE = "00000000-0000-4000-8000-000000000002";
const MANAGER = "00000000-0000-4000-8000-0000000000a1";
const ADMIN = "00000000-0000-4000-8000-0000000000a2";

async function query(connection: string, sql: string) {
  const client = new pg.Client({ connectionString: connection });
  await client.connect();
  try {
    return await client.query(sql);
  } finally {
    await client.end();
  }
}

/** Links: `n` rows from `offset`, with `status`, created `minAgeH`..`maxAgeH` hours ago. */
function linksSql(store: string, offset: number, n: number, status: string, minAgeH: number, maxAgeH: number, extra?: { column: string; value: string }) {
  return `
    INSERT INTO "PaymentSession" (id, "storeId", "createdById", provider, "idempotencyKey", status, "merchantReference", amount, "taxAmount",
      currency, locale, "purchaseCountry", "orderLines", "customerPhone", "customerEmail", "callbackSecretHash", "callbackNonce",
      "providerSessionId", "expiresAt", "statusChangedAt", "createdAt", "updatedAt" ${extra ? `, "${extra.column}"` : ""})
    SELECT gen_random_uuid(), '${store}', '${MANAGER}', 'KUSTOM', 'bench-' || g, '${status}', 'PBL-' || g, 1000 + g % 50000, 200,
      'SEK', 'sv-SE', 'SE', '[{"name":"Item","quantity":1,"unitPrice":1000,"taxRate":2500}]'::jsonb,
      '+4670' || lpad((g % 10000000)::text, 7, '0'), 'customer' || g || '@example.com', 'x', 'x', 'ps-' || g,
      t + interval '47 hours', t + interval '20 minutes', t, t + interval '20 minutes' ${extra ? `, ${extra.value}` : ""}
    FROM generate_series(${offset + 1}, ${offset + n}) g,
      LATERAL (SELECT now() - make_interval(secs => ${minAgeH * 3600} + (g::bigint * 7919 % ${Math.max(1, (maxAgeH - minAgeH) * 3600)}))) AS c(t)`;
}

async function seed() {
  await query(SERVER, `DROP DATABASE IF EXISTS ${NAME} WITH (FORCE)`);
  await query(SERVER, `CREATE DATABASE ${NAME}`);
  for (const sql of migrationSql()) await query(url, sql);
  await query(
    url,
    `INSERT INTO "Store" (id, name, country, currency, locale, provider, "standardTaxRate", "updatedAt") VALUES
       ('${STORE}', 'Bench store', 'SE', 'SEK', 'sv-SE', 'KUSTOM', 2500, now()), ('${OTHER_STORE}', 'Other store', 'SE', 'SEK', 'sv-SE', 'KUSTOM', 2500, now());
     INSERT INTO "User" (id, email, name, "passwordHash", role, "storeId", "updatedAt") VALUES
       ('${MANAGER}', 'm@bench.test', 'Manager', 'x', 'MANAGER', '${STORE}', now()), ('${ADMIN}', 'a@bench.test', 'Admin', 'x', 'ADMIN', NULL, now());`,
  );
  const open = 3_000;
  const recent = 400;
  const history = LINKS - open - recent;
  const start = performance.now();
  // History: two years of paid (80 %), expired (15 %), disabled and cancelled links.
  await query(url, linksSql(STORE, 0, Math.floor(history * 0.8), "COMPLETED", 24 * 8, 24 * 730));
  await query(url, linksSql(STORE, 1_000_000_0, Math.floor(history * 0.15), "EXPIRED", 24 * 8, 24 * 730));
  await query(url, linksSql(STORE, 2_000_000_0, history - Math.floor(history * 0.8) - Math.floor(history * 0.15), "DISABLED", 24 * 8, 24 * 730));
  // What the worklist reads: open links of the last two days, links that ended this week (some dismissed).
  await query(url, linksSql(STORE, 3_000_000_0, open, "WAITING", 0, 46));
  await query(url, linksSql(STORE, 4_000_000_0, recent / 2, "CANCELLED", 1, 24 * 6));
  await query(url, linksSql(STORE, 5_000_000_0, recent / 2, "EXPIRED", 48, 24 * 6, { column: "dismissedAt", value: "CASE WHEN g % 4 = 0 THEN now() END" }));
  await query(url, linksSql(OTHER_STORE, 6_000_000_0, 100_000, "COMPLETED", 24 * 8, 24 * 730));
  await query(
    url,
    `INSERT INTO "Distribution" (id, "sessionId", channel, recipient, "recipientMasked", outcome, "idempotencyKey", "actorId", "createdAt", "completedAt")
     SELECT gen_random_uuid(), s.id, 'SMS', s."customerPhone", '+46 70 ••• •• 00', CASE WHEN s."merchantReference" LIKE '%7' AND s.status = 'WAITING' THEN 'FAILED'::"DistributionOutcome" ELSE 'SENT' END,
       s."idempotencyKey" || ':send', '${MANAGER}', s."createdAt", s."createdAt"
     FROM "PaymentSession" s`,
  );
  await query(url, `ANALYZE`);
  console.log(`seeded ${LINKS.toLocaleString("en")} links (+100,000 in another store) and their sends in ${((performance.now() - start) / 1000).toFixed(0)} s`);
}

function report(name: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  const p = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!.toFixed(1);
  console.log(`${name.padEnd(46)} n=${samples.length}  p50=${p(0.5)} ms  p95=${p(0.95)} ms  max=${sorted.at(-1)!.toFixed(1)} ms`);
}

async function time(name: string, runs: number, fn: () => Promise<unknown>) {
  for (let i = 0; i < 5; i++) await fn();
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    samples.push(performance.now() - start);
  }
  report(name, samples);
}

const seeded =
  process.env.BENCH_KEEP === "1" &&
  (await query(SERVER, `SELECT 1 FROM pg_database WHERE datname = '${NAME}'`)).rowCount === 1 &&
  Number((await query(url, `SELECT count(*) FROM "PaymentSession" WHERE "storeId" = '${STORE}'`)).rows[0].count) >= LINKS;
if (!seeded) await seed();

const db = createDb(url);
const manager: Actor = { userId: MANAGER, email: "m@bench.test", name: "Manager", role: "MANAGER", storeId: STORE, storeName: "Bench store" };
const admin: Actor = { userId: ADMIN, email: "a@bench.test", name: "Admin", role: "ADMIN", storeId: null, storeName: null };
// The machine's own speed right now (CI and shared hosts vary): a trivial round trip, and the load.
await time("baseline: SELECT 1 round trip", 100, () => db.$queryRaw`SELECT 1`);
console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} CPUs`);
const worklist = await getWorklist(db, manager);
console.log(`worklist: ${worklist.groups.map((g) => `${g.label} ${g.total}`).join(", ")}`);
await time("worklist, one store (manager)", 100, () => getWorklist(db, manager));
await time("worklist, every store (admin)", 50, () => getWorklist(db, admin));
await time("worklist, admin picking the store", 50, () => getWorklist(db, admin, { storeId: STORE }));
await time("duplicate check (phone or email)", 200, () => findOpenDuplicates(db, STORE, { phoneE164: "+46700000123", email: "Customer123@example.com" }, new Date()));
await db.$disconnect();
