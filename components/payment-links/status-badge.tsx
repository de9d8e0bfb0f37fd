import type { LinkStatus as SessionStatus } from "@/lib/domain/statuses";

const TONES: Record<SessionStatus, string> = {
  CREATING: "bg-slate-100 text-slate-700 ring-slate-300",
  CREATE_FAILED: "bg-red-50 text-red-800 ring-red-200",
  WAITING: "bg-amber-50 text-amber-800 ring-amber-200",
  BACK: "bg-amber-50 text-amber-800 ring-amber-200",
  IN_PROGRESS: "bg-sky-50 text-sky-800 ring-sky-200",
  MANUAL_ID_CHECK: "bg-sky-50 text-sky-800 ring-sky-200",
  COMPLETED: "bg-emerald-50 text-emerald-800 ring-emerald-200",
  CANCELLED: "bg-slate-100 text-slate-700 ring-slate-300",
  FAILED: "bg-red-50 text-red-800 ring-red-200",
  ERROR: "bg-red-50 text-red-800 ring-red-200",
  DISABLED: "bg-slate-100 text-slate-700 ring-slate-300",
  EXPIRED: "bg-slate-100 text-slate-700 ring-slate-300",
  PAID_UNCONFIRMED: "bg-lime-50 text-lime-900 ring-lime-300",
};

export type StatusBadgeProps = {
  status: SessionStatus;
  label: string;
  /** A live region for the session page, where the status changes while the agent watches. */
  live?: boolean;
  size?: "sm" | "lg";
};

export function StatusBadge({ status, label, live = false, size = "sm" }: StatusBadgeProps) {
  const sizing = size === "lg" ? "px-3 py-1 text-sm" : "px-2 py-0.5 text-xs";
  return (
    <span
      role={live ? "status" : undefined}
      aria-label={live ? `Payment status: ${label}` : undefined}
      className={`inline-flex items-center rounded-full font-medium ring-1 ring-inset ${sizing} ${TONES[status]}`}
    >
      {label}
    </span>
  );
}
