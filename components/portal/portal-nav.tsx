"use client";

import Link, { useLinkStatus } from "next/link";
import { usePathname } from "next/navigation";
import { FollowUpBadge } from "@/components/follow-up/nav-badge";
import { clearAllDrafts, startNewPaymentLink } from "@/components/payment-links/form/form-draft";
import { Button } from "@/components/ui/button";

const LINKS = [
  { href: "/dashboard", label: "Dashboard" },
  { href: "/sessions/new", label: "New payment link" },
  { href: "/sessions", label: "Sessions" },
  { href: "/follow-up", label: "Follow-up" },
] as const;

/**
 * While a page is on its way after a click, a dot beside its link. The pages have no loading
 * skeletons: a streamed skeleton stays on screen for good without JavaScript.
 */
function PendingDot() {
  const { pending } = useLinkStatus();
  return <span aria-hidden className={`ml-1 inline-block size-1.5 rounded-full bg-brand-500 align-middle transition-opacity ${pending ? "animate-pulse opacity-100" : "opacity-0"}`} />;
}

export type PortalNavProps = { role: "AGENT" | "MANAGER" | "ADMIN" };

/** Admins get Admin (staff, stores, audit log); managers get Staff (their store's agents). */
export function PortalNav({ role }: PortalNavProps) {
  const pathname = usePathname();
  const links = role === "AGENT" ? LINKS : [...LINKS, { href: "/admin", label: role === "ADMIN" ? "Admin" : "Staff" }];
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
          {link.href === "/follow-up" && <FollowUpBadge />}
          <PendingDot />
        </Link>
      ))}
    </nav>
  );
}

export type SignOutButtonProps = { action: () => Promise<void> };

/** A form post to the sign-out action, which ends the session on the server; works without JavaScript. */
export function SignOutButton({ action }: SignOutButtonProps) {
  return (
    <form action={action} onSubmit={() => clearAllDrafts()}>
      <Button type="submit" variant="secondary">
        Sign out
      </Button>
    </form>
  );
}
