import type { LinkStatus } from "@/lib/domain/statuses";

/** One paid / failed / cancelled link, as a tab is told about it. Browser-safe JSON. */
export type SettledAlert = {
  /** Unique per change: the link, its status and when it changed. */
  key: string;
  linkId: string;
  reference: string;
  status: LinkStatus;
  statusLabel: string;
  amount: number;
  currency: string;
  locale: string;
  at: string;
};

/** The alert's headline, e.g. "Paid: ORDER-1042". */
export function alertTitle(alert: Pick<SettledAlert, "status" | "reference">): string {
  const word = ALERT_WORDS[alert.status] ?? "Updated";
  return `${word}: ${alert.reference}`;
}

const ALERT_WORDS: Partial<Record<LinkStatus, string>> = {
  COMPLETED: "Paid",
  PAID_UNCONFIRMED: "Paid, unconfirmed",
  FAILED: "Payment failed",
  CANCELLED: "Cancelled",
};
