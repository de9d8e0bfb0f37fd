/**
 * The stack the browser tests run against, started by Playwright's webServer: a fresh database
 * (a new database on TEST_DATABASE_URL's PostgreSQL server, else in-memory PGlite) migrated with
 * `prisma migrate deploy` and seeded, the HPP sandbox, and the production build under `next start`.
 */
import { spawn } from "node:child_process";
import { once } from "node:events";
import { randomBytes } from "node:crypto";
import { seed } from "../../prisma/seed";
import { seedHistory } from "../../prisma/seed-history";
import { startEmbeddedPostgres } from "../../prisma/embedded";
import { createSandbox } from "../../sandbox/src/server";
import { createEmptyPostgresDatabase } from "../../tests/support/database";
import { portalEnvFor } from "../../sandbox/src/portal-env";
import { E2E_PORTAL_PORT, E2E_PORTAL_URL, E2E_SANDBOX_PORT } from "./ports";

const cleanups: (() => Promise<void>)[] = [];

/** DATABASE_URL, and for the embedded server one connection (it interleaves concurrent ones). */
async function database(): Promise<{ DATABASE_URL: string; DATABASE_POOL_SIZE?: string }> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
    cleanups.push(() => embedded.stop());
    return { DATABASE_URL: embedded.url, DATABASE_POOL_SIZE: "1" };
  }
  const empty = await createEmptyPostgresDatabase(serverUrl, "portal_e2e");
  cleanups.push(empty.drop);
  return { DATABASE_URL: empty.url };
}

async function shutdown(code: number) {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}

const databaseEnv = await database();
// Not spawnSync: the embedded database is served by this process's event loop.
const migrate = spawn("npx", ["prisma", "migrate", "deploy"], {
  stdio: "inherit",
  env: { ...process.env, ...databaseEnv, CHECKPOINT_DISABLE: "1" },
});
const [migrateCode] = (await once(migrate, "exit")) as [number | null];
if (migrateCode !== 0) await shutdown(1);
await seed(databaseEnv.DATABASE_URL);
// Enough history to page through (e2e/sessions/history.spec.ts).
await seedHistory(databaseEnv.DATABASE_URL, { sessions: 300, log: () => {} });

const sandbox = await createSandbox({ port: E2E_SANDBOX_PORT, callbackRetryDelaysMs: [200, 400, 800] });
cleanups.push(() => sandbox.close());

const portal = spawn("npx", ["next", "start", "-p", String(E2E_PORTAL_PORT), "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    ...databaseEnv,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_PUBLIC_URL: E2E_PORTAL_URL,
    NEXTAUTH_URL: E2E_PORTAL_URL,
    // Production requires every provider setting explicitly: the sandbox's.
    ...portalEnvFor(sandbox.url),
  },
});
portal.on("exit", (code) => void shutdown(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    portal.kill(signal);
  });
}
