import "server-only";
import type { MerchantUrls, ProviderKind } from "@/lib/hpp";
import { callbackSecret, returnSignature } from "./callback-secret";
import type { CustomerReturn } from "./events";

/**
 * Every portal URL handed to a provider for one link: where the customer returns, the status callback
 * and Checkout's order push, both carrying the link's per-link secret (base64url: safe in a query).
 */
export function merchantUrls(
  config: { portalUrl: string; serverKey: string },
  kind: ProviderKind,
  linkId: string,
  nonce: string,
): MerchantUrls {
  const base = config.portalUrl.replace(/\/+$/, "");
  // Only Kustom fills in placeholders; the payment platform would show them verbatim.
  const hpp = kind === "KUSTOM" ? "&hpp={{session_id}}" : "";
  // The platform reports no status, so its return is the only signal: signed per outcome (customer-return.ts).
  const signed = (returned: CustomerReturn) => (kind === "PAYMENT_PLATFORM" ? `&sig=${returnSignature(config.serverKey, linkId, nonce, returned)}` : "");
  const RETURNED: Partial<Record<string, CustomerReturn>> = { success: "paid", cancel: "cancelled", error: "error" };
  const result = (outcome: string) => {
    const returned = RETURNED[outcome];
    return `${base}/pay/result?outcome=${outcome}&ref=${linkId}${hpp}${returned ? signed(returned) : ""}`;
  };
  const secret = callbackSecret(config.serverKey, linkId, nonce);
  const order = "{checkout.order.id}";
  return {
    success: result("success"),
    cancel: result("cancel"),
    back: result("back"),
    failure: result("failure"),
    error: result("error"),
    statusUpdate: `${base}/api/hpp/status-update/${linkId}?secret=${secret}${hpp}`,
    order: {
      terms: `${base}/terms`,
      // A customer sent back to "checkout" from a hosted payment page has not finished paying.
      checkout: result("back"),
      confirmation: `${base}/pay/confirmation?order_id=${order}`,
      push: `${base}/api/hpp/kustom/push?order_id=${order}&ref=${linkId}&secret=${secret}`,
    },
  };
}
