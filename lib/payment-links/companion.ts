/**
 * The call companion: where the customer is in their payment, as the agent on the phone sees it.
 * Browser-safe and pure; the sentences themselves live in messages.ts.
 */
import type { Channel } from "@/lib/domain/channels";
import type { LinkStatus } from "@/lib/domain/statuses";
import { STAGE_LABELS, sayToCustomer } from "./messages";

/** Every stage a link can be in, from the agent's side of the call. */
export type CompanionStage =
  | "creating"
  | "not_created"
  | "ready"
  | "sent"
  | "opened"
  | "id_check"
  | "paid"
  | "paid_unconfirmed"
  | "failed"
  | "cancelled"
  | "disabled"
  | "expired";

/** The timeline's steps, in the order the customer goes through them; the last is the outcome. */
export const TIMELINE_STEPS = ["sent", "opened", "id_check", "outcome"] as const;
export type TimelineStep = (typeof TIMELINE_STEPS)[number];

const STAGE_BY_STATUS: Record<Exclude<LinkStatus, "WAITING">, CompanionStage> = {
  CREATING: "creating",
  CREATE_FAILED: "not_created",
  BACK: "opened",
  IN_PROGRESS: "opened",
  MANUAL_ID_CHECK: "id_check",
  COMPLETED: "paid",
  PAID_UNCONFIRMED: "paid_unconfirmed",
  CANCELLED: "cancelled",
  FAILED: "failed",
  ERROR: "failed",
  DISABLED: "disabled",
  EXPIRED: "expired",
};

/** The stage of a link: WAITING is "sent" once something reached the customer, else "ready" (nothing sent yet). */
export function stageOf(status: LinkStatus, sent: boolean): CompanionStage {
  if (status === "WAITING") return sent ? "sent" : "ready";
  return STAGE_BY_STATUS[status];
}

const STEP_OF_STAGE: Record<CompanionStage, TimelineStep | null> = {
  creating: null,
  not_created: null,
  ready: null,
  sent: "sent",
  opened: "opened",
  id_check: "id_check",
  paid: "outcome",
  paid_unconfirmed: "outcome",
  failed: "outcome",
  cancelled: "outcome",
  disabled: "outcome",
  expired: "outcome",
};

export type TimelineEntry = { step: TimelineStep; label: string; state: "done" | "current" | "upcoming" | "skipped"; at: string | null };

export type CompanionView = {
  stage: CompanionStage;
  /** The big word on the page: "Sent", "Opened", "Paid", "Paid, unconfirmed"… */
  stageLabel: string;
  /** What the agent can read aloud now. */
  say: string;
  timeline: TimelineEntry[];
  /** When the first send reached the customer; the page counts the time since. */
  sentAt: string | null;
  /** When the customer paid (or said they did), else null. */
  paidAt: string | null;
};

export type CompanionInput = {
  status: LinkStatus;
  storeName: string;
  provider: "KUSTOM" | "PAYMENT_PLATFORM";
  /** The channel of the first send that reached the customer, or null. */
  channel: Channel | null;
  sentAt: string | null;
  /** When each status was first reached, from the link's history. */
  reachedAt: Partial<Record<LinkStatus, string>>;
  statusChangedAt: string;
};

const firstOf = (reachedAt: CompanionInput["reachedAt"], statuses: LinkStatus[]): string | null =>
  statuses.map((status) => reachedAt[status]).filter((at): at is string => Boolean(at)).sort()[0] ?? null;

/** The call companion for a link: its stage, the line to say, and the timeline with the times reached. */
export function companionOf(input: CompanionInput): CompanionView {
  const stage = stageOf(input.status, input.sentAt !== null);
  const current = STEP_OF_STAGE[stage];
  const currentIndex = current ? TIMELINE_STEPS.indexOf(current) : -1;
  const at: Record<TimelineStep, string | null> = {
    sent: input.sentAt,
    opened: firstOf(input.reachedAt, ["IN_PROGRESS", "BACK"]),
    id_check: firstOf(input.reachedAt, ["MANUAL_ID_CHECK"]),
    outcome: current === "outcome" ? input.statusChangedAt : null,
  };
  const timeline = TIMELINE_STEPS.map((step, index): TimelineEntry => {
    const label = step === "outcome" ? (current === "outcome" ? STAGE_LABELS[stage] : STAGE_LABELS.outcome) : STAGE_LABELS[step];
    let state: TimelineEntry["state"] = index < currentIndex ? "done" : index === currentIndex ? "current" : "upcoming";
    // The ID check only happens for some payments: passed without it, it was skipped.
    if (step === "id_check" && state === "done" && !at.id_check) state = "skipped";
    return { step, label, state, at: state === "upcoming" || state === "skipped" ? null : at[step] };
  });
  const paid = stage === "paid" || stage === "paid_unconfirmed";
  return {
    stage,
    stageLabel: STAGE_LABELS[stage],
    say: sayToCustomer(stage, { storeName: input.storeName, channel: input.channel, provider: input.provider }),
    timeline,
    sentAt: input.sentAt,
    paidAt: paid ? input.statusChangedAt : null,
  };
}
