import { mkdirSync } from "node:fs";
import net from "node:net";
import path from "node:path";
import { PGlite } from "@electric-sql/pglite";
import { pg_trgm } from "@electric-sql/pglite/contrib/pg_trgm";
import { PGLiteSocketServer } from "@electric-sql/pglite-socket";
import { embeddedDatabaseUrl } from "../lib/env";

export type EmbeddedPostgres = { url: string; port: number; stop(): Promise<void> };

/**
 * Serves a PGlite database over the PostgreSQL wire protocol, so the app, Prisma's CLI and the
 * tests all reach it exactly like a real server through `@prisma/adapter-pg`.
 * `dataDir` is a folder (created if missing) or "memory://".
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  host?: string;
  maxConnections?: number;
}): Promise<EmbeddedPostgres> {
  const host = options.host ?? "127.0.0.1";
  const inMemory = options.dataDir.startsWith("memory://");
  const dataDir = inMemory ? options.dataDir : path.resolve(options.dataDir);
  // PGlite does not create parent directories.
  if (!inMemory) mkdirSync(dataDir, { recursive: true });
  // pg_trgm: the history search's fallback index (the same migrations run on PostgreSQL).
  const db = await PGlite.create(dataDir, { extensions: { pg_trgm } });
  const server = new PGLiteSocketServer({
    db,
    host,
    port: options.port ?? 0,
    // Several processes may connect (the portal, the CLI, the seed), but outside an explicit
    // transaction the server interleaves their protocol messages: each client keeps to one connection.
    maxConnections: options.maxConnections ?? 20,
  });
  let port = options.port ?? 0;
  server.addEventListener("listening", (event) => {
    const detail = (event as CustomEvent<{ port?: number }>).detail;
    if (detail.port) port = detail.port;
  });
  await server.start();
  return {
    url: embeddedDatabaseUrl(port, host),
    port,
    async stop() {
      await server.stop();
      await db.close();
    },
  };
}

/** True when something accepts TCP connections on host:port (an embedded server another process owns). */
export function isListening(port: number, host = "127.0.0.1"): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host });
    socket.once("connect", () => {
      socket.destroy();
      resolve(true);
    });
    socket.once("error", () => resolve(false));
  });
}
