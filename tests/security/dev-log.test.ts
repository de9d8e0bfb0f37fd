import path from "node:path";
import { pathToFileURL } from "node:url";
import type { NextConfig } from "next";
import { describe, expect, it } from "vitest";

const configUrl = pathToFileURL(path.join(process.cwd(), "next.config.mjs")).href;
const nextConfig = ((await import(/* @vite-ignore */ configUrl)) as { default: NextConfig }).default;

describe("what next dev writes to its log", () => {
  const logging = nextConfig.logging || {};
  const patterns = typeof logging.incomingRequests === "object" ? (logging.incomingRequests.ignore ?? []) : [];
  const ignored = (url: string) => patterns.some((pattern) => pattern.test(url));

  it("leaves out requests whose URL carries a history search (a customer's name, email or phone)", () => {
    expect(ignored("/sessions?q=anna.s%40example.com")).toBe(true);
    expect(ignored("/sessions?status=open&q=070-123%2045%2067")).toBe(true);
    expect(ignored("/api/sessions/export?q=Svensson")).toBe(true);
  });

  it("logs other requests, and never prints a server action's arguments", () => {
    expect(ignored("/sessions?status=open&channel=sms")).toBe(false);
    expect(ignored("/dashboard?period=30d")).toBe(false);
    expect(logging.serverFunctions).toBe(false);
  });

  it("does not forward the browser's console to the terminal (a hydration error prints the page's props)", () => {
    expect(logging.browserToTerminal).toBe(false);
  });
});
