import { describe, expect, it } from "vitest";
import { EnvError, parseEnv, REQUIRED_IN_PRODUCTION } from "@/lib/env";

const PRODUCTION_PROVIDERS = {
  PORTAL_PUBLIC_URL: "https://portal.example",
  KUSTOM_API_URL: "https://api.kustom.example",
  KUSTOM_API_USERNAME: "merchant",
  KUSTOM_API_PASSWORD: "secret",
  PLATFORM_API_URL: "https://api.platform.example",
  PLATFORM_API_USERNAME: "merchant",
  PLATFORM_API_PASSWORD: "secret",
  PLATFORM_API_KEY: "key",
  PLATFORM_TERMINAL_ID: "T1",
};

describe("environment validation", () => {
  it("applies defaults that point at the local sandbox and the embedded database", () => {
    const env = parseEnv({});
    expect(env.NODE_ENV).toBe("development");
    expect(env.DATABASE_URL).toBeUndefined();
    expect(env.KUSTOM_API_URL).toBe("http://127.0.0.1:4010");
    expect(env.KUSTOM_API_USERNAME).toBe("sandbox-merchant");
    expect(env.PLATFORM_API_KEY).toBe("sandbox-api-key");
    expect(env.SANDBOX_PORT).toBe(4010);
  });

  it("treats empty strings as unset", () => {
    expect(parseEnv({ DATABASE_URL: "", SANDBOX_PORT: "" }).SANDBOX_PORT).toBe(4010);
  });

  it("coerces numbers and rejects out-of-range ports with a readable message", () => {
    expect(parseEnv({ SANDBOX_PORT: "4999" }).SANDBOX_PORT).toBe(4999);
    expect(() => parseEnv({ SANDBOX_PORT: "70000" })).toThrowError(/SANDBOX_PORT/);
  });

  it("rejects a DATABASE_URL that is not PostgreSQL", () => {
    expect(() => parseEnv({ DATABASE_URL: "mysql://x@y/z" })).toThrowError(/DATABASE_URL must be a postgresql:\/\/ connection string/);
  });

  it("requires AUTH_SECRET and DATABASE_URL in production and lists every problem at once", () => {
    try {
      parseEnv({ NODE_ENV: "production" });
      expect.unreachable("production without secrets must fail");
    } catch (error) {
      expect(error).toBeInstanceOf(EnvError);
      const problems = (error as EnvError).problems.join("\n");
      expect(problems).toMatch(/AUTH_SECRET is required in production/);
      expect(problems).toMatch(/DATABASE_URL is required in production/);
    }
    const ok = parseEnv({ ...PRODUCTION_PROVIDERS, NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), DATABASE_URL: "postgresql://u@h/db" });
    expect(ok.AUTH_SECRET).toHaveLength(32);
  });

  it("refuses production (the server and jobs:recover) with the sandbox's default provider URLs and credentials", () => {
    const base = { NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), DATABASE_URL: "postgresql://u@h/db" };
    try {
      parseEnv(base);
      expect.unreachable("production with sandbox defaults must fail");
    } catch (error) {
      const problems = (error as EnvError).problems;
      for (const name of REQUIRED_IN_PRODUCTION) expect(problems.join("\n")).toContain(`${name} is required in production`);
    }
    const { KUSTOM_API_URL: _dropped, ...withoutOne } = PRODUCTION_PROVIDERS;
    expect(() => parseEnv({ ...base, ...withoutOne })).toThrowError(/KUSTOM_API_URL is required in production/);
    expect(parseEnv({ ...base, ...PRODUCTION_PROVIDERS }).KUSTOM_API_URL).toBe("https://api.kustom.example");
    // Development keeps the sandbox defaults.
    expect(parseEnv({}).KUSTOM_API_URL).toBe("http://127.0.0.1:4010");
  });

  it("has session lifetimes of 1 hour idle and 12 hours absolute by default, and parses trusted proxies", () => {
    const env = parseEnv({ TRUSTED_PROXY_ADDRESSES: " 10.0.0.1, ::1 " });
    expect(env.SESSION_IDLE_MINUTES).toBe(60);
    expect(env.SESSION_MAX_HOURS).toBe(12);
    expect(env.TRUSTED_PROXY_ADDRESSES).toEqual(["10.0.0.1", "::1"]);
    expect(parseEnv({}).TRUSTED_PROXY_ADDRESSES).toEqual([]);
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrowError(/AUTH_SECRET must be at least 32 characters/);
  });

  it("rejects a provider URL that is not http(s)", () => {
    expect(() => parseEnv({ KUSTOM_API_URL: "ftp://example.com" })).toThrowError(/KUSTOM_API_URL/);
  });
});
