import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_RETRY_POLICY, backoffDelay, retryAfterMs } from "@/lib/hpp/http";
import { logRedacted } from "@/lib/hpp/log";
import { redact } from "@/lib/log";
import { MemoryLogger } from "../support/memory-logger";

describe("backoffDelay (full jitter)", () => {
  it("stays in [0, min(cap, base·2^(n-1))) for any retry number and random value", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 40 }),
        fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true }),
        fc.integer({ min: 1, max: 1_000 }),
        fc.integer({ min: 1, max: 60_000 }),
        (retry, r, base, cap) => {
          const delay = backoffDelay(retry, { baseDelayMs: base, maxDelayMs: cap }, () => r);
          const ceiling = Math.min(cap, base * 2 ** (retry - 1));
          expect(Number.isInteger(delay)).toBe(true);
          expect(delay).toBeGreaterThanOrEqual(0);
          expect(delay).toBeLessThan(ceiling);
        },
      ),
    );
  });

  it("grows exponentially until the cap with the default policy", () => {
    const top = () => 0.999_999;
    expect(backoffDelay(1, DEFAULT_RETRY_POLICY, top)).toBe(199);
    expect(backoffDelay(2, DEFAULT_RETRY_POLICY, top)).toBe(399);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, top)).toBe(799);
    expect(backoffDelay(10, DEFAULT_RETRY_POLICY, top)).toBe(4_999);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0)).toBe(0);
    expect(backoffDelay(3, DEFAULT_RETRY_POLICY, () => 0.5)).toBe(400);
  });

  it("spreads delays across the window (jitter, not a constant)", () => {
    const delays = new Set(Array.from({ length: 50 }, () => backoffDelay(5, DEFAULT_RETRY_POLICY)));
    expect(delays.size).toBeGreaterThan(10);
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2030-01-01T00:00:00Z");
  it("reads seconds, HTTP dates and RateLimit-Reset", () => {
    expect(retryAfterMs(new Headers({ "Retry-After": "2" }), now)).toBe(2_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "0.5" }), now)).toBe(500);
    expect(retryAfterMs(new Headers({ "Retry-After": "Tue, 01 Jan 2030 00:00:03 GMT" }), now)).toBe(3_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "Mon, 31 Dec 2029 23:59:00 GMT" }), now)).toBe(0);
    expect(retryAfterMs(new Headers({ "RateLimit-Reset": "4" }), now)).toBe(4_000);
    expect(retryAfterMs(new Headers({ RateLimit: "limit=10, remaining=0, reset=7" }), now)).toBe(7_000);
  });

  it("prefers Retry-After and ignores garbage", () => {
    expect(retryAfterMs(new Headers({ "Retry-After": "1", "RateLimit-Reset": "9" }), now)).toBe(1_000);
    expect(retryAfterMs(new Headers({ "Retry-After": "soon" }), now)).toBeUndefined();
    expect(retryAfterMs(new Headers(), now)).toBeUndefined();
  });
});

describe("redact", () => {
  it("removes emails, phone numbers, credentials and tokens", () => {
    const text = redact(
      'contact anna.b+1@example.com or +46 70 123 45 67 / 0701234567; Authorization: Basic c2FuZGJveDpzZWNyZXQ= ' +
        '{"access_token":"eyJhbGciOi.abc.def","password":"hunter2","access_id":"467521087419"} Bearer abc.def.ghi ' +
        "https://portal.example.com/api/hpp/status?sid=1&secret=s3cr3t",
    );
    for (const secret of ["anna.b+1@example.com", "123 45 67", "0701234567", "c2FuZGJveDpzZWNyZXQ=", "eyJhbGciOi", "hunter2", "467521087419", "abc.def.ghi", "s3cr3t"]) {
      expect(text).not.toContain(secret);
    }
    expect(text).toContain("[email]");
    expect(text).toContain("[phone]");
  });

  it("keeps ordinary words, codes and the correlation id", () => {
    const logger = new MemoryLogger();
    logRedacted(logger, "distributeHppSession failed", {
      body: '{"error_code":"BLACKLIST_REFUSED","error_messages":["blocked@example.com is blacklisted"]}',
      correlationId: "0b9f3c1e-1234-4567-8901-234567890123",
      status: 400,
    });
    const entry = logger.entries[0]!;
    expect(entry.details.correlationId).toBe("0b9f3c1e-1234-4567-8901-234567890123");
    expect(entry.details.body).toBe('{"error_code":"BLACKLIST_REFUSED","error_messages":["[email] is blacklisted"]}');
    expect(entry.details.status).toBe(400);
  });
});
