/** What may be done with a link in its current state. Pure: used by the use cases and the link's page. */
import type { LinkStatus } from "@/lib/domain/statuses";
import { DISABLE_BLOCKED, SEND_BLOCKED } from "./messages";

const SEND_BLOCKED_BY_STATUS: Partial<Record<LinkStatus, string>> = {
  CREATING: SEND_BLOCKED.CREATING,
  CREATE_FAILED: SEND_BLOCKED.CREATE_FAILED,
  COMPLETED: SEND_BLOCKED.COMPLETED,
  PAID_UNCONFIRMED: SEND_BLOCKED.PAID_UNCONFIRMED,
  CANCELLED: SEND_BLOCKED.CANCELLED,
  DISABLED: SEND_BLOCKED.DISABLED,
  EXPIRED: SEND_BLOCKED.EXPIRED,
};

const DISABLE_BLOCKED_BY_STATUS: Partial<Record<LinkStatus, string>> = {
  COMPLETED: DISABLE_BLOCKED.COMPLETED,
  PAID_UNCONFIRMED: DISABLE_BLOCKED.PAID_UNCONFIRMED,
  DISABLED: DISABLE_BLOCKED.DISABLED,
  CANCELLED: DISABLE_BLOCKED.CANCELLED,
  CREATE_FAILED: DISABLE_BLOCKED.CREATE_FAILED,
  EXPIRED: DISABLE_BLOCKED.EXPIRED,
};

const hasExpired = (link: { expiresAt: Date | null }, at: Date) => link.expiresAt !== null && link.expiresAt <= at;

/** Why nothing can be sent for this link now, or null. */
export function sendBlockedReason(link: { status: LinkStatus; expiresAt: Date | null }, at: Date): string | null {
  if (hasExpired(link, at)) return SEND_BLOCKED.EXPIRED;
  return SEND_BLOCKED_BY_STATUS[link.status] ?? null;
}

/** Why this link cannot be disabled now, or null. */
export function disableBlockedReason(
  link: { status: LinkStatus; expiresAt: Date | null; providerSessionId: string | null },
  canDisable: boolean,
  at: Date,
): string | null {
  if (!canDisable) return DISABLE_BLOCKED.UNSUPPORTED;
  const byStatus = DISABLE_BLOCKED_BY_STATUS[link.status];
  if (byStatus) return byStatus;
  if (hasExpired(link, at)) return DISABLE_BLOCKED.EXPIRED;
  if (!link.providerSessionId) return DISABLE_BLOCKED.CREATING;
  return null;
}
