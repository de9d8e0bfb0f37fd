import { mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

/** lib/auth/secret.ts, fresh (its env cache and file path are fixed at import) in `cwd`. */
async function authSecretIn(cwd: string): Promise<string> {
  vi.resetModules();
  process.chdir(cwd);
  const { authSecret } = await import("@/lib/auth/secret");
  return authSecret();
}

describe("AUTH_SECRET", () => {
  const home = process.cwd();
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    vi.stubEnv("AUTH_SECRET", "");
    vi.stubEnv("DATABASE_URL", "");
  });
  afterEach(() => {
    process.chdir(home);
    vi.unstubAllEnvs();
    rmSync(dir, { recursive: true, force: true });
  });

  it("is generated once in development, kept private in ./.data, and reused after a restart", async () => {
    vi.stubEnv("NODE_ENV", "development");
    const first = await authSecretIn(dir);
    const file = path.join(dir, ".data", "auth-secret");
    expect(first.length).toBeGreaterThanOrEqual(32);
    expect(readFileSync(file, "utf8")).toBe(first);
    expect(statSync(file).mode & 0o077).toBe(0);
    expect(await authSecretIn(dir)).toBe(first);
    const elsewhere = mkdtempSync(path.join(os.tmpdir(), "auth-secret-"));
    try {
      expect(await authSecretIn(elsewhere)).not.toBe(first);
    } finally {
      rmSync(elsewhere, { recursive: true, force: true });
    }
  });

  it("uses the configured AUTH_SECRET and writes nothing", async () => {
    vi.stubEnv("AUTH_SECRET", "configured-secret-configured-secret!");
    expect(await authSecretIn(dir)).toBe("configured-secret-configured-secret!");
    expect(() => statSync(path.join(dir, ".data"))).toThrow();
  });

  it("is never generated in production: a missing AUTH_SECRET stops start-up", async () => {
    vi.stubEnv("NODE_ENV", "production");
    vi.stubEnv("DATABASE_URL", "postgresql://u@h/db");
    await expect(authSecretIn(dir)).rejects.toThrow(/AUTH_SECRET is required in production/);
    expect(() => statSync(path.join(dir, ".data"))).toThrow();
  });
});
