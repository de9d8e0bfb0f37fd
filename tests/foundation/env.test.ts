import { describe, expect, it } from "vitest";
import { EnvError, parseEnv } from "@/lib/env";

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
    const ok = parseEnv({ NODE_ENV: "production", AUTH_SECRET: "s".repeat(32), DATABASE_URL: "postgresql://u@h/db" });
    expect(ok.AUTH_SECRET).toHaveLength(32);
  });

  it("rejects a short AUTH_SECRET", () => {
    expect(() => parseEnv({ AUTH_SECRET: "short" })).toThrowError(/AUTH_SECRET must be at least 32 characters/);
  });

  it("rejects a provider URL that is not http(s)", () => {
    expect(() => parseEnv({ KUSTOM_API_URL: "ftp://example.com" })).toThrowError(/KUSTOM_API_URL/);
  });
});
