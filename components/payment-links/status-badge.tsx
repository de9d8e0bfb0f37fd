import type { LinkStatus as SessionStatus } from "@/lib/domain/statuses";

/** Each status's colour: the classes themselves (`.status-badge`, `.tone-*`) live in globals.css. */
const TONES: Record<SessionStatus, string> = {
  CREATING: "tone-slate",
  CREATE_FAILED: "tone-red",
  WAITING: "tone-amber",
  BACK: "tone-amber",
  IN_PROGRESS: "tone-sky",
  MANUAL_ID_CHECK: "tone-sky",
  COMPLETED: "tone-emerald",
  CANCELLED: "tone-slate",
  FAILED: "tone-red",
  ERROR: "tone-red",
  DISABLED: "tone-slate",
  EXPIRED: "tone-slate",
  PAID_UNCONFIRMED: "tone-lime",
};

export type StatusBadgeProps = {
  status: SessionStatus;
  label: string;
  /** A live region for the session page, where the status changes while the agent watches. */
  live?: boolean;
  size?: "sm" | "lg";
};

export function StatusBadge({ status, label, live = false, size = "sm" }: StatusBadgeProps) {
  return (
    <span
      role={live ? "status" : undefined}
      aria-label={live ? `Payment status: ${label}` : undefined}
      className={`status-badge${size === "lg" ? " status-badge-lg" : ""} ${TONES[status]}`}
    >
      {label}
    </span>
  );
}
