import "server-only";
import type { Db } from "@/lib/db";
import type { StoredChannel } from "@/lib/domain/channels";
import type { LinkStatus } from "@/lib/domain/statuses";
import type { Prisma } from "@/lib/generated/prisma/client";
import type { EventSource } from "@/lib/generated/prisma/enums";

/** Every event a payment link's history records. Stored as text: existing rows keep these spellings. */
export type LinkEventType =
  | "CREATE_REQUESTED"
  | "SESSION_CREATED"
  | "CREATE_FAILED"
  | "SEND_REQUESTED"
  | "DISTRIBUTED"
  | "DISTRIBUTION_FAILED"
  | "DISTRIBUTION_SUPERSEDED"
  | "DISABLE_REQUESTED"
  | "DISABLE_SUCCEEDED"
  | "DISABLE_FAILED"
  | "STATUS_CHANGED"
  | "CALLBACK_RECEIVED"
  | "LINK_CLONED"
  | "CLONED_FROM"
  | "DISMISSED"
  | "DUPLICATE_OVERRIDDEN"
  | "CUSTOMER_RETURNED"
  | "PAYMENT_CONFIRMED";

/** Where the customer came back from a provider that reports no status: its success, cancel or error URL. */
export type CustomerReturn = "paid" | "cancelled" | "error";

/** Why a send was asked for: the create form changed its channel, Resend, Send another way, or the reminder job. */
export type SendKind = "changed" | "resend" | "another_way" | "reminder";

/** Why a link left the follow-up worklist without being paid or re-issued. */
export type DismissReason = "PAID_ANOTHER_WAY" | "CUSTOMER_DECLINED" | "DUPLICATE" | "OTHER";

/** What an event's `detail` may hold: masked recipients and stable codes only, never contact data. */
export type LinkEventDetail = {
  channel?: StoredChannel;
  recipientMasked?: string | null;
  code?: string;
  kind?: SendKind;
  reportedStatus?: string;
  statusRecorded?: boolean;
  reason?: DismissReason;
  /** The other link of a clone or of a duplicate created anyway. */
  otherLinkId?: string;
  otherReference?: string;
  /** DUPLICATE_OVERRIDDEN: this link is the new one (created anyway) or the existing one. */
  duplicateRole?: "new" | "existing";
  /** CUSTOMER_RETURNED: which return URL the customer came back through. */
  returned?: CustomerReturn;
  /** PAYMENT_CONFIRMED: what the manager found when checking with the provider. */
  verdict?: "paid" | "not_paid";
};

export type LinkEvent = {
  linkId: string;
  type: LinkEventType;
  source: EventSource;
  actorId?: string | null;
  fromStatus?: LinkStatus | null;
  toStatus?: LinkStatus | null;
  providerEventId?: string;
  detail?: LinkEventDetail;
};

type EventWriter = Pick<Db, "sessionEvent"> | Prisma.TransactionClient;

/** The one way an event reaches a link's history (append-only). Pass a transaction to commit it with its change. */
export function recordEvent(db: EventWriter, event: LinkEvent) {
  const { linkId, detail, ...columns } = event;
  return db.sessionEvent.create({
    data: { sessionId: linkId, ...columns, ...(detail ? { detail: detail as Prisma.InputJsonObject } : {}) },
    select: { id: true },
  });
}
