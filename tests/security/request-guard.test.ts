import { NextRequest } from "next/server";
import { afterEach, describe, expect, it, vi } from "vitest";
import { crossSiteRefusal, type RequestFacts } from "@/lib/security/cross-site";
import { contentSecurityPolicy } from "@/lib/security/headers";

const PUBLIC = ["https://portal.example"];
const post = (facts: Partial<RequestFacts>): RequestFacts => ({ method: "POST", pathname: "/sessions/new", host: "portal.example", protocol: "https:", origin: null, secFetchSite: null, ...facts });

describe("cross-site requests are refused (Origin, else Sec-Fetch-Site)", () => {
  it("lets same-origin posts through: by Origin, by the public URL behind a proxy, or by Sec-Fetch-Site", () => {
    expect(crossSiteRefusal(post({ origin: "https://portal.example" }), PUBLIC)).toBeNull();
    expect(crossSiteRefusal(post({ host: "10.0.0.7:3000", protocol: "http:", origin: "https://portal.example" }), PUBLIC)).toBeNull();
    expect(crossSiteRefusal(post({ host: "127.0.0.1:3000", protocol: "http:", origin: "http://127.0.0.1:3000" }), [])).toBeNull();
    expect(crossSiteRefusal(post({ secFetchSite: "same-origin" }), PUBLIC)).toBeNull();
  });

  it("refuses another origin, a null origin, a cross-site or same-site fetch, and a post that shows neither", () => {
    expect(crossSiteRefusal(post({ origin: "https://evil.example" }), PUBLIC)).toBe("origin");
    expect(crossSiteRefusal(post({ origin: "null" }), PUBLIC)).toBe("origin");
    expect(crossSiteRefusal(post({ secFetchSite: "cross-site" }), PUBLIC)).toBe("sec-fetch-site");
    expect(crossSiteRefusal(post({ secFetchSite: "same-site" }), PUBLIC)).toBe("sec-fetch-site");
    expect(crossSiteRefusal(post({}), PUBLIC)).toBe("no-origin");
  });

  it("leaves reads and the providers' server-to-server callbacks alone", () => {
    expect(crossSiteRefusal(post({ method: "GET", origin: "https://evil.example" }), PUBLIC)).toBeNull();
    expect(crossSiteRefusal(post({ pathname: "/api/hpp/status-update/x" }), PUBLIC)).toBeNull();
  });
});

describe("the root proxy", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("answers a cross-site server action with 403 before it runs, even with a forged X-Forwarded-Host", async () => {
    const { guardRequest } = await import("@/lib/auth/proxy");
    const request = new NextRequest("http://portal.test/sessions/new", {
      method: "POST",
      headers: { host: "portal.test", origin: "https://evil.example", "x-forwarded-host": "evil.example", "next-action": "abc" },
    });
    expect(guardRequest(request).status).toBe(403);
    const noOrigin = new NextRequest("http://portal.test/sessions/new", { method: "POST", headers: { host: "portal.test", "next-action": "abc" } });
    expect(guardRequest(noOrigin).status).toBe(403);
  });

  it("replaces a client-sent X-Forwarded-Host with the Host for what runs after it", async () => {
    const { guardRequest } = await import("@/lib/auth/proxy");
    const request = new NextRequest("http://portal.test/dashboard", { headers: { host: "portal.test", "x-forwarded-host": "evil.example" } });
    expect(guardRequest(request).headers.get("x-middleware-request-x-forwarded-host")).toBe("portal.test");
  });
});

describe("the content security policy", () => {
  it("allows no inline script without this response's nonce, and no framing", () => {
    const csp = contentSecurityPolicy("abc123");
    const script = csp.split("; ").find((d) => d.startsWith("script-src"))!;
    expect(script).toBe("script-src 'self' 'nonce-abc123' 'strict-dynamic'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
  });
});
