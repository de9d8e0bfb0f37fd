import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
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

export function createDb(url: string, { poolSize = 10 }: { poolSize?: number } = {}) {
  return new PrismaClient({
    adapter: new PrismaPg({ connectionString: url, max: poolSize }),
    // Secrets stay out of every query unless a caller asks for them by name.
    omit: { user: { passwordHash: true }, paymentSession: { callbackSecretHash: true } },
  });
}

const globalForDb = globalThis as unknown as { portalDb?: Db };

/** One client per process, created on first use so `next build` never opens the database. */
export function db(): Db {
  globalForDb.portalDb ??= createDb(databaseUrl(), { poolSize: poolSizeFor(env()) });
  return globalForDb.portalDb;
}
