import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/authorize";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Channel as DbChannel, SessionStatus } from "@/lib/generated/prisma/enums";
import { isHppError, type DistributionRequest, type HppProvider, type MerchantUrls, type ProviderKind } from "@/lib/hpp";
import { priceOrder } from "@/lib/domain/order-lines";
import { channelMeta, type Channel } from "@/lib/domain/channels";
import type { PaymentLinkFormValues, ResendValues } from "@/lib/validation/payment-link";
import { callbackSecret, hashCallbackSecret, newCallbackNonce } from "./callback-secret";
import { formFieldOf, formFieldOfCode, PROVIDER_PENDING_MESSAGE, SessionServiceError } from "./errors";
import { maskAccessId, maskEmail, maskPhone } from "@/lib/domain/mask";
import { applyStatus, sessionRef, syncFromProvider } from "./status";

export type SessionDeps = {
  db: Db;
  provider: (kind: ProviderKind) => HppProvider;
  /** Public base URL of the portal, for the provider's redirects and status callbacks. */
  portalUrl: string;
  /** Server key the per-session callback secrets are derived with. */
  serverKey: string;
  now?: () => Date;
  /**
   * How long a worker may hold a session or send before another may take over. The holder renews it
   * while its provider call runs, so even the slowest retry chain never loses it to a second worker.
   */
  leaseMs?: number;
  /** Test seam: throws to simulate the process dying right after a provider call succeeded. */
  crashPoint?: (step: "afterProviderCreate" | "afterProviderDistribute") => void | Promise<void>;
};

export type StoreForSession = {
  id: string;
  provider: ProviderKind;
  country: string;
  currency: string;
  locale: string;
  name: string;
  hppOptions?: unknown;
};

/** What one send is: the channel, and for provider channels the recipient. */
type SendIntent = {
  channel: DbChannel;
  recipient: string | null;
  recipientMasked: string | null;
  phoneCountry: string | null;
};

const DB_CHANNEL: Record<Channel, DbChannel> = { sms: "SMS", email: "EMAIL", qr: "QR", link: "LINK", token: "TOKEN" };
const FORM_CHANNEL: Record<DbChannel, Channel> = { SMS: "sms", EMAIL: "email", QR: "qr", LINK: "link", TOKEN: "token" };

export function formChannel(channel: DbChannel): Channel {
  return FORM_CHANNEL[channel];
}

/**
 * Default lease: longer than one provider call chain with the default settings (2 requests × 3 attempts ×
 * 10 s timeout plus backoff ≈ 80 s); slower configurations are covered by the renewal in holdLease.
 */
export const DEFAULT_LEASE_MS = 180_000;

/** A lease that outlasts the provider chain for a given per-request timeout (2 requests × 3 attempts + waits). */
export function leaseMsFor(timeoutMs: number): number {
  return Math.max(DEFAULT_LEASE_MS, 2 * (3 * timeoutMs + 2 * 10_000) + 30_000);
}

const now = (deps: SessionDeps) => deps.now?.() ?? new Date();
const leaseMsOf = (deps: SessionDeps) => deps.leaseMs ?? DEFAULT_LEASE_MS;
const leaseEnd = (deps: SessionDeps) => new Date(now(deps).getTime() + leaseMsOf(deps));

/** Runs `work` while renewing a lease every third of its length, so a slow provider cannot outlast it. */
async function holdLease<T>(deps: SessionDeps, renew: (until: Date) => Promise<unknown>, work: () => Promise<T>): Promise<T> {
  const timer = setInterval(() => {
    renew(leaseEnd(deps)).catch((error: unknown) => console.warn("[sessions] lease renewal failed:", error instanceof Error ? error.name : typeof error));
  }, Math.max(1_000, Math.floor(leaseMsOf(deps) / 3)));
  try {
    return await work();
  } finally {
    clearInterval(timer);
  }
}

const methodOf = (channel: DbChannel) => channelMeta(FORM_CHANNEL[channel]).providerMethod;

function intentOf(channel: Channel, contact: ResendValues["customer"], accessId?: string): SendIntent {
  switch (channel) {
    case "sms":
      return {
        channel: "SMS",
        recipient: contact.phoneE164 ?? null,
        recipientMasked: maskPhone(contact.phoneE164),
        phoneCountry: contact.phoneCountry ?? null,
      };
    case "email":
      return { channel: "EMAIL", recipient: contact.email ?? null, recipientMasked: maskEmail(contact.email), phoneCountry: null };
    case "token":
      return { channel: "TOKEN", recipient: accessId ?? null, recipientMasked: maskAccessId(accessId), phoneCountry: null };
    default:
      return { channel: DB_CHANNEL[channel], recipient: null, recipientMasked: null, phoneCountry: null };
  }
}

/** The same submit, channel and recipient always give the same key: a retry can never send twice. */
function derivedSendKey(sessionKey: string, intent: SendIntent): string {
  const digest = createHash("sha256").update(`${intent.channel}\n${intent.recipient ?? ""}`).digest("hex").slice(0, 24);
  return `${sessionKey}:send:${digest}`;
}

/** A reference agents can read out on the phone: PBL-YYMMDD-XXXXXX. */
export function generateMerchantReference(at: Date): string {
  const date = at.toISOString().slice(2, 10).replace(/-/g, "");
  const random = randomUUID().replace(/-/g, "").slice(0, 6).toUpperCase();
  return `PBL-${date}-${random}`;
}

function merchantUrls(deps: SessionDeps, kind: ProviderKind, sessionId: string, nonce: string): MerchantUrls {
  const base = deps.portalUrl.replace(/\/+$/, "");
  // Only Kustom fills in placeholders; the payment platform would show them verbatim.
  const hpp = kind === "KUSTOM" ? "&hpp={{session_id}}" : "";
  const result = (outcome: string) => `${base}/pay/result?outcome=${outcome}&ref=${sessionId}${hpp}`;
  const secret = callbackSecret(deps.serverKey, sessionId, nonce);
  return {
    success: result("success"),
    cancel: result("cancel"),
    back: result("back"),
    failure: result("failure"),
    error: result("error"),
    statusUpdate: `${base}/api/hpp/status-update/${sessionId}?secret=${secret}${hpp}`,
  };
}

function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const target = (error.meta as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined);
  const fields = target?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(target?.target) ? (target.target as string[]) : []);
  return fields.length === 0 || fields.some((f) => f.replace(/"/g, "") === field);
}

type SessionRow = Prisma.PaymentSessionGetPayload<{ select: typeof SESSION_SELECT }>;

const SESSION_SELECT = {
  id: true,
  storeId: true,
  createdById: true,
  provider: true,
  idempotencyKey: true,
  status: true,
  merchantReference: true,
  amount: true,
  taxAmount: true,
  currency: true,
  locale: true,
  purchaseCountry: true,
  orderLines: true,
  customerName: true,
  customerPhone: true,
  customerEmail: true,
  callbackNonce: true,
  providerSessionId: true,
  sessionUrl: true,
  distributionUrl: true,
  redirectUrl: true,
  expiresAt: true,
  store: { select: { hppOptions: true } },
} satisfies Prisma.PaymentSessionSelect;

/** Takes the session for this worker if nobody else holds it. Safe across processes. */
async function claimSession(deps: SessionDeps, id: string, status: SessionStatus): Promise<boolean> {
  const { count } = await deps.db.paymentSession.updateMany({
    where: { id, status, OR: [{ leaseUntil: null }, { leaseUntil: { lt: now(deps) } }] },
    data: { leaseUntil: leaseEnd(deps) },
  });
  return count === 1;
}

async function claimDistribution(deps: SessionDeps, id: string): Promise<boolean> {
  const { count } = await deps.db.distribution.updateMany({
    where: { id, outcome: "PENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: now(deps) } }] },
    data: { leaseUntil: leaseEnd(deps) },
  });
  return count === 1;
}

/**
 * Creates the provider session for a recorded intent (status CREATING, lease held). The provider's
 * idempotency keys derive from the intent's key, so a resumed run gets the same order and session.
 * Every write afterwards is conditional on the session still being CREATING: a worker that took too
 * long, or a callback that got there first, must never move a session back.
 */
async function createAtProvider(deps: SessionDeps, session: SessionRow, source: "PORTAL" | "RECOVERY"): Promise<void> {
  const provider = deps.provider(session.provider);
  const firstSend = await deps.db.distribution.findFirst({ where: { sessionId: session.id }, orderBy: { createdAt: "asc" }, select: { channel: true } });
  const renew = (until: Date) =>
    deps.db.paymentSession.updateMany({ where: { id: session.id, status: "CREATING", leaseUntil: { gte: now(deps) } }, data: { leaseUntil: until } });
  let created: Awaited<ReturnType<HppProvider["createSession"]>>;
  try {
    created = await holdLease(deps, renew, () =>
      provider.createSession({
        idempotencyKey: session.idempotencyKey,
        merchantReference: session.merchantReference,
        purchaseCountry: session.purchaseCountry,
        currency: session.currency,
        locale: session.locale,
        lines: session.orderLines as PaymentLinkFormValues["lines"],
        customer: {
          ...(session.customerName ? { name: session.customerName } : {}),
          ...(session.customerEmail ? { email: session.customerEmail } : {}),
          ...(session.customerPhone ? { phoneE164: session.customerPhone } : {}),
        },
        merchantUrls: merchantUrls(deps, session.provider, session.id, session.callbackNonce),
        ...(session.provider === "KUSTOM" && session.store.hppOptions ? { options: session.store.hppOptions as object } : {}),
        ...(session.provider === "PAYMENT_PLATFORM" ? { platform: { transactionType: "PURCHASE" as const } } : {}),
      }),
    );
  } catch (error) {
    if (!isHppError(error)) throw error;
    if (error.retryable) {
      // Unknown whether the provider made it: stay CREATING, so a resubmit or the recovery job
      // repeats the call with the same keys and gets the provider's first answer.
      await deps.db.paymentSession.updateMany({ where: { id: session.id, status: "CREATING" }, data: { lastErrorCode: error.code, leaseUntil: null } });
      throw new SessionServiceError(error.code, { retryable: true, sessionId: session.id, message: PROVIDER_PENDING_MESSAGE });
    }
    const field = formFieldOf(error, firstSend ? methodOf(firstSend.channel) : null);
    const failed = await deps.db.$transaction(async (tx) => {
      const { count } = await tx.paymentSession.updateMany({
        where: { id: session.id, status: "CREATING" },
        data: { status: "CREATE_FAILED", statusChangedAt: now(deps), lastErrorCode: error.code, leaseUntil: null },
      });
      if (count === 0) return false;
      await tx.distribution.updateMany({
        where: { sessionId: session.id, outcome: "PENDING" },
        data: { outcome: "FAILED", errorCode: error.code, completedAt: now(deps) },
      });
      await tx.sessionEvent.create({
        data: { sessionId: session.id, type: "CREATE_FAILED", fromStatus: "CREATING", toStatus: "CREATE_FAILED", source, detail: { code: error.code } },
      });
      return true;
    });
    if (!failed) {
      // Someone else settled it meanwhile (their provider answer won): carry on from what they recorded.
      await reloadInto(deps, session);
      return;
    }
    throw new SessionServiceError(error.code, { ...(field ? { field } : {}), rotateKey: true });
  }

  await deps.crashPoint?.("afterProviderCreate");
  const recorded = await deps.db.$transaction(async (tx) => {
    const { count } = await tx.paymentSession.updateMany({
      where: { id: session.id, status: "CREATING" },
      data: {
        status: "WAITING",
        statusChangedAt: now(deps),
        providerSessionId: created.providerSessionId,
        providerOrderId: created.providerOrderId ?? null,
        orderUrl: created.orderUrl ?? null,
        sessionUrl: created.sessionUrl ?? null,
        distributionUrl: created.distributionUrl ?? null,
        redirectUrl: created.redirectUrl,
        qrCodeUrl: created.qrCodeUrl ?? null,
        distributionModule: created.distributionModule ? (created.distributionModule as object) : Prisma.DbNull,
        expiresAt: created.expiresAt ?? null,
        lastErrorCode: null,
        leaseUntil: null,
      },
    });
    if (count === 0) return false;
    await tx.sessionEvent.create({
      data: { sessionId: session.id, type: "SESSION_CREATED", fromStatus: "CREATING", toStatus: "WAITING", source, actorId: session.createdById },
    });
    return true;
  });
  if (!recorded) {
    await reloadInto(deps, session);
    return;
  }
  Object.assign(session, {
    status: "WAITING",
    providerSessionId: created.providerSessionId,
    sessionUrl: created.sessionUrl ?? null,
    distributionUrl: created.distributionUrl ?? null,
    redirectUrl: created.redirectUrl,
    expiresAt: created.expiresAt ?? null,
  });
}

/** Replaces the in-memory row with what the database holds now. */
async function reloadInto(deps: SessionDeps, session: SessionRow): Promise<void> {
  Object.assign(session, await deps.db.paymentSession.findUniqueOrThrow({ where: { id: session.id }, select: SESSION_SELECT }));
}

/** Why nothing can be sent for this session now, or null. */
export function sendBlockedReason(session: { status: SessionStatus; expiresAt: Date | null }, at: Date): string | null {
  if (session.expiresAt && session.expiresAt <= at) return "This payment link has expired. Create a new payment link.";
  switch (session.status) {
    case "CREATING":
      return "The payment link is still being created.";
    case "CREATE_FAILED":
      return "The payment link was never created.";
    case "COMPLETED":
      return "The customer has already paid.";
    case "CANCELLED":
      return "The customer cancelled this payment. Create a new payment link.";
    case "DISABLED":
      return "This payment link was disabled.";
    case "EXPIRED":
      return "This payment link has expired. Create a new payment link.";
    default:
      return null;
  }
}

function providerRequest(distribution: { channel: DbChannel; recipient: string | null; phoneCountry: string | null }): DistributionRequest | null {
  const method = channelMeta(FORM_CHANNEL[distribution.channel]).providerMethod;
  if (!method) return null;
  const recipient = distribution.recipient ?? "";
  if (method === "sms") return { method, phone: recipient, phoneCountry: distribution.phoneCountry ?? "" };
  if (method === "email") return { method, email: recipient };
  return { method, accessId: recipient };
}

/**
 * Delivers one recorded send. SENT is final (nothing is sent twice), FAILED answers with the recorded
 * error, PENDING is sent by whoever claims it, with the send's own idempotency key.
 */
async function deliver(
  deps: SessionDeps,
  session: SessionRow,
  distributionId: string,
  source: "PORTAL" | "RECOVERY",
): Promise<"sent" | "pending"> {
  const distribution = await deps.db.distribution.findUniqueOrThrow({ where: { id: distributionId } });
  const method = providerRequest(distribution)?.method;
  const fail = (code: string, retryable = false, live?: unknown) => {
    // An unanswered call has no field to blame: it goes at the top, worded as what will happen.
    if (retryable) return new SessionServiceError(code as never, { sessionId: session.id, retryable, message: PROVIDER_PENDING_MESSAGE });
    // The provider's own answer names the field (e.g. phone_country); a replay has only the stored code.
    const field = live === undefined ? formFieldOfCode(code, method) : formFieldOf(live, method);
    return new SessionServiceError(code as never, { sessionId: session.id, ...(field ? { field } : {}) });
  };
  if (distribution.outcome === "SENT") return "sent";
  if (distribution.outcome === "FAILED") throw fail(distribution.errorCode ?? "UNKNOWN");
  if (!(await claimDistribution(deps, distribution.id))) return "pending";

  const request = providerRequest(distribution);
  const blocked = sendBlockedReason(session, now(deps));
  const renew = (until: Date) =>
    deps.db.distribution.updateMany({ where: { id: distribution.id, outcome: "PENDING", leaseUntil: { gte: now(deps) } }, data: { leaseUntil: until } });
  if (blocked) {
    await deps.db.distribution.update({
      where: { id: distribution.id },
      data: { outcome: "FAILED", errorCode: "NOT_SENDABLE", completedAt: now(deps), leaseUntil: null },
    });
    throw new SessionServiceError("NOT_SENDABLE", { message: blocked, sessionId: session.id });
  }
  try {
    if (request) {
      const ref = sessionRef(session);
      if (!ref) throw new SessionServiceError("NOT_SENDABLE", { sessionId: session.id });
      await holdLease(deps, renew, () => deps.provider(session.provider).distribute(ref, request, distribution.idempotencyKey));
      await deps.crashPoint?.("afterProviderDistribute");
    }
    await deps.db.$transaction([
      deps.db.distribution.update({
        where: { id: distribution.id },
        data: { outcome: "SENT", errorCode: null, completedAt: now(deps), leaseUntil: null },
      }),
      deps.db.sessionEvent.create({
        data: {
          sessionId: session.id,
          type: "DISTRIBUTED",
          source,
          actorId: distribution.actorId,
          detail: { channel: distribution.channel, recipientMasked: distribution.recipientMasked },
        },
      }),
    ]);
    return "sent";
  } catch (error) {
    if (!isHppError(error)) throw error;
    if (error.retryable) {
      await deps.db.distribution.update({ where: { id: distribution.id }, data: { errorCode: error.code, leaseUntil: null } });
      throw fail(error.code, true);
    }
    await deps.db.$transaction([
      deps.db.distribution.update({
        where: { id: distribution.id },
        data: { outcome: "FAILED", errorCode: error.code, completedAt: now(deps), leaseUntil: null },
      }),
      deps.db.sessionEvent.create({
        data: {
          sessionId: session.id,
          type: "DISTRIBUTION_FAILED",
          source,
          actorId: distribution.actorId,
          detail: { channel: distribution.channel, recipientMasked: distribution.recipientMasked, code: error.code },
        },
      }),
    ]);
    if (error.code === "LINK_CLOSED") {
      // The provider closed the link (paid, cancelled, disabled) before a callback told us: catch up now.
      await syncFromProvider(deps.db, deps.provider(session.provider), session, "PROVIDER_POLL", now(deps)).catch((syncError: unknown) =>
        console.warn(`[sessions] status refresh of ${session.id} failed:`, syncError instanceof Error ? syncError.message : String(syncError)),
      );
    }
    throw fail(error.code, false, error);
  }
}

type SendKind = "changed" | "resend" | "another_way";

/**
 * Records a send with its acting user (or finds the one this key already recorded) before anything
 * reaches the provider, so the history shows the request even when the provider never answers.
 * `supersedeFormKey`: the earlier sends of that create form that nobody has started are cancelled —
 * the agent changed how to send, and only the latest choice may go out.
 */
async function recordSend(
  deps: SessionDeps,
  actor: Actor,
  session: SessionRow,
  intent: SendIntent,
  idempotencyKey: string,
  kind: SendKind,
  supersedeFormKey?: string,
): Promise<string> {
  const existing = await deps.db.distribution.findUnique({ where: { idempotencyKey }, select: SEND_SELECT });
  if (existing) return sameSend(existing, session, intent);
  const at = now(deps);
  try {
    return await deps.db.$transaction(async (tx) => {
      const created = await tx.distribution.create({
        data: { sessionId: session.id, ...intent, idempotencyKey, actorId: actor.userId },
        select: { id: true },
      });
      await tx.sessionEvent.create({
        data: {
          sessionId: session.id,
          type: "SEND_REQUESTED",
          source: "PORTAL",
          actorId: actor.userId,
          detail: { kind, channel: intent.channel, recipientMasked: intent.recipientMasked },
        },
      });
      if (supersedeFormKey) {
        const stale = await tx.distribution.findMany({
          where: {
            sessionId: session.id,
            id: { not: created.id },
            idempotencyKey: { startsWith: `${supersedeFormKey}:send:` },
            outcome: "PENDING",
            OR: [{ leaseUntil: null }, { leaseUntil: { lt: at } }],
          },
          select: { id: true, channel: true, recipientMasked: true },
        });
        for (const send of stale) {
          // Conditional: a worker that claimed the send in the meantime keeps it.
          const { count } = await tx.distribution.updateMany({
            where: { id: send.id, outcome: "PENDING", OR: [{ leaseUntil: null }, { leaseUntil: { lt: at } }] },
            data: { outcome: "FAILED", errorCode: "SUPERSEDED", completedAt: at, leaseUntil: null },
          });
          if (count === 0) continue;
          await tx.sessionEvent.create({
            data: {
              sessionId: session.id,
              type: "DISTRIBUTION_SUPERSEDED",
              source: "PORTAL",
              actorId: actor.userId,
              detail: { channel: send.channel, recipientMasked: send.recipientMasked, code: "SUPERSEDED" },
            },
          });
        }
      }
      return created.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error, "idempotencyKey")) throw error;
    return sameSend(await deps.db.distribution.findUniqueOrThrow({ where: { idempotencyKey }, select: SEND_SELECT }), session, intent);
  }
}

const SEND_SELECT = { id: true, sessionId: true, channel: true, recipient: true } as const;

/**
 * A key already recorded is a retry only of the very same send: the same key with another channel or
 * recipient must never deliver the earlier one as if it were what the agent asked for now.
 */
function sameSend(
  existing: { id: string; sessionId: string; channel: DbChannel; recipient: string | null },
  session: SessionRow,
  intent: SendIntent,
): string {
  if (existing.sessionId !== session.id) throw new SessionServiceError("FORM_REUSED", { rotateKey: true });
  if (existing.channel !== intent.channel || existing.recipient !== intent.recipient) {
    throw new SessionServiceError("SEND_CHANGED", { sessionId: session.id, rotateKey: true });
  }
  return existing.id;
}

/**
 * The key for this intent's send: its derived key, unless that send was superseded by a later choice and
 * the agent has now switched back to it — then a fresh generation of the key, so it can go out after all.
 */
async function liveSendKey(deps: SessionDeps, sendKey: string): Promise<string> {
  for (let generation = 1; ; generation++) {
    const key = generation === 1 ? sendKey : `${sendKey}:${generation}`;
    const send = await deps.db.distribution.findUnique({ where: { idempotencyKey: key }, select: { errorCode: true } });
    if (send?.errorCode !== "SUPERSEDED") return key;
  }
}

/** Order lines in a fixed shape: jsonb does not keep key order, so objects can't be compared as text. */
function lineKey(lines: PaymentLinkFormValues["lines"]): string {
  return JSON.stringify(lines.map((l) => [l.name, l.quantity, l.unitPrice, l.taxRate, l.discount ?? 0, l.reference ?? null]));
}

function sameOrder(session: SessionRow, values: PaymentLinkFormValues, amount: number): boolean {
  return (
    session.amount === amount &&
    lineKey(session.orderLines as PaymentLinkFormValues["lines"]) === lineKey(values.lines) &&
    (values.merchantReference === undefined || values.merchantReference === session.merchantReference)
  );
}

export type CreateOutcome = { sessionId: string; state: "ready" | "pending" };

/**
 * Create payment link: records the intent (session and its first send, with the form's idempotency
 * key, unique in the database), creates the provider session, then sends it. Re-running with the
 * same key resumes where the first run stopped and never creates or sends anything twice.
 */
export async function createPaymentLink(
  deps: SessionDeps,
  actor: Actor,
  store: StoreForSession,
  values: PaymentLinkFormValues,
): Promise<CreateOutcome> {
  const totals = priceOrder(values.lines);
  const intent = intentOf(values.channel, values.customer, values.accessId);
  const sendKey = derivedSendKey(values.idempotencyKey, intent);
  const id = randomUUID();
  const nonce = newCallbackNonce();
  let owned = true;
  try {
    await deps.db.$transaction([
      deps.db.paymentSession.create({
        data: {
          id,
          storeId: store.id,
          createdById: actor.userId,
          provider: store.provider,
          idempotencyKey: values.idempotencyKey,
          merchantReference: values.merchantReference ?? generateMerchantReference(now(deps)),
          amount: totals.orderAmount,
          taxAmount: totals.orderTaxAmount,
          currency: store.currency,
          locale: store.locale,
          purchaseCountry: store.country,
          orderLines: values.lines,
          customerName: values.customer.name ?? null,
          customerPhone: values.customer.phoneE164 ?? null,
          customerPhoneCountry: values.customer.phoneCountry ?? null,
          customerEmail: values.customer.email ?? null,
          callbackNonce: nonce,
          callbackSecretHash: hashCallbackSecret(callbackSecret(deps.serverKey, id, nonce)),
          leaseUntil: leaseEnd(deps),
        },
      }),
      deps.db.sessionEvent.create({
        data: {
          sessionId: id,
          type: "CREATE_REQUESTED",
          toStatus: "CREATING",
          source: "PORTAL",
          actorId: actor.userId,
          detail: { channel: intent.channel, recipientMasked: intent.recipientMasked },
        },
      }),
      deps.db.distribution.create({ data: { sessionId: id, ...intent, idempotencyKey: sendKey, actorId: actor.userId } }),
    ]);
  } catch (error) {
    if (!isUniqueViolation(error, "idempotencyKey")) throw error;
    owned = false;
  }

  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { idempotencyKey: values.idempotencyKey }, select: SESSION_SELECT });
  if (session.storeId !== store.id || session.createdById !== actor.userId) throw new SessionServiceError("FORM_REUSED", { rotateKey: true });
  if (!owned && !sameOrder(session, values, totals.orderAmount)) {
    throw new SessionServiceError("ORDER_CHANGED", { sessionId: session.id, rotateKey: true });
  }

  if (session.status === "CREATE_FAILED") {
    const last = await deps.db.paymentSession.findUnique({ where: { id: session.id }, select: { lastErrorCode: true } });
    const code = last?.lastErrorCode ?? "CREATE_FAILED";
    const field = formFieldOfCode(code, channelMeta(values.channel).providerMethod);
    throw new SessionServiceError(code as never, { sessionId: session.id, rotateKey: true, ...(field ? { field } : {}) });
  }
  // A resubmit that changed how to send: record it first, so whatever happens next (even the
  // provider timing out again) only the latest choice is ever delivered.
  const distributionId = owned
    ? (await deps.db.distribution.findUniqueOrThrow({ where: { idempotencyKey: sendKey }, select: { id: true } })).id
    : await recordSend(deps, actor, session, intent, await liveSendKey(deps, sendKey), "changed", values.idempotencyKey);
  if (session.status === "CREATING") {
    if (!owned && !(await claimSession(deps, session.id, "CREATING"))) return { sessionId: session.id, state: "pending" };
    await createAtProvider(deps, session, "PORTAL");
  }
  const state = await deliver(deps, session, distributionId, "PORTAL");
  return { sessionId: session.id, state: state === "sent" ? "ready" : "pending" };
}

async function loadForSend(deps: SessionDeps, sessionId: string): Promise<SessionRow> {
  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: SESSION_SELECT });
  const blocked = sendBlockedReason(session, now(deps));
  if (blocked) throw new SessionServiceError("NOT_SENDABLE", { message: blocked, sessionId });
  return session;
}

/** The latest send that reached the customer: what Resend repeats (never a failed or unanswered one). */
export async function lastSuccessfulSend(db: Db, sessionId: string, excludeKey?: string) {
  return db.distribution.findFirst({
    where: { sessionId, outcome: "SENT", ...(excludeKey ? { idempotencyKey: { not: excludeKey } } : {}) },
    orderBy: { createdAt: "desc" },
    select: { channel: true, recipient: true, recipientMasked: true, phoneCountry: true },
  });
}

/** A definite refusal: the same click can never succeed, so the client must use a new key next time. */
async function sendOnce(deps: SessionDeps, session: SessionRow, distributionId: string): Promise<void> {
  try {
    await deliver(deps, session, distributionId, "PORTAL");
  } catch (error) {
    if (!(error instanceof SessionServiceError) || error.retryable) throw error;
    throw new SessionServiceError(error.code, {
      message: error.userMessage,
      ...(error.field ? { field: error.field } : {}),
      ...(error.sessionId ? { sessionId: error.sessionId } : {}),
      rotateKey: true,
    });
  }
}

/** Resend: the latest successful send's channel and recipient again, as a new send with the caller's key. */
export async function resendPaymentLink(deps: SessionDeps, actor: Actor, sessionId: string, idempotencyKey: string): Promise<void> {
  const session = await loadForSend(deps, sessionId);
  const retried = await deps.db.distribution.findUnique({ where: { idempotencyKey }, select: { id: true, sessionId: true } });
  if (retried && retried.sessionId === sessionId) return sendOnce(deps, session, retried.id);
  const last = await lastSuccessfulSend(deps.db, sessionId, idempotencyKey);
  if (!last) throw new SessionServiceError("NOTHING_TO_RESEND", { sessionId });
  await sendOnce(deps, session, await recordSend(deps, actor, session, last, idempotencyKey, "resend"));
}

/** Send another way: a different channel or contact for the same session — never a second session. */
export async function sendAnotherWay(deps: SessionDeps, actor: Actor, sessionId: string, values: ResendValues): Promise<void> {
  const session = await loadForSend(deps, sessionId);
  const intent = intentOf(values.channel, values.customer, values.accessId);
  await sendOnce(deps, session, await recordSend(deps, actor, session, intent, values.idempotencyKey, "another_way"));
}

/** Why this session cannot be disabled now, or null. */
export function disableBlockedReason(
  session: { status: SessionStatus; expiresAt: Date | null; providerSessionId: string | null },
  provider: HppProvider,
  at: Date,
): string | null {
  if (!provider.capabilities.disableSession) return "This store's payment provider doesn't support disabling links.";
  if (session.status === "COMPLETED") return "The customer has already paid.";
  if (session.status === "DISABLED") return "This payment link is already disabled.";
  if (session.status === "CANCELLED") return "The customer cancelled this payment.";
  if (session.status === "CREATE_FAILED") return "The payment link was never created.";
  if (session.status === "EXPIRED" || (session.expiresAt && session.expiresAt <= at)) return "This payment link has expired.";
  if (!session.providerSessionId) return "The payment link is still being created.";
  return null;
}

/**
 * Disable link: the request is recorded with the acting user before the provider is called, and its
 * outcome after — success, refusal or no answer — even when a callback already moved the status.
 */
export async function disablePaymentLink(deps: SessionDeps, actor: Actor, sessionId: string): Promise<void> {
  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: SESSION_SELECT });
  const provider = deps.provider(session.provider);
  const blocked = disableBlockedReason(session, provider, now(deps));
  if (blocked) throw new SessionServiceError("NOT_DISABLEABLE", { message: blocked, sessionId });
  const record = (type: string, detail?: Record<string, unknown>) =>
    deps.db.sessionEvent.create({
      data: { sessionId, type, fromStatus: session.status, source: "PORTAL", actorId: actor.userId, ...(detail ? { detail: detail as object } : {}) },
    });
  await record("DISABLE_REQUESTED");
  try {
    await provider.disableSession(sessionRef(session)!);
  } catch (error) {
    const code = isHppError(error) ? error.code : "UNKNOWN";
    await record("DISABLE_FAILED", { code });
    if (!isHppError(error)) throw error;
    if (error.code === "ALREADY_COMPLETED") await applyStatus(deps.db, sessionId, "COMPLETED", "PROVIDER_POLL", { now: now(deps) });
    if (error.code === "NOT_FOUND" || error.code === "SESSION_EXPIRED") {
      await applyStatus(deps.db, sessionId, "EXPIRED", "PROVIDER_POLL", { now: now(deps) });
    }
    throw new SessionServiceError(error.code, { sessionId, retryable: error.retryable });
  }
  const changed = await applyStatus(deps.db, sessionId, "DISABLED", "PORTAL", { actorId: actor.userId, now: now(deps) });
  await record("DISABLE_SUCCEEDED", { statusRecorded: changed });
}

/** For the recovery job: resume a session whose creation was interrupted, then its pending sends. */
export async function resumeCreation(deps: SessionDeps, sessionId: string): Promise<"created" | "busy" | "failed"> {
  if (!(await claimSession(deps, sessionId, "CREATING"))) return "busy";
  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: SESSION_SELECT });
  try {
    await createAtProvider(deps, session, "RECOVERY");
    return "created";
  } catch (error) {
    if (error instanceof SessionServiceError) return "failed";
    throw error;
  }
}

/** For the recovery job: finish a send that was recorded but whose outcome was never written. */
export async function resumeDistribution(deps: SessionDeps, distributionId: string): Promise<"sent" | "busy" | "failed"> {
  const distribution = await deps.db.distribution.findUniqueOrThrow({ where: { id: distributionId }, select: { sessionId: true } });
  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: distribution.sessionId }, select: SESSION_SELECT });
  if (session.status === "CREATING") return "busy";
  try {
    return (await deliver(deps, session, distributionId, "RECOVERY")) === "sent" ? "sent" : "busy";
  } catch (error) {
    if (error instanceof SessionServiceError) return "failed";
    throw error;
  }
}
