import type { Metadata } from "next";

export const metadata: Metadata = { title: "Order confirmed" };

/** Checkout's confirmation URL. Public; the hosted payment page normally shows its own confirmation. */
export default function ConfirmationPage() {
  return (
    <main className="mx-auto max-w-md p-10 text-center">
      <h1 className="text-2xl font-semibold">Thank you for your order</h1>
      <p className="mt-3 text-slate-600">You can close this page. The shop has been told.</p>
    </main>
  );
}
