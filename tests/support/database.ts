import { randomBytes } from "node:crypto";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import pg from "pg";
import { createDb, type Db } from "@/lib/db";
import { startEmbeddedPostgres } from "@/prisma/embedded";

export type TestDatabase = { name: string; url: string; db: Db; drop(): Promise<void> };

const MIGRATIONS_DIR = path.join(process.cwd(), "prisma", "migrations");

/** The committed migrations, in order — the same SQL `npm run db:migrate` applies. */
export function migrationSql(): string[] {
  return readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort()
    .map((dir) => readFileSync(path.join(MIGRATIONS_DIR, dir, "migration.sql"), "utf8"));
}

async function migrate(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    for (const sql of migrationSql()) await client.query(sql);
  } finally {
    await client.end();
  }
}

/** A fresh in-memory PGlite served over the wire protocol, migrated. */
export async function createPgliteDatabase(): Promise<TestDatabase> {
  const server = await startEmbeddedPostgres({ dataDir: "memory://" });
  await migrate(server.url);
  // One connection: PGlite's wire server interleaves statements of concurrent connections.
  const db = createDb(server.url, { poolSize: 1 });
  return {
    name: "pglite",
    url: server.url,
    db,
    async drop() {
      await db.$disconnect();
      await server.stop();
    },
  };
}

export type EmptyDatabase = { url: string; drop(): Promise<void> };

async function adminQuery(serverUrl: string, sql: string): Promise<void> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(sql);
  } finally {
    await admin.end();
  }
}

/** A new, empty database on the PostgreSQL server `serverUrl` names; drop() removes it. */
export async function createEmptyPostgresDatabase(serverUrl: string, prefix = "portal_test"): Promise<EmptyDatabase> {
  const database = `${prefix}_${randomBytes(6).toString("hex")}`;
  await adminQuery(serverUrl, `CREATE DATABASE "${database}"`);
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return { url: url.toString(), drop: () => adminQuery(serverUrl, `DROP DATABASE IF EXISTS "${database}" WITH (FORCE)`) };
}

/** A fresh database on the PostgreSQL server TEST_DATABASE_URL names, migrated; dropped afterwards. */
export async function createPostgresDatabase(serverUrl: string): Promise<TestDatabase> {
  const empty = await createEmptyPostgresDatabase(serverUrl);
  await migrate(empty.url);
  const db = createDb(empty.url);
  return {
    name: "postgresql",
    url: empty.url,
    db,
    async drop() {
      await db.$disconnect();
      await empty.drop();
    },
  };
}

/** Every database kind this run can reach: PGlite always, PostgreSQL when TEST_DATABASE_URL is set. */
export const DATABASE_KINDS: { kind: string; create: () => Promise<TestDatabase> }[] = [
  { kind: "pglite", create: createPgliteDatabase },
  ...(process.env.TEST_DATABASE_URL
    ? [{ kind: "postgresql", create: () => createPostgresDatabase(process.env.TEST_DATABASE_URL!) }]
    : []),
];
