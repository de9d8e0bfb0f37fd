import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import pg from "pg";
import { afterAll, describe, expect, it } from "vitest";
import { startEmbeddedPostgres } from "@/prisma/embedded";
import { createEmptyPostgresDatabase } from "../support/database";
import { cleanEnv, freePort, ROOT, run, TSX, type Env } from "./processes";

const MIGRATIONS = readdirSync(path.join(ROOT, "prisma", "migrations"), { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/** `npm run db:migrate` without npm: the same with-db wrapper around `prisma migrate deploy`. */
function dbMigrate(env: Env) {
  return run(TSX, [path.join(ROOT, "prisma", "with-db.ts"), "prisma", "migrate", "deploy"], { env: cleanEnv(env) });
}

/** Everything a migration could change, as text: tables, columns, constraints, indexes, enums, and the migrations table. */
async function snapshot(url: string): Promise<{ schema: string; applied: string[] }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const parts = await Promise.all(
      [
        `SELECT table_name, column_name, data_type, is_nullable, column_default FROM information_schema.columns WHERE table_schema = 'public' ORDER BY 1, 2`,
        `SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = 'public'::regnamespace ORDER BY 1`,
        `SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' ORDER BY 1`,
        `SELECT t.typname, e.enumlabel FROM pg_enum e JOIN pg_type t ON t.oid = e.enumtypid ORDER BY 1, e.enumsortorder`,
      ].map(async (sql) => JSON.stringify((await client.query(sql)).rows)),
    );
    const applied = await client.query<{ migration_name: string }>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY 1`,
    );
    return { schema: parts.join("\n"), applied: applied.rows.map((r) => r.migration_name) };
  } finally {
    await client.end();
  }
}

function expectFullSchema(state: { schema: string; applied: string[] }) {
  expect(state.applied).toEqual(MIGRATIONS);
  for (const table of ["Store", "User", "LoginAttempt", "PaymentSession", "SessionEvent", "Distribution"]) {
    expect(state.schema).toContain(`"table_name":"${table}"`);
  }
}

describe("npm run db:migrate (prisma migrate deploy through prisma/with-db.ts)", { timeout: 180_000 }, () => {
  const cleanups: (() => Promise<void> | void)[] = [];
  afterAll(async () => {
    for (const cleanup of cleanups.reverse()) await cleanup();
  });

  it("creates the schema in an empty PGlite directory, and a second run changes nothing", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), "pglite-migrate-"));
    cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
    const env = { EMBEDDED_DB_DIR: path.join(dir, "data"), EMBEDDED_DB_PORT: String(await freePort()) };

    const first = await dbMigrate(env);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toContain(`${MIGRATIONS.length} migrations found`);

    const inspect = async () => {
      const server = await startEmbeddedPostgres({ dataDir: env.EMBEDDED_DB_DIR });
      try {
        return await snapshot(server.url);
      } finally {
        await server.stop();
      }
    };
    const afterFirst = await inspect();
    expectFullSchema(afterFirst);

    const second = await dbMigrate(env);
    expect(second.code, second.stderr).toBe(0);
    expect(second.stdout).toContain("No pending migrations to apply.");
    expect(await inspect()).toEqual(afterFirst);
  });

  // Like every database test: on PostgreSQL when TEST_DATABASE_URL names a server (CI always does).
  for (const serverUrl of process.env.TEST_DATABASE_URL ? [process.env.TEST_DATABASE_URL] : []) {
    it("creates the schema in an empty PostgreSQL database, and a second run changes nothing", async () => {
      const database = await createEmptyPostgresDatabase(serverUrl, "portal_migrate");
      cleanups.push(database.drop);
      const env = { DATABASE_URL: database.url };

      const first = await dbMigrate(env);
      expect(first.code, first.stderr).toBe(0);
      const afterFirst = await snapshot(database.url);
      expectFullSchema(afterFirst);

      const second = await dbMigrate(env);
      expect(second.code, second.stderr).toBe(0);
      expect(second.stdout).toContain("No pending migrations to apply.");
      expect(await snapshot(database.url)).toEqual(afterFirst);
    });
  }
});
