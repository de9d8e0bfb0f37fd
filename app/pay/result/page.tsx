import type { Metadata } from "next";
import { linkDeps } from "@/lib/payment-links/deps";
import { recordCustomerReturn } from "@/lib/payment-links/customer-return";
import type { CustomerReturn } from "@/lib/payment-links/events";
import { RETURN_PAGE } from "@/lib/payment-links/messages";

export const metadata: Metadata = { title: "Payment" };

const RETURNED: Partial<Record<string, CustomerReturn>> = { success: "paid", cancel: "cancelled", error: "error" };

type Params = { outcome?: string; ref?: string; sig?: string };

/**
 * Where the hosted payment page sends the customer back to. Public; it shows nothing about the order.
 * A signed return from a provider that reports no status is recorded on the link as the customer's word.
 */
export default async function PaymentResultPage({ searchParams }: { searchParams: Promise<Params> }) {
  const { outcome = "", ref, sig } = await searchParams;
  const returned = RETURNED[outcome];
  const recorded = returned && ref ? await recordCustomerReturn(linkDeps(), { linkId: ref, returned, signature: sig ?? "" }) : null;
  // Only Kustom sends the customer to its success address once the payment went through.
  const copy =
    outcome === "success"
      ? recorded?.provider === "KUSTOM"
        ? RETURN_PAGE.paid
        : RETURN_PAGE.paidUnconfirmed
      : (RETURN_PAGE[outcome as keyof typeof RETURN_PAGE] ?? RETURN_PAGE.error);
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">{copy.title}</h1>
      <p className="mt-3 text-slate-600">{copy.text}</p>
    </main>
  );
}
