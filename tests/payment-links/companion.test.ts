import { describe, expect, it } from "vitest";
import { LINK_STATUSES, type LinkStatus } from "@/lib/domain/statuses";
import { companionOf, stageOf, type CompanionStage } from "@/lib/payment-links/companion";

/** status → stage, as the agent reads it. */
const EXPECTED = Object.fromEntries(
  [
    "CREATING creating", "CREATE_FAILED not_created", "WAITING sent", "BACK opened", "IN_PROGRESS opened",
    "MANUAL_ID_CHECK id_check", "COMPLETED paid", "PAID_UNCONFIRMED paid_unconfirmed", "CANCELLED cancelled",
    "FAILED failed", "ERROR failed", "DISABLED disabled", "EXPIRED expired",
  ].map((pair) => pair.split(" ")),
) as Record<LinkStatus, CompanionStage>;

const base = {
  storeName: "Stockholm",
  provider: "KUSTOM" as const,
  channel: "sms" as const,
  sentAt: "2026-12-01T10:00:00.000Z",
  reachedAt: {},
  statusChangedAt: "2026-12-01T10:05:00.000Z",
};

describe("call companion", () => {
  it.each(LINK_STATUSES)("%s has a stage and a line to say", (status) => {
    const view = companionOf({ ...base, status });
    expect(view.stage).toBe(EXPECTED[status]);
    expect(view.stageLabel.length).toBeGreaterThan(0);
    expect(view.say.length).toBeGreaterThan(20);
  });

  it("says the sent line with the store and the channel actually used", () => {
    expect(companionOf({ ...base, status: "WAITING" }).say).toBe(
      "I've just sent you a text from Stockholm with a payment link; it should arrive within a minute.",
    );
    expect(companionOf({ ...base, status: "WAITING", channel: "email", storeName: "Berlin" }).say).toBe(
      "I've just sent you an email from Berlin with a payment link; it should arrive within a minute.",
    );
    expect(companionOf({ ...base, status: "WAITING", channel: "qr" }).say).toContain("QR code");
  });

  it("the opened, ID check, failed and paid lines read as the agent says them", () => {
    expect(companionOf({ ...base, status: "IN_PROGRESS" }).say).toBe("I can see you've opened the payment page from a text; take your time.");
    expect(companionOf({ ...base, status: "MANUAL_ID_CHECK" }).say).toBe("Klarna is asking to confirm your identity; that's a normal step.");
    expect(companionOf({ ...base, status: "FAILED" }).say).toBe(
      "The payment didn't go through. Shall I send the link again by text, or would you prefer another way?",
    );
    expect(companionOf({ ...base, status: "COMPLETED" }).say).toBe("Thank you, the payment to Stockholm has come through.");
  });

  it("a link nothing reached yet is ready, not sent", () => {
    expect(stageOf("WAITING", false)).toBe("ready");
    expect(companionOf({ ...base, status: "WAITING", channel: null, sentAt: null }).timeline.every((s) => s.state === "upcoming")).toBe(true);
  });

  it("walks the timeline Sent → Opened → Paid, skipping an ID check that never happened, and shows when it was paid", () => {
    const opened = companionOf({ ...base, status: "IN_PROGRESS", reachedAt: { IN_PROGRESS: "2026-12-01T10:01:00.000Z" } });
    expect(opened.timeline.map((s) => [s.label, s.state])).toEqual([
      ["Sent", "done"],
      ["Opened", "current"],
      ["ID check", "upcoming"],
      ["Paid", "upcoming"],
    ]);
    expect(opened.timeline[1]!.at).toBe("2026-12-01T10:01:00.000Z");
    expect(opened.paidAt).toBeNull();

    const paid = companionOf({ ...base, status: "COMPLETED", reachedAt: { IN_PROGRESS: "2026-12-01T10:01:00.000Z", COMPLETED: base.statusChangedAt } });
    expect(paid.timeline.map((s) => [s.label, s.state])).toEqual([
      ["Sent", "done"],
      ["Opened", "done"],
      ["ID check", "skipped"],
      ["Paid", "current"],
    ]);
    expect(paid.paidAt).toBe(base.statusChangedAt);
  });

  it("the outcome step names how it ended", () => {
    expect(companionOf({ ...base, status: "CANCELLED" }).timeline.at(-1)!.label).toBe("Cancelled");
    expect(companionOf({ ...base, status: "PAID_UNCONFIRMED", provider: "PAYMENT_PLATFORM", channel: "qr" }).timeline.at(-1)!.label).toBe("Paid, unconfirmed");
  });
});
