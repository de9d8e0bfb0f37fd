/**
 * The stack the browser tests run against, started by Playwright's webServer: a fresh database
 * (a new database on TEST_DATABASE_URL's PostgreSQL server, else in-memory PGlite) migrated with
 * `prisma migrate deploy` and seeded, the HPP sandbox, and the production build under `next start`.
 */
import { spawn, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import pg from "pg";
import { seed } from "../../prisma/seed";
import { startEmbeddedPostgres } from "../../prisma/embedded";
import { createSandbox } from "../../sandbox/server";
import { E2E_PORTAL_PORT, E2E_PORTAL_URL, E2E_SANDBOX_PORT } from "./ports";

const cleanups: (() => Promise<void>)[] = [];

async function database(): Promise<string> {
  const serverUrl = process.env.TEST_DATABASE_URL;
  if (!serverUrl) {
    const embedded = await startEmbeddedPostgres({ dataDir: "memory://" });
    cleanups.push(() => embedded.stop());
    return embedded.url;
  }
  const name = `portal_e2e_${randomBytes(6).toString("hex")}`;
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  await admin.query(`CREATE DATABASE "${name}"`);
  await admin.end();
  cleanups.push(async () => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await c.end();
  });
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

async function shutdown(code: number) {
  for (const cleanup of cleanups.reverse()) await cleanup().catch(() => {});
  process.exit(code);
}

const databaseUrl = await database();
const migrate = spawnSync("npx", ["prisma", "migrate", "deploy"], {
  stdio: "inherit",
  env: { ...process.env, DATABASE_URL: databaseUrl, CHECKPOINT_DISABLE: "1" },
});
if (migrate.status !== 0) await shutdown(1);
await seed(databaseUrl);

const sandbox = await createSandbox({ port: E2E_SANDBOX_PORT, callbackRetryDelaysMs: [200, 400, 800] });
cleanups.push(() => sandbox.close());

const portal = spawn("npx", ["next", "start", "-p", String(E2E_PORTAL_PORT), "-H", "127.0.0.1"], {
  stdio: "inherit",
  env: {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
    DATABASE_URL: databaseUrl,
    AUTH_SECRET: randomBytes(32).toString("base64url"),
    PORTAL_PUBLIC_URL: E2E_PORTAL_URL,
    NEXTAUTH_URL: E2E_PORTAL_URL,
    KUSTOM_API_URL: sandbox.url,
    PLATFORM_API_URL: sandbox.url,
  },
});
portal.on("exit", (code) => void shutdown(code ?? 1));
for (const signal of ["SIGINT", "SIGTERM"] as const) {
  process.on(signal, () => {
    portal.kill(signal);
  });
}
