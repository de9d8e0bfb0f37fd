import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { cleanEnv, freePort, ROOT, run, TSX, type Env } from "./processes";

const WITH_DB = path.join(ROOT, "prisma", "with-db.ts");
const PRINT_DB_ENV = ["-e", "console.log(JSON.stringify({ url: process.env.DATABASE_URL, pool: process.env.DATABASE_POOL_SIZE ?? null }))"];

/** Runs `with-db.ts node -e …` in a project folder holding `.env.local`, and reads what the command saw. */
async function commandEnvironment(envLocal: string, env: Env = {}) {
  const dir = mkdtempSync(path.join(os.tmpdir(), "with-db-"));
  dirs.push(dir);
  writeFileSync(path.join(dir, ".env.local"), envLocal);
  const result = await run(TSX, [WITH_DB, process.execPath, ...PRINT_DB_ENV], { cwd: dir, env: cleanEnv(env) });
  const line = result.stdout.split("\n").find((l) => l.startsWith("{"));
  return { ...result, seen: line ? (JSON.parse(line) as { url?: string; pool: string | null }) : undefined };
}

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe("prisma/with-db.ts (db:migrate, db:seed, dev)", () => {
  it("reads .env.local and tells the command to use one connection to the embedded database it starts", async () => {
    const port = await freePort();
    const { code, seen } = await commandEnvironment(`EMBEDDED_DB_PORT=${port}\nEMBEDDED_DB_DIR=memory://\nDATABASE_POOL_SIZE=10\n`);
    expect(code).toBe(0);
    expect(new URL(seen!.url!).port).toBe(String(port));
    expect(seen!.pool).toBe("1");
  });

  it("uses DATABASE_URL from .env.local as is, with the pool size left to the configuration", async () => {
    const { code, seen } = await commandEnvironment("DATABASE_URL=postgresql://portal@db.example:5432/portal\n");
    expect(code).toBe(0);
    expect(seen).toEqual({ url: "postgresql://portal@db.example:5432/portal", pool: null });
  });

  it("refuses to fall back to the embedded database with NODE_ENV=production", async () => {
    const port = await freePort();
    const { code, stderr, seen } = await commandEnvironment(`EMBEDDED_DB_PORT=${port}\nEMBEDDED_DB_DIR=memory://\n`, { NODE_ENV: "production" });
    expect(code).not.toBe(0);
    expect(stderr).toMatch(/DATABASE_URL is required when NODE_ENV=production/);
    expect(seen).toBeUndefined();
  });
});
