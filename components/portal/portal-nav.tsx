"use client";

import { signOut } from "next-auth/react";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { clearAllDrafts, startNewPaymentLink } from "@/components/payment-links/form/form-draft";
import { Button } from "@/components/ui/button";

const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/sessions/new", label: "New payment link" },
  { href: "/sessions", label: "Sessions" },
] as const;

export type PortalNavProps = { isAdmin: boolean };

export function PortalNav({ isAdmin }: PortalNavProps) {
  const pathname = usePathname();
  const links = isAdmin ? [...LINKS, { href: "/admin", label: "Admin" }] : LINKS;
  const isCurrent = (href: string) =>
    href === "/sessions" ? pathname === "/sessions" || /^\/sessions\/(?!new)/.test(pathname) : pathname.startsWith(href);
  return (
    <nav aria-label="Main" className="flex flex-wrap items-center gap-1">
      <span className="mr-2 font-semibold whitespace-nowrap text-brand-700 sm:mr-4">Pay-by-link</span>
      {links.map((link) => (
        <Link
          key={link.href}
          href={link.href}
          aria-current={isCurrent(link.href) ? "page" : undefined}
          // A new payment link never inherits the last customer's details from this tab.
          onClick={link.href === "/sessions/new" ? startNewPaymentLink : undefined}
          className="rounded-md px-2 py-2 text-sm font-medium whitespace-nowrap text-slate-700 hover:bg-slate-100 focus:outline-none focus-visible:ring-2 focus-visible:ring-brand-500 sm:px-3 aria-[current=page]:bg-brand-50 aria-[current=page]:text-brand-700"
        >
          {link.label}
        </Link>
      ))}
    </nav>
  );
}

export function SignOutButton() {
  return (
    <Button
      type="button"
      variant="secondary"
      onClick={() => {
        clearAllDrafts();
        void signOut({ callbackUrl: "/login" });
      }}
    >
      Sign out
    </Button>
  );
}
