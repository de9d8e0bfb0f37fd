import "server-only";
import type { MerchantUrls, ProviderKind } from "@/lib/hpp";
import { callbackSecret } from "./callback-secret";

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
  const result = (outcome: string) => `${base}/pay/result?outcome=${outcome}&ref=${linkId}${hpp}`;
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
