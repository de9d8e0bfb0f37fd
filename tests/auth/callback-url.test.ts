import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { DEFAULT_AFTER_SIGN_IN, loginPath, RETURN_PATH_HEADER, safeCallbackPath } from "@/lib/auth/callback-url";
import { guardRequest } from "@/lib/auth/proxy";

describe("safeCallbackPath: only same-origin paths after sign-in", () => {
  it.each([
    "/\\evil.com",
    "/\\\\evil.com",
    "/\t/evil.com",
    "/\n/evil.com",
    "//evil.com",
    "///evil.com",
    "/.//evil.com",
    "/a/..//evil.com",
    "/%2e//evil.com",
    "https://evil.com/dashboard",
    "http:/evil.com",
    "javascript:alert(1)",
    "evil.com",
    " /dashboard",
    "",
    "/login",
    "/login?callbackUrl=%2Fsessions",
  ])("refuses %j", (value) => {
    expect(safeCallbackPath(value)).toBe(DEFAULT_AFTER_SIGN_IN);
  });

  it.each([
    ["/sessions", "/sessions"],
    ["/sessions?status=WAITING&page=2#top", "/sessions?status=WAITING&page=2#top"],
    ["/%09/evil.com", "/%09/evil.com"],
    ["/sessions/../admin", "/admin"],
  ])("keeps %j as the path %j", (value, expected) => {
    expect(safeCallbackPath(value)).toBe(expected);
  });

  it("falls back for a missing value", () => {
    expect(safeCallbackPath(undefined)).toBe(DEFAULT_AFTER_SIGN_IN);
    expect(safeCallbackPath(null, "/elsewhere")).toBe("/elsewhere");
  });
});

describe("loginPath: where an unauthenticated page visit is sent", () => {
  it("carries the requested page as callbackUrl", () => {
    const url = new URL(loginPath("/sessions?status=WAITING"), "http://x.test");
    expect(url.pathname).toBe("/login");
    expect(url.searchParams.get("callbackUrl")).toBe("/sessions?status=WAITING");
  });

  it.each([undefined, null, "//evil.com", "/dashboard"])("is plain /login for %j", (returnTo) => {
    expect(loginPath(returnTo)).toBe("/login");
  });
});

describe("guardRequest (the root proxy)", () => {
  it("hands the requested path to server components, replacing a client-sent value", () => {
    const request = new NextRequest("http://x.test/sessions?page=2", { headers: { [RETURN_PATH_HEADER]: "/spoofed" } });
    const response = guardRequest(request);
    expect(response.headers.get(`x-middleware-request-${RETURN_PATH_HEADER}`)).toBe("/sessions?page=2");
  });
});
