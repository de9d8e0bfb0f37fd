/**
 * Runs a command with DATABASE_URL pointing at a database:
 * - DATABASE_URL set → that database (production PostgreSQL, CI's PostgreSQL);
 * - unset → the embedded PGlite server on EMBEDDED_DB_PORT, started here with its data in
 *   ./.data/pglite unless another process (e.g. `npm run dev`) already serves it — one process
 *   must own a PGlite data directory.
 * Usage: tsx prisma/with-db.ts <command…>
 */
import { spawn } from "node:child_process";
import { EMBEDDED_DB_DEFAULT_PORT, embeddedDatabaseUrl } from "../lib/env";
import { isListening, startEmbeddedPostgres, type EmbeddedPostgres } from "./embedded";

const command = process.argv.slice(2).join(" ");
if (!command) {
  console.error("usage: tsx prisma/with-db.ts <command…>");
  process.exit(2);
}

let embedded: EmbeddedPostgres | undefined;
let databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) {
  const port = Number(process.env.EMBEDDED_DB_PORT || EMBEDDED_DB_DEFAULT_PORT);
  if (await isListening(port)) {
    databaseUrl = embeddedDatabaseUrl(port);
  } else {
    embedded = await startEmbeddedPostgres({ dataDir: process.env.EMBEDDED_DB_DIR || ".data/pglite", port });
    databaseUrl = embedded.url;
    console.log(`Embedded PostgreSQL (PGlite) serving .data/pglite on port ${embedded.port}`);
  }
}

const child = spawn(command, { stdio: "inherit", shell: true, env: { ...process.env, DATABASE_URL: databaseUrl } });
const forward = (signal: NodeJS.Signals) => child.kill(signal);
process.on("SIGINT", forward);
process.on("SIGTERM", forward);
child.on("exit", async (code, signal) => {
  await embedded?.stop();
  process.exit(code ?? (signal ? 1 : 0));
});
