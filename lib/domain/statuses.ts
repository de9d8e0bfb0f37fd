/**
 * A payment link's statuses and the groups every screen, query and job uses. Browser-safe: the one
 * place these sets are written down.
 */

export const LINK_STATUSES = [
  "CREATING",
  "CREATE_FAILED",
  "WAITING",
  "BACK",
  "IN_PROGRESS",
  "MANUAL_ID_CHECK",
  "COMPLETED",
  "CANCELLED",
  "FAILED",
  "DISABLED",
  "ERROR",
  "EXPIRED",
  "PAID_UNCONFIRMED",
] as const;
export type LinkStatus = (typeof LINK_STATUSES)[number];

/** The words an agent sees. BACK and ERROR let the customer try again, so they read as Waiting / Failed. */
export const STATUS_LABELS: Record<LinkStatus, string> = {
  CREATING: "Creating",
  CREATE_FAILED: "Not created",
  WAITING: "Waiting",
  BACK: "Waiting",
  IN_PROGRESS: "In progress",
  MANUAL_ID_CHECK: "In progress",
  COMPLETED: "Completed",
  CANCELLED: "Cancelled",
  FAILED: "Failed",
  DISABLED: "Disabled",
  ERROR: "Failed",
  EXPIRED: "Expired",
  PAID_UNCONFIRMED: "Paid, unconfirmed",
};

/** Created and still payable: the customer can open the link and pay (FAILED and ERROR allow a retry). */
export const OPEN_STATUSES = ["WAITING", "BACK", "IN_PROGRESS", "MANUAL_ID_CHECK", "FAILED", "ERROR"] as const satisfies readonly LinkStatus[];

/** No further change can happen: stop polling, nothing can be sent. */
export const FINAL_STATUSES = ["CREATE_FAILED", "COMPLETED", "CANCELLED", "DISABLED", "EXPIRED"] as const satisfies readonly LinkStatus[];

/** Nothing moves a link out of these. EXPIRED is final for the portal but yields to a provider's final word. */
export const LOCKED_STATUSES = ["COMPLETED", "CANCELLED", "DISABLED", "CREATE_FAILED"] as const satisfies readonly LinkStatus[];

/**
 * The customer says they paid (they came back through the success URL of a provider that reports no
 * status): neither open nor final until a manager confirms it with the provider.
 */
export const UNCONFIRMED_STATUSES = ["PAID_UNCONFIRMED"] as const satisfies readonly LinkStatus[];

/** What the agent is told about in a paid alert: the customer's payment ended one way or another. */
export const SETTLED_STATUSES = ["COMPLETED", "PAID_UNCONFIRMED", "FAILED", "CANCELLED"] as const satisfies readonly LinkStatus[];

/** What a provider may report as the end of a link, even after the portal marked it expired. */
export const PROVIDER_FINAL_STATUSES = ["COMPLETED", "CANCELLED", "DISABLED"] as const satisfies readonly LinkStatus[];

const has = (set: readonly LinkStatus[], status: LinkStatus) => set.includes(status);

export const isOpen = (status: LinkStatus): boolean => has(OPEN_STATUSES, status);
export const isFinal = (status: LinkStatus): boolean => has(FINAL_STATUSES, status);
export const isLocked = (status: LinkStatus): boolean => has(LOCKED_STATUSES, status);
export const isUnconfirmed = (status: LinkStatus): boolean => has(UNCONFIRMED_STATUSES, status);
export const isProviderFinal = (status: LinkStatus): boolean => has(PROVIDER_FINAL_STATUSES, status);
