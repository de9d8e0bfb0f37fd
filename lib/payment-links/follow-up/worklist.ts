import "server-only";
import { storeScope, type Actor } from "@/lib/auth/authorize";
import { db as defaultDb, type Db } from "@/lib/db";
import { channelLabel, formChannel, type StoredChannel } from "@/lib/domain/channels";
import { maskEmail, maskPhone } from "@/lib/domain/mask";
import { OPEN_STATUSES, STATUS_LABELS, type LinkStatus } from "@/lib/domain/statuses";
import { Prisma } from "@/lib/generated/prisma/client";
import { channelsForProvider } from "../channels";
import { messageFor } from "../messages";
import { sendBlockedReason } from "../rules";
import {
  ageLabel,
  ENDED_FOLLOW_UP_STATUSES,
  ENDED_WINDOW_MS,
  FOLLOW_UP_GROUP_HINTS,
  FOLLOW_UP_GROUP_LABELS,
  FOLLOW_UP_GROUPS,
  followUpGroupOf,
  type FollowUpGroup,
} from "./groups";
import type { FollowUpGroupView, FollowUpRowView, WorklistView } from "./view";

/** Rows shown per group; the group's total is always exact. */
export const ROWS_PER_GROUP = 50;

type Candidate = {
  id: string;
  merchantReference: string;
  storeName: string;
  provider: "KUSTOM" | "PAYMENT_PLATFORM";
  unpaidAfterMinutes: number;
  status: LinkStatus;
  amount: number;
  currency: string;
  locale: string;
  customerPhone: string | null;
  customerPhoneCountry: string | null;
  customerEmail: string | null;
  createdAt: Date;
  expiresAt: Date | null;
  sent: number;
  pending: number;
  failed: number;
  lastChannel: StoredChannel | null;
  lastOutcome: "PENDING" | "SENT" | "FAILED" | null;
  lastErrorCode: string | null;
  lastAt: Date | null;
  lastSentChannel: StoredChannel | null;
};

/**
 * The links that may need follow-up, read through indexes only: the store's open links (few, however
 * long the history) and its links that ended in the last week, each minus dismissed and re-issued ones,
 * with their sends summarised per link. `storeId` undefined: every store (admins).
 */
async function candidates(db: Db, storeId: string | undefined, now: Date): Promise<Candidate[]> {
  const since = new Date(now.getTime() - ENDED_WINDOW_MS);
  const inStore = storeId ? Prisma.sql`s."storeId" = ${storeId} AND` : Prisma.empty;
  return db.$queryRaw<Candidate[]>`
    WITH picked AS (
      SELECT s.id FROM "PaymentSession" s
      WHERE ${inStore} s.status::text IN (${Prisma.join(OPEN_STATUSES)}) AND s."dismissedAt" IS NULL
      UNION ALL
      -- updatedAt is never before statusChangedAt: it lets the all-stores query use the (status, updatedAt) index.
      SELECT s.id FROM "PaymentSession" s
      WHERE ${inStore} s.status::text IN (${Prisma.join(ENDED_FOLLOW_UP_STATUSES)})
        AND s."statusChangedAt" >= ${since} AND s."updatedAt" >= ${since} AND s."dismissedAt" IS NULL
    )
    SELECT s.id, s."merchantReference", st.name AS "storeName", s.provider::text AS provider, st."unpaidAfterMinutes",
      s.status::text AS status, s.amount, s.currency, s.locale, s."customerPhone", s."customerPhoneCountry", s."customerEmail",
      s."createdAt", s."expiresAt", d.sent, d.pending, d.failed,
      l.channel::text AS "lastChannel", l.outcome::text AS "lastOutcome", l."errorCode" AS "lastErrorCode", l."createdAt" AS "lastAt",
      ls.channel::text AS "lastSentChannel"
    FROM picked p
    JOIN "PaymentSession" s ON s.id = p.id
    JOIN "Store" st ON st.id = s."storeId"
    CROSS JOIN LATERAL (
      SELECT count(*) FILTER (WHERE outcome = 'SENT')::int AS sent, count(*) FILTER (WHERE outcome = 'PENDING')::int AS pending,
        count(*) FILTER (WHERE outcome = 'FAILED')::int AS failed
      FROM "Distribution" WHERE "sessionId" = s.id
    ) d
    LEFT JOIN LATERAL (
      SELECT channel, outcome, "errorCode", "createdAt" FROM "Distribution" WHERE "sessionId" = s.id ORDER BY "createdAt" DESC LIMIT 1
    ) l ON true
    LEFT JOIN LATERAL (
      SELECT channel FROM "Distribution" WHERE "sessionId" = s.id AND outcome = 'SENT' ORDER BY "createdAt" DESC LIMIT 1
    ) ls ON true
    WHERE NOT EXISTS (SELECT 1 FROM "PaymentSession" c WHERE c."clonedFromId" = s.id)`;
}

function outcomeLabel(c: Candidate): string {
  if (c.lastOutcome === "SENT") return "Sent";
  if (c.lastOutcome === "PENDING") return "Not answered yet";
  return `Failed: ${messageFor(c.lastErrorCode ?? "UNKNOWN")}`;
}

function rowOf(c: Candidate, now: Date): FollowUpRowView {
  const { allowed } = channelsForProvider(c.provider);
  const cloneChannels = allowed.filter((ch) => (ch === "sms" ? c.customerPhone : ch === "email" ? c.customerEmail : ch !== "token"));
  return {
    id: c.id,
    merchantReference: c.merchantReference,
    storeName: c.storeName,
    customer: [maskPhone(c.customerPhone), maskEmail(c.customerEmail)].filter(Boolean).join(" · ") || "—",
    amount: c.amount,
    currency: c.currency,
    locale: c.locale,
    statusLabel: STATUS_LABELS[c.status],
    createdAt: c.createdAt.toISOString(),
    age: ageLabel(now.getTime() - c.createdAt.getTime()),
    expiresAt: c.expiresAt?.toISOString() ?? null,
    lastSend:
      c.lastChannel && c.lastOutcome && c.lastAt
        ? { channelLabel: channelLabel(c.lastChannel), outcome: c.lastOutcome, outcomeLabel: outcomeLabel(c), at: c.lastAt.toISOString() }
        : null,
    lastChannel: c.lastSentChannel ? formChannel(c.lastSentChannel) : null,
    canSend: sendBlockedReason(c, now) === null,
    sendChannels: allowed,
    cloneChannels,
    hasPhone: c.customerPhone !== null,
    phoneCountry: c.customerPhoneCountry,
  };
}

/** Oldest first where waiting is the problem; soonest expiry first; newest first for what already ended. */
function order(group: FollowUpGroup, a: Candidate, b: Candidate): number {
  if (group === "EXPIRING_SOON") return (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0);
  if (group === "UNPAID") return a.createdAt.getTime() - b.createdAt.getTime();
  return b.createdAt.getTime() - a.createdAt.getTime();
}

/** The actor's worklist (admins: every store, or `storeId`), grouped at `now`. */
export async function getWorklist(db: Db, actor: Actor, options: { storeId?: string; now?: Date } = {}): Promise<WorklistView> {
  const now = options.now ?? new Date();
  const scope = storeScope(actor).storeId ?? options.storeId;
  const byGroup = new Map<FollowUpGroup, Candidate[]>(FOLLOW_UP_GROUPS.map((g) => [g, []]));
  for (const c of await candidates(db, scope, now)) {
    const group = followUpGroupOf({ status: c.status, createdAt: c.createdAt, expiresAt: c.expiresAt, sends: c }, now, c.unpaidAfterMinutes);
    if (group) byGroup.get(group)!.push(c);
  }
  const groups: FollowUpGroupView[] = FOLLOW_UP_GROUPS.map((key) => {
    const members = byGroup.get(key)!;
    const rows = members
      .sort((a, b) => order(key, a, b))
      .slice(0, ROWS_PER_GROUP)
      .map((c) => rowOf(c, now));
    return { key, label: FOLLOW_UP_GROUP_LABELS[key], hint: FOLLOW_UP_GROUP_HINTS[key], total: members.length, rows };
  });
  return { groups, total: groups.reduce((sum, g) => sum + g.total, 0) };
}

/** The worklist page's read, on this process's database. */
export function loadWorklist(actor: Actor, options: { storeId?: string } = {}): Promise<WorklistView> {
  return getWorklist(defaultDb(), actor, options);
}

/** The navigation badge: how many links need follow-up; null when it can't be counted (e.g. no store). */
export async function followUpCount(actor: Actor): Promise<number | null> {
  if (actor.role !== "ADMIN" && !actor.storeId) return null;
  return (await loadWorklist(actor)).total;
}
