import type { Metadata } from "next";

export const metadata: Metadata = { title: "Payment" };

const OUTCOMES: Record<string, { title: string; text: string }> = {
  success: { title: "Thank you — your payment is complete", text: "You can close this page. The shop has been told." },
  cancel: { title: "Payment cancelled", text: "Nothing was charged. If this was a mistake, ask the shop for a new payment link." },
  back: { title: "Payment not finished", text: "You can open the payment link again to continue." },
  failure: { title: "The payment didn't go through", text: "Nothing was charged. You can open the payment link again to try another way." },
  error: { title: "Something went wrong", text: "Nothing was charged. Please try the payment link again in a moment." },
};

/** Where the hosted payment page sends the customer back to. Public; it shows nothing about the order. */
export default async function PaymentResultPage({ searchParams }: { searchParams: Promise<{ outcome?: string }> }) {
  const { outcome } = await searchParams;
  const copy = OUTCOMES[outcome ?? ""] ?? OUTCOMES.error!;
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">{copy.title}</h1>
      <p className="mt-3 text-slate-600">{copy.text}</p>
    </main>
  );
}
