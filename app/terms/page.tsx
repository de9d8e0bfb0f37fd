import type { Metadata } from "next";

export const metadata: Metadata = { title: "Terms" };

/** Checkout requires a terms URL; each deployment replaces this text with the merchant's own terms. */
export default function TermsPage() {
  return (
    <main className="mx-auto max-w-2xl p-10">
      <h1 className="text-2xl font-semibold">Terms and conditions</h1>
      <p className="mt-3 text-slate-600">
        Payments made through a payment link are handled by the merchant&apos;s payment provider. Contact the store that sent you the link for
        its terms of sale, delivery and returns.
      </p>
    </main>
  );
}
