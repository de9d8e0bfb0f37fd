import type { Metadata } from "next";
import { connection } from "next/server";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Pay-by-link portal", template: "%s · Pay-by-link portal" },
  description: "Create, send and follow hosted payment page links.",
};

/**
 * Every page renders per request: the CSP nonce (proxy.ts) differs each time, and a prerendered
 * page's scripts would carry none and be blocked.
 */
export default async function RootLayout({ children }: { children: React.ReactNode }) {
  await connection();
  return (
    <html lang="en">
      <body className="min-h-screen font-sans">{children}</body>
    </html>
  );
}
