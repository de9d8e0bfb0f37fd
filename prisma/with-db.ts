/**
 * Runs a command with DATABASE_URL pointing at a database:
 * - DATABASE_URL set (in the environment, .env or .env.local) → that database (production
 *   PostgreSQL, CI's PostgreSQL);
 * - unset → the embedded PGlite server on EMBEDDED_DB_PORT, started here with its data in
 *   EMBEDDED_DB_DIR (./.data/pglite) unless another process (e.g. `npm run dev`) already serves it —
 *   one process must own a PGlite data directory. The command is told to use one connection
 *   (DATABASE_POOL_SIZE=1): the embedded server interleaves concurrent connections' messages.
 * Refuses to fall back to the embedded database when NODE_ENV=production.
 * Usage: tsx prisma/with-db.ts <command…>
 */
import { spawn } from "node:child_process";
import nextEnv from "@next/env";
import { EMBEDDED_DB_DEFAULT_PORT, embeddedDatabaseUrl } from "../lib/env";
import { isListening, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

const [command, ...args] = process.argv.slice(2);
if (!command) {
  console.error("usage: tsx prisma/with-db.ts <command…>");
  process.exit(2);
}

// The same files `next dev`/`next start` read; variables already in the environment win.
nextEnv.loadEnvConfig(process.cwd(), process.env.NODE_ENV !== "production", { info: () => {}, error: console.error });

const childEnv: NodeJS.ProcessEnv = { ...process.env };
let embedded: EmbeddedPostgres | undefined;
if (!childEnv.DATABASE_URL) {
  if (process.env.NODE_ENV === "production") {
    console.error("DATABASE_URL is required when NODE_ENV=production (postgresql://…); refusing to use the embedded development database.");
    process.exit(1);
  }
  const port = Number(process.env.EMBEDDED_DB_PORT || EMBEDDED_DB_DEFAULT_PORT);
  const dataDir = process.env.EMBEDDED_DB_DIR || ".data/pglite";
  if (await isListening(port)) {
    childEnv.DATABASE_URL = embeddedDatabaseUrl(port);
  } else {
    embedded = await startEmbeddedPostgres({ dataDir, port });
    childEnv.DATABASE_URL = embedded.url;
    console.log(`Embedded PostgreSQL (PGlite) serving ${dataDir} on port ${embedded.port}`);
  }
  childEnv.DATABASE_POOL_SIZE = "1";
}

// No shell: arguments reach the command as given (`--name "add thing"`); wrap compound commands in an npm script.
const child = spawn(command, args, { stdio: "inherit", env: childEnv });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("exit", async (code, signal) => {
  await embedded?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
