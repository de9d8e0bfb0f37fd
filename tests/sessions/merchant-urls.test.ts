import { existsSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { callbackSecret, hashCallbackSecret, verifyCallbackSecret } from "@/lib/payment-links/callback-secret";
import { merchantUrls } from "@/lib/payment-links/merchant-urls";

const config = { portalUrl: "https://portal.example/", serverKey: "merchant-urls-test-key-0123456789abcdef" };
const LINK = "3f1c2a4e-5b6d-4e7f-8a9b-0c1d2e3f4a5b";
const NONCE = "nonce-1";

/** The app/ route file that serves a portal path, or undefined. Dynamic segments match `[name]` folders. */
function routeFileFor(pathname: string): string | undefined {
  let dir = path.join(process.cwd(), "app");
  for (const segment of pathname.split("/").filter(Boolean)) {
    const exact = path.join(dir, segment);
    if (existsSync(exact)) dir = exact;
    else if (existsSync(path.join(dir, "[id]"))) dir = path.join(dir, "[id]");
    else return undefined;
  }
  return ["page.tsx", "route.ts"].map((file) => path.join(dir, file)).find((file) => existsSync(file));
}

describe("the URLs the portal hands a provider for a link", () => {
  const urls = merchantUrls(config, "KUSTOM", LINK, NONCE);
  const all = [urls.success, urls.cancel, urls.back, urls.failure, urls.error, urls.statusUpdate, ...Object.values(urls.order)];

  it("every one is a page or route the portal has, under its public URL", () => {
    for (const url of all) {
      expect(url.startsWith("https://portal.example/"), url).toBe(true);
      expect(routeFileFor(new URL(url).pathname), url).toBeDefined();
    }
  });

  it("the status callback and Checkout's push both carry this link's reference and its secret", () => {
    const secret = callbackSecret(config.serverKey, LINK, NONCE);
    const push = new URL(urls.order.push);
    expect(push.searchParams.get("ref")).toBe(LINK);
    expect(push.searchParams.get("order_id")).toBe("{checkout.order.id}");
    expect(verifyCallbackSecret(push.searchParams.get("secret"), hashCallbackSecret(secret))).toBe(true);
    const status = new URL(urls.statusUpdate);
    expect(status.pathname).toBe(`/api/hpp/status-update/${LINK}`);
    expect(status.searchParams.get("secret")).toBe(secret);
  });

  it("only Kustom gets the {{session_id}} placeholder; the payment platform would show it verbatim", () => {
    expect(urls.success).toContain("hpp={{session_id}}");
    const platform = merchantUrls(config, "PAYMENT_PLATFORM", LINK, NONCE);
    expect([platform.success, platform.statusUpdate].some((url) => url.includes("{{"))).toBe(false);
  });
});
