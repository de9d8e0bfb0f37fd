import { describe, expect, it } from "vitest";
import { isoFromEpochMs } from "@/lib/domain/iso-time";

const viaDate = (ms: number) => new Date(ms).toISOString();

describe("isoFromEpochMs", () => {
  it("writes what toISOString writes at the edges of days, months, leap years and centuries", () => {
    const edges = [
      "1970-01-01T00:00:00.000Z",
      "1969-12-31T23:59:59.999Z",
      "2000-02-29T12:00:00.001Z",
      "1900-03-01T00:00:00.000Z",
      "2024-02-29T23:59:59.999Z",
      "2026-12-07T16:51:50.114Z",
      "2100-02-28T23:59:59.999Z",
      "2100-03-01T00:00:00.000Z",
      "1000-01-01T00:00:00.000Z",
      "9999-12-31T23:59:59.999Z",
    ].map(Date.parse);
    for (const ms of edges) expect(isoFromEpochMs(ms)).toBe(viaDate(ms));
  });

  it("agrees with toISOString on 100,000 times from year 1000 to 9999, and beyond them falls back to it", () => {
    const from = Date.parse("1000-01-01T00:00:00.000Z");
    const to = Date.parse("9999-12-31T23:59:59.999Z");
    let seed = 7;
    const next = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647);
    for (let i = 0; i < 100_000; i++) {
      const ms = Math.floor(from + next() * (to - from));
      expect(isoFromEpochMs(ms)).toBe(viaDate(ms));
    }
    for (const ms of [Date.parse("0999-12-31T23:59:59.999Z"), Date.parse("+010000-01-01T00:00:00.000Z"), -62_198_755_200_000]) {
      expect(isoFromEpochMs(ms)).toBe(viaDate(ms));
    }
  });
});
