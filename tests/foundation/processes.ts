import { spawn } from "node:child_process";
import net from "node:net";
import path from "node:path";

export const ROOT = process.cwd();
export const TSX = path.join(ROOT, "node_modules", ".bin", "tsx");

export type RunResult = { code: number | null; stdout: string; stderr: string };

/** Runs a command to completion, collecting its output. `env` replaces the environment entirely. */
export type Env = Record<string, string | undefined>;

export function run(command: string, args: string[], options: { cwd?: string; env: Env }): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: options.cwd ?? ROOT, env: options.env as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

/** The environment of this test process without any database or NODE_ENV choice of its own. */
export function cleanEnv(overrides: Env = {}): Env {
  const env: Env = { ...process.env, CHECKPOINT_DISABLE: "1" };
  for (const name of ["DATABASE_URL", "DATABASE_POOL_SIZE", "EMBEDDED_DB_PORT", "EMBEDDED_DB_DIR", "NODE_ENV", "VITEST", "VITEST_POOL_ID", "VITEST_WORKER_ID"]) delete env[name];
  return { ...env, ...overrides };
}

/** A TCP port nothing listens on right now. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
