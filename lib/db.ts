import "server-only";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@/lib/generated/prisma/client";
import { embeddedDatabaseUrl, env } from "@/lib/env";

export type Db = ReturnType<typeof createDb>;

/**
 * The one place the database is chosen: DATABASE_URL when set (PostgreSQL in production and CI),
 * otherwise the embedded PGlite server that `npm run dev` starts with its data in ./.data/.
 */
export function databaseUrl(): string {
  const config = env();
  return config.DATABASE_URL ?? embeddedDatabaseUrl(config.EMBEDDED_DB_PORT);
}

/** Whether `url` is the embedded PGlite server (one connection: its wire server interleaves statements). */
export function isEmbedded(url: string): boolean {
  return url === embeddedDatabaseUrl(env().EMBEDDED_DB_PORT);
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
  globalForDb.portalDb ??= createDb(databaseUrl(), { poolSize: isEmbedded(databaseUrl()) ? 1 : env().DATABASE_POOL_SIZE });
  return globalForDb.portalDb;
}
