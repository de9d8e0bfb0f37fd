/**
 * The follow-up worklist's groups and the one rule that puts a link in at most one of them. Pure and
 * browser-safe: the worklist query, the badge and the tests use it with an injected `now`.
 */
import { isOpen as isOpenLink, type LinkStatus } from "@/lib/domain/statuses";

export { isOpenLink };

export const FOLLOW_UP_GROUPS = ["NOT_SENT", "FAILED_OR_CANCELLED", "EXPIRING_SOON", "UNPAID", "EXPIRED_UNPAID"] as const;
export type FollowUpGroup = (typeof FOLLOW_UP_GROUPS)[number];

/** Each group's title and the one line under it that says why a link is there. */
export const FOLLOW_UP_GROUP_COPY: Record<FollowUpGroup, { label: string; hint: string }> = {
  NOT_SENT: { label: "Not sent", hint: "Every send failed or was refused: the customer never got the link." },
  FAILED_OR_CANCELLED: { label: "Failed or cancelled", hint: "The customer's payment failed or they cancelled." },
  EXPIRING_SOON: { label: "Expiring soon", hint: "Still open, and the link expires within 6 hours." },
  UNPAID: { label: "Unpaid", hint: "Still open and not paid." },
  EXPIRED_UNPAID: { label: "Expired unpaid", hint: "The link expired before the customer paid." },
};

/** An open link expiring this soon is Expiring soon. */
export const EXPIRING_WITHIN_MS = 6 * 60 * 60 * 1000;
/** Links that ended (cancelled, expired, never created) stay on the worklist this long, unless handled. */
export const ENDED_WINDOW_MS = 7 * 24 * 60 * 60 * 1000;
/** The store setting's default: an open link is Unpaid once older than this. */
export const DEFAULT_UNPAID_AFTER_MINUTES = 30;

/** Statuses that put an ended link on the worklist (within ENDED_WINDOW_MS of ending). */
export const ENDED_FOLLOW_UP_STATUSES = ["CANCELLED", "EXPIRED", "CREATE_FAILED"] as const satisfies readonly LinkStatus[];

export type GroupInput = {
  status: LinkStatus;
  createdAt: Date;
  expiresAt: Date | null;
  /** The link's sends by outcome. */
  sends: { sent: number; pending: number; failed: number };
};

/** The group a link that was neither dismissed nor re-issued belongs in at `now`, or null when it needs nothing. */
export function followUpGroupOf(link: GroupInput, now: Date, unpaidAfterMinutes: number): FollowUpGroup | null {
  if (link.status === "CANCELLED") return "FAILED_OR_CANCELLED";
  if (link.status === "CREATE_FAILED") return "NOT_SENT";
  const expired = link.status === "EXPIRED" || (isOpenLink(link.status) && link.expiresAt !== null && link.expiresAt <= now);
  if (expired) return "EXPIRED_UNPAID";
  if (!isOpenLink(link.status)) return null;
  if (link.status === "FAILED" || link.status === "ERROR") return "FAILED_OR_CANCELLED";
  if (link.sends.failed > 0 && link.sends.sent === 0 && link.sends.pending === 0) return "NOT_SENT";
  if (link.expiresAt !== null && link.expiresAt.getTime() - now.getTime() <= EXPIRING_WITHIN_MS) return "EXPIRING_SOON";
  if (now.getTime() - link.createdAt.getTime() > unpaidAfterMinutes * 60_000) return "UNPAID";
  return null;
}

/** A link's age as the worklist shows it: "12 min", "2 h 5 min", "3 days". */
export function ageLabel(ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  return `${Math.floor(hours / 24)} days`;
}
