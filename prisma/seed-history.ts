/**
 * Realistic payment-link history for demos and benchmarks: `npm run db:seed-history -- --sessions N
 * [--stores K]`. Sessions over the last two years across the demo stores (plus K − 2 more) and their
 * agents, with statuses, sends and events as the portal leaves them, and plausible names, emails,
 * phones and references. Written set-wise with generate_series in batches (no row-by-row inserts);
 * for large loads the tables' secondary indexes are dropped first and rebuilt once at the end.
 * Refuses to run in production. Run through with-db.ts, which provides DATABASE_URL.
 */
import { randomUUID } from "node:crypto";
import { availableParallelism } from "node:os";
import { parseArgs } from "node:util";
import pg from "pg";
import { seed } from "./seed";

const EXTRA_AGENTS_PER_STORE = 4;
const BATCH = 100_000;
/** Below this many sessions, keeping the indexes is faster than rebuilding them. */
const REBUILD_INDEXES_FROM = 50_000;
/** How far back the history goes, unless asked (SeedHistoryOptions.days). */
const HISTORY_DAYS = 730;
const TABLES = ["PaymentSession", "Distribution", "SessionEvent"] as const;

const FIRST_NAMES = ["Anna", "Erik", "Maria", "Lars", "Karin", "Johan", "Eva", "Anders", "Sofia", "Per", "Lena", "Mikael", "Emma", "Jonas", "Sara", "Lukas", "Hannah", "Felix", "Lea", "Paul", "Mia", "Jonas", "Elin", "Oskar", "Greta", "Nils", "Ida", "Hugo", "Klara", "Max"];
const LAST_NAMES = ["Svensson", "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson", "Lindberg", "Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Meyer", "Wagner", "Becker", "Hoffmann", "Koch", "Berg", "Holm", "Lund", "Sjöberg", "Wallin", "Engström", "Hansen", "Richter", "Wolf", "Neumann"];

export type SeedHistoryOptions = {
  sessions: number;
  stores?: number;
  /**
   * Connections writing batches (and rebuilding indexes) at once; 1 unless asked. The embedded PGlite
   * server takes one connection at a time; on PostgreSQL the command line uses one per core.
   */
  workers?: number;
  /** The days the sessions are spread over, up to now: two years unless asked. */
  days?: number;
  log?: (line: string) => void;
};

/** with-db.ts sets DATABASE_POOL_SIZE=1 for the embedded database. */
function defaultWorkers(): number {
  return process.env.DATABASE_POOL_SIZE === "1" ? 1 : Math.max(1, Math.min(4, availableParallelism()));
}

/** Runs `tasks` on `clients`, each client taking the next task as it finishes one. */
async function onEach<T>(clients: pg.Client[], tasks: T[], run: (client: pg.Client, task: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    clients.map(async (client) => {
      while (next < tasks.length) await run(client, tasks[next++]!);
    }),
  );
}

const sqlList = (values: readonly string[]) => values.map((v) => `'${v.replace(/'/g, "''")}'`).join(", ");

/** The staff the history is spread over: every non-admin user of the first `stores` stores. */
async function prepareStaff(client: pg.Client, stores: number): Promise<void> {
  const existing = await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Store" ORDER BY "createdAt", name`);
  for (let i = existing.rowCount ?? 0; i < stores; i++) {
    await client.query(
      `INSERT INTO "Store" (id, name, country, currency, locale, provider, "standardTaxRate", "updatedAt")
       VALUES ($1, $2, 'SE', 'SEK', 'sv-SE', 'KUSTOM', 2500, now()) ON CONFLICT (name) DO NOTHING`,
      [randomUUID(), `Store ${i + 1}`],
    );
  }
  const chosen = await client.query<{ id: string; name: string }>(`SELECT id, name FROM "Store" ORDER BY "createdAt", name LIMIT $1`, [stores]);
  for (const store of chosen.rows) {
    const slug = store.name.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    for (let n = 1; n <= EXTRA_AGENTS_PER_STORE; n++) {
      // Disabled: history authors only, nobody can sign in as them.
      await client.query(
        `INSERT INTO "User" (id, email, name, role, "storeId", "passwordHash", disabled, "updatedAt")
         VALUES ($1, $2, $3, 'AGENT', $4, '!', true, now()) ON CONFLICT (email) DO NOTHING`,
        [randomUUID(), `history.${slug}.${n}@demo.test`, `${FIRST_NAMES[(n * 7) % FIRST_NAMES.length]} ${store.name} ${n}`, store.id],
      );
    }
  }
  await client.query(`DROP TABLE IF EXISTS seed_history_staff`);
  // Not TEMP: every worker's connection reads it. Dropped when the seed ends.
  await client.query(
    `CREATE UNLOGGED TABLE seed_history_staff AS
     SELECT row_number() OVER (ORDER BY u.id) AS n, u.id AS user_id, s.id AS store_id, s.currency, s.locale, s.country, s.provider
     FROM "User" u JOIN "Store" s ON s.id = u."storeId"
     WHERE u.role <> 'ADMIN' AND s.id IN (${sqlList(chosen.rows.map((r) => r.id))})`,
  );
}

type IndexDef = { name: string; def: string };

async function secondaryIndexes(client: pg.Client): Promise<IndexDef[]> {
  // Not the primary keys or unique constraints: those guard the data.
  const result = await client.query<IndexDef>(
    `SELECT i.indexname AS name, i.indexdef AS def FROM pg_indexes i
     WHERE i.schemaname = current_schema() AND i.tablename = ANY($1)
       AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)
       AND i.indexdef NOT LIKE 'CREATE UNIQUE%'`,
    [TABLES],
  );
  return result.rows;
}

function sessionBatchSql(from: number, to: number, total: number, staffCount: number, days: number): string {
  const first = `(ARRAY[${sqlList(FIRST_NAMES)}])`;
  const last = `(ARRAY[${sqlList(LAST_NAMES)}])`;
  // "batch": the sessions, each with its sends planned (first send's channel, whether it failed, a
  // later email), MATERIALIZED so the sessions, their sends and their events agree on every random().
  // Nothing happens after now: the newest link is created at least 5 seconds ago (its first send and
  // events follow within 2), a link created minutes ago is paid by now at the latest, and is resent
  // by email two hours on only if those two hours have passed.
  return `
    WITH batch AS MATERIALIZED (
    SELECT w.*,
      CASE WHEN w.status = 'CREATE_FAILED' THEN NULL WHEN w.resend THEN 'EMAIL' ELSE w.first_channel END AS last_channel,
      CASE WHEN w.status = 'CREATE_FAILED' THEN NULL WHEN w.resend OR NOT w.first_failed THEN 'SENT' ELSE 'FAILED' END AS last_outcome
    FROM (
    SELECT gen_random_uuid()::text AS id, st.store_id, st.user_id AS "createdById", st.provider, st.currency, st.locale, st.country,
      v.g, v.status, v.reference, v.amount,
      CASE WHEN v.contact <> 'none' THEN v.first_name || ' ' || v.last_name END AS name,
      CASE WHEN v.contact IN ('phone', 'both') THEN CASE st.country WHEN 'DE' THEN '+49151' || lpad((v.g::bigint * 7919 % 100000000)::text, 8, '0') ELSE '+4670' || lpad((v.g::bigint * 7919 % 10000000)::text, 7, '0') END END AS "customerPhone",
      CASE WHEN v.contact IN ('phone', 'both') THEN st.country END AS "customerPhoneCountry",
      CASE WHEN v.contact IN ('email', 'both') THEN lower(translate(v.first_name || '.' || v.last_name, 'äöüåÄÖÜÅ', 'aouaAOUA')) || v.g || '@example.com' END AS "customerEmail",
      least(now(), CASE v.status
        WHEN 'COMPLETED' THEN v.created + make_interval(mins => (1 + floor(-ln(1 - random() * 0.999) * 90))::int)
        WHEN 'EXPIRED' THEN v.created + interval '3 days'
        WHEN 'WAITING' THEN v.created
        ELSE v.created + make_interval(mins => (1 + floor(random() * 600))::int) END) AS "statusChangedAt",
      v.created AS "createdAt",
      CASE WHEN v.contact = 'phone' OR (v.contact = 'both' AND random() < 0.55) THEN 'SMS'
           WHEN v.contact IN ('email', 'both') THEN 'EMAIL'
           ELSE (ARRAY['QR', 'QR', 'LINK', 'TOKEN'])[1 + floor(random() * 4)::int] END AS first_channel,
      random() < 0.04 AS first_failed,
      v.contact IN ('email', 'both') AND random() < 0.12 AND v.created < now() - ${RESEND_AFTER} AS resend
    FROM (
      SELECT g, created, r, amount, contact, reference, first_name, last_name,
        CASE
          WHEN created > now() - interval '3 days' THEN
            CASE WHEN r < 0.52 THEN 'COMPLETED' WHEN r < 0.88 THEN 'WAITING' WHEN r < 0.91 THEN 'IN_PROGRESS' WHEN r < 0.94 THEN 'FAILED'
                 WHEN r < 0.97 THEN 'DISABLED' WHEN r < 0.99 THEN 'CANCELLED' ELSE 'CREATE_FAILED' END
          ELSE
            CASE WHEN r < 0.64 THEN 'COMPLETED' WHEN r < 0.88 THEN 'EXPIRED' WHEN r < 0.93 THEN 'CANCELLED' WHEN r < 0.98 THEN 'DISABLED'
                 ELSE 'CREATE_FAILED' END
        END AS status
      FROM (
        SELECT g,
          now() - make_interval(secs => ((${total}::float8 - g) / ${total} * ${days} * 86400 + 5 + random() * 60)) AS created,
          random() AS r,
          (100 + floor(random() * 4900)::int) * 100 + (ARRAY[0, 50, 90, 95])[1 + g % 4] AS amount,
          (ARRAY['both', 'both', 'phone', 'email', 'email', 'none'])[1 + (g * 13) % 6] AS contact,
          'PBL-' || lpad(g::text, 7, '0') AS reference,
          ${first}[1 + (g * 31) % ${FIRST_NAMES.length}] AS first_name,
          ${last}[1 + (g * 17 + g / 7) % ${LAST_NAMES.length}] AS last_name
        FROM generate_series(${from}, ${to}) AS g
      ) raw
    ) v
    JOIN seed_history_staff st ON st.n = 1 + (v.g * 7) % ${staffCount}
    ) w),
    sessions AS (
    INSERT INTO "PaymentSession" (id, "storeId", "createdById", provider, "idempotencyKey", status, "merchantReference", amount, "taxAmount",
      currency, locale, "purchaseCountry", "orderLines", "customerName", "customerPhone", "customerPhoneCountry", "customerEmail",
      "callbackSecretHash", "callbackNonce", "expiresAt", "statusChangedAt", "createdAt", "updatedAt", "lastChannel", "lastSendOutcome", "sendFailed")
    SELECT id, store_id, "createdById", provider::"ProviderKind", gen_random_uuid()::text,
      status::"SessionStatus", reference, amount, amount / 5, currency, locale, country,
      jsonb_build_array(jsonb_build_object('name', 'Order ' || g, 'quantity', 1, 'unitPrice', amount, 'taxRate', 2500)),
      name, "customerPhone", "customerPhoneCountry", "customerEmail",
      'seed-history', 'seed-history', "createdAt" + interval '3 days', "statusChangedAt", "createdAt", "createdAt",
      last_channel::"Channel", last_outcome::"DistributionOutcome", status <> 'CREATE_FAILED' AND first_failed
    FROM batch),
    sends AS (${SENDS_SQL})
    ${EVENTS_SQL}`;
}

/** When a link whose first send was not read gets an email as well. */
const RESEND_AFTER = `interval '2 hours'`;

/** Sends and events of the batch's sessions (CTE "batch"), written in the same statement. */
const OF_RUN = `s.status <> 'CREATE_FAILED'`;

const SENDS_SQL = `INSERT INTO "Distribution" (id, "sessionId", channel, recipient, "recipientMasked", "phoneCountry", outcome, "errorCode", "idempotencyKey", "actorId", "createdAt", "completedAt")
     SELECT gen_random_uuid()::text, s.id, c.channel::"Channel",
       CASE c.channel WHEN 'SMS' THEN s."customerPhone" WHEN 'EMAIL' THEN s."customerEmail" END, NULL,
       CASE c.channel WHEN 'SMS' THEN s."customerPhoneCountry" END,
       (CASE WHEN c.failed THEN 'FAILED' ELSE 'SENT' END)::"DistributionOutcome",
       -- A failure the send's channel can have: the daily test-email limit only stops an email.
       CASE WHEN c.failed AND c.channel = 'EMAIL' THEN (ARRAY['BLACKLIST_REFUSED', 'PROVIDER_UNAVAILABLE', 'EMAIL_LIMIT_EXCEEDED', 'TIMEOUT'])[1 + floor(random() * 4)::int]
            WHEN c.failed THEN (ARRAY['BLACKLIST_REFUSED', 'PROVIDER_UNAVAILABLE', 'TIMEOUT'])[1 + floor(random() * 3)::int] END,
       gen_random_uuid()::text, s."createdById", s."createdAt" + c.after, s."createdAt" + c.after
     FROM batch s
     CROSS JOIN LATERAL (
       SELECT s.first_channel AS channel, s.first_failed AS failed, interval '2 seconds' AS after
       UNION ALL
       SELECT 'EMAIL', false, ${RESEND_AFTER} WHERE s.resend
     ) c
     WHERE ${OF_RUN}`;

const EVENTS_SQL = `INSERT INTO "SessionEvent" (id, "sessionId", type, "fromStatus", "toStatus", source, "actorId", "createdAt")
     SELECT gen_random_uuid()::text, s.id, e.type, e.from_status::"SessionStatus", e.to_status::"SessionStatus", e.source::"EventSource", e.actor, e.at
     FROM batch s
     CROSS JOIN LATERAL (
       VALUES ('CREATE_REQUESTED', NULL, 'CREATING', 'PORTAL', s."createdById", s."createdAt"),
              ('SESSION_CREATED', 'CREATING', 'WAITING', 'PORTAL', s."createdById", s."createdAt" + interval '1 second'),
              ('DISTRIBUTED', NULL, NULL, 'PORTAL', s."createdById", s."createdAt" + interval '2 seconds'),
              ('STATUS_CHANGED', 'WAITING', s.status::text, 'PROVIDER_CALLBACK', NULL, s."statusChangedAt")
     ) AS e(type, from_status, to_status, source, actor, at)
     WHERE ${OF_RUN} AND (e.type <> 'STATUS_CHANGED' OR s.status <> 'WAITING')`;

export async function seedHistory(databaseUrl: string, { sessions, stores = 2, workers = 1, days = HISTORY_DAYS, log = console.log }: SeedHistoryOptions): Promise<void> {
  if (process.env.NODE_ENV === "production") throw new Error("Refusing to seed history with NODE_ENV=production.");
  if (!Number.isSafeInteger(sessions) || sessions < 1) throw new Error("--sessions must be a positive whole number.");
  if (!Number.isSafeInteger(stores) || stores < 1) throw new Error("--stores must be a positive whole number.");
  if (!(days > 0)) throw new Error("days must be positive.");
  await seed(databaseUrl);
  const clients: pg.Client[] = [];
  const started = Date.now();
  const elapsed = () => `${((Date.now() - started) / 1000).toFixed(0)} s`;
  try {
    for (let i = 0; i < workers; i++) {
      const client = new pg.Client({ connectionString: databaseUrl });
      clients.push(client);
      await client.connect();
      await client.query(`SET synchronous_commit = off`);
      await client.query(`SET maintenance_work_mem = '256MB'`).catch(() => {});
      // The rows are generated consistent with their foreign keys: skip the per-row checks (superuser only).
      await client.query(`SET session_replication_role = replica`).catch(() => {});
    }
    const client = clients[0]!;
    await prepareStaff(client, stores);
    const staffCount = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM seed_history_staff`)).rows[0]!.n);
    const rebuild = sessions >= REBUILD_INDEXES_FROM ? await secondaryIndexes(client) : [];
    for (const index of rebuild) await client.query(`DROP INDEX "${index.name}"`);
    const offset = Number((await client.query<{ n: string }>(`SELECT count(*) AS n FROM "PaymentSession"`)).rows[0]!.n);
    const batches: { from: number; to: number }[] = [];
    for (let from = 1; from <= sessions; from += BATCH) batches.push({ from, to: Math.min(sessions, from + BATCH - 1) });
    let written = 0;
    // Numbers continue after existing rows, so references stay unique across runs.
    await onEach(clients, batches, async (worker, { from, to }) => {
      await worker.query(sessionBatchSql(offset + from, offset + to, offset + sessions, staffCount, days));
      written += to - from + 1;
      log(`  sessions, sends and events ${written.toLocaleString("en")} / ${sessions.toLocaleString("en")} (${elapsed()})`);
    });
    await onEach(clients, rebuild, async (worker, index) => {
      await worker.query(index.def);
    });
    if (rebuild.length) log(`  ${rebuild.length} indexes rebuilt (${elapsed()})`);
    // Fresh statistics and visibility map: the planner's estimates and index-only scans need both.
    await onEach(clients, [...TABLES], async (worker, table) => {
      await worker.query(`VACUUM ANALYZE "${table}"`);
    });
    log(`Seeded ${sessions.toLocaleString("en")} sessions in ${((Date.now() - started) / 1000).toFixed(1)} s.`);
  } finally {
    await clients[0]?.query(`DROP TABLE IF EXISTS seed_history_staff`).catch(() => {});
    await Promise.all(clients.map((client) => client.end()));
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const { values } = parseArgs({ options: { sessions: { type: "string" }, stores: { type: "string" } } });
  const url = process.env.DATABASE_URL;
  if (!url || !values.sessions) {
    console.error("usage: npm run db:seed-history -- --sessions N [--stores K]");
    process.exit(2);
  }
  seedHistory(url, { sessions: Number(values.sessions), stores: values.stores ? Number(values.stores) : 2, workers: defaultWorkers() }).catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
