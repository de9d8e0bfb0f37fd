import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import pg from "pg";
import { PrismaClient, type Prisma } from "@/lib/generated/prisma/client";
import { embeddedDatabaseUrl, env, type Env } from "@/lib/env";

export type Db = ReturnType<typeof createDb>;

/**
 * The one place the database is chosen: DATABASE_URL when set (PostgreSQL in production and CI),
 * otherwise the embedded PGlite server that `npm run dev` starts with its data in ./.data/.
 */
export function databaseUrl(): string {
  const config = env();
  return config.DATABASE_URL ?? embeddedDatabaseUrl(config.EMBEDDED_DB_PORT);
}

/**
 * Connections per process. The embedded PGlite server interleaves the protocol messages of
 * concurrent connections, so it gets one: always when DATABASE_URL is unset, and otherwise because
 * whoever points DATABASE_URL at an embedded server says so (prisma/with-db.ts and the e2e server
 * set DATABASE_POOL_SIZE=1) — a URL alone cannot tell PGlite from PostgreSQL.
 */
export function poolSizeFor(config: Env): number {
  return config.DATABASE_URL ? config.DATABASE_POOL_SIZE : 1;
}

/**
 * Where a client keeps its connection pool, for the few reads that stream rows past Prisma (rawPool).
 * A global symbol, not module state: Next.js may load this module once per bundle, and a route's copy
 * must find the pool of the client another copy made.
 */
const POOL = Symbol.for("hpp-portal.db.pool");

export function createDb(url: string, { poolSize = 10 }: { poolSize?: number } = {}) {
  // The portal's queries are short and many run at once, so neither JIT compilation nor parallel
  // workers pay for themselves: JIT cost the dashboard's aggregates ~40 ms at 1M links, and starting
  // workers tripled the follow-up worklist's read (60 ms against 21 ms alone).
  const pool = new pg.Pool({ connectionString: url, max: poolSize, options: "-c jit=off -c max_parallel_workers_per_gather=0" });
  const client = new PrismaClient({
    // The pool is ours (rawPool shares it) and ends with the client.
    adapter: new PrismaPg(pool, { disposeExternalPool: true }),
    // Secrets stay out of every query unless a caller asks for them by name.
    omit: { user: { passwordHash: true }, paymentSession: { callbackSecretHash: true } },
  });
  Object.defineProperty(client, POOL, { value: pool });
  return client;
}

/**
 * The connections behind `db`, for a read too large to go through Prisma's row mapping (the CSV
 * export). Shared with Prisma, so the embedded database still sees one connection at a time.
 */
export function rawPool(db: Db): pg.Pool {
  const pool = (db as unknown as Record<symbol, pg.Pool | undefined>)[POOL];
  if (!pool) throw new Error("rawPool: not a client made by createDb");
  return pool;
}

/**
 * Rows of a query written with Prisma's SQL template (`Prisma.sql`), run on the client's own
 * connections without its query engine: for the reads on every page's path (sign-in check, history
 * list), where the engine cost ~1 ms of CPU a query (0.4 ms here against 1.5 ms for a findUnique).
 * pg reads a `timestamp` column in the server's local zone, so select times as text or `AT TIME ZONE 'UTC'`.
 */
export async function rawRows<T extends object>(db: Db, sql: Prisma.Sql): Promise<T[]> {
  return (await rawPool(db).query<T>({ text: sql.text, values: sql.values })).rows;
}

const globalForDb = globalThis as unknown as { portalDb?: Db };

/** One client per process, created on first use so `next build` never opens the database. */
export function db(): Db {
  globalForDb.portalDb ??= createDb(databaseUrl(), { poolSize: poolSizeFor(env()) });
  return globalForDb.portalDb;
}
