import "server-only";
import { createHash, randomUUID } from "node:crypto";
import type { Actor } from "@/lib/auth/authorize";
import type { Db } from "@/lib/db";
import { Prisma } from "@/lib/generated/prisma/client";
import type { Channel as DbChannel, SessionStatus } from "@/lib/generated/prisma/enums";
import { isHppError, type DistributionRequest, type HppProvider, type MerchantUrls, type ProviderKind } from "@/lib/hpp";
import { priceOrder } from "@/lib/orders/lines";
import { channelMeta, type Channel, type PaymentLinkFormValues, type ResendValues } from "@/lib/validation/payment-link";
import { callbackSecret, hashCallbackSecret, newCallbackNonce } from "./callback-secret";
import { formFieldOf, SessionServiceError } from "./errors";
import { maskAccessId, maskEmail, maskPhone } from "./mask";
import { applyStatus, sessionRef } from "./status";

export type SessionDeps = {
  db: Db;
  provider: (kind: ProviderKind) => HppProvider;
  /** Public base URL of the portal, for the provider's redirects and status callbacks. */
  portalUrl: string;
  /** Server key the per-session callback secrets are derived with. */
  serverKey: string;
  now?: () => Date;
  /** How long a worker may hold a session or send before another may take over. */
  leaseMs?: number;
  /** Test seam: throws to simulate the process dying right after a provider call succeeded. */
  crashPoint?: (step: "afterProviderCreate" | "afterProviderDistribute") => void;
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

const now = (deps: SessionDeps) => deps.now?.() ?? new Date();
const leaseEnd = (deps: SessionDeps) => new Date(now(deps).getTime() + (deps.leaseMs ?? 60_000));

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
 */
async function createAtProvider(deps: SessionDeps, session: SessionRow, source: "PORTAL" | "RECOVERY"): Promise<void> {
  const provider = deps.provider(session.provider);
  try {
    const created = await provider.createSession({
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
    });
    deps.crashPoint?.("afterProviderCreate");
    await deps.db.$transaction([
      deps.db.paymentSession.update({
        where: { id: session.id },
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
      }),
      deps.db.sessionEvent.create({
        data: { sessionId: session.id, type: "SESSION_CREATED", fromStatus: "CREATING", toStatus: "WAITING", source },
      }),
    ]);
    Object.assign(session, {
      status: "WAITING",
      providerSessionId: created.providerSessionId,
      sessionUrl: created.sessionUrl ?? null,
      distributionUrl: created.distributionUrl ?? null,
      redirectUrl: created.redirectUrl,
      expiresAt: created.expiresAt ?? null,
    });
  } catch (error) {
    if (!isHppError(error)) throw error;
    if (error.retryable) {
      // Unknown whether the provider made it: stay CREATING, so a resubmit or the recovery job
      // repeats the call with the same keys and gets the provider's first answer.
      await deps.db.paymentSession.update({ where: { id: session.id }, data: { lastErrorCode: error.code, leaseUntil: null } });
      throw new SessionServiceError(error.code, { retryable: true, sessionId: session.id });
    }
    await deps.db.$transaction([
      deps.db.paymentSession.update({
        where: { id: session.id },
        data: { status: "CREATE_FAILED", statusChangedAt: now(deps), lastErrorCode: error.code, leaseUntil: null },
      }),
      deps.db.distribution.updateMany({
        where: { sessionId: session.id, outcome: "PENDING" },
        data: { outcome: "FAILED", errorCode: error.code, completedAt: now(deps) },
      }),
      deps.db.sessionEvent.create({
        data: { sessionId: session.id, type: "CREATE_FAILED", fromStatus: "CREATING", toStatus: "CREATE_FAILED", source, detail: { code: error.code } },
      }),
    ]);
    throw new SessionServiceError(error.code, { field: formFieldOf(error) ?? "lines", rotateKey: true });
  }
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
  const fail = (code: string, retryable = false) =>
    new SessionServiceError(code as never, {
      sessionId: session.id,
      retryable,
      field: method === "sms" ? "phone" : method === "email" ? "email" : method === "token" ? "accessId" : undefined,
    });
  if (distribution.outcome === "SENT") return "sent";
  if (distribution.outcome === "FAILED") throw fail(distribution.errorCode ?? "UNKNOWN");
  if (!(await claimDistribution(deps, distribution.id))) return "pending";

  const request = providerRequest(distribution);
  const blocked = sendBlockedReason(session, now(deps));
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
      await deps.provider(session.provider).distribute(ref, request, distribution.idempotencyKey);
      deps.crashPoint?.("afterProviderDistribute");
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
          actorId: source === "PORTAL" ? distribution.actorId : null,
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
          actorId: source === "PORTAL" ? distribution.actorId : null,
          detail: { channel: distribution.channel, recipientMasked: distribution.recipientMasked, code: error.code },
        },
      }),
    ]);
    throw fail(error.code);
  }
}

/** Records a send (or finds the one this key already recorded) and delivers it. */
async function recordAndDeliver(
  deps: SessionDeps,
  actor: Actor,
  session: SessionRow,
  intent: SendIntent,
  idempotencyKey: string,
): Promise<"sent" | "pending"> {
  let distribution = await deps.db.distribution.findUnique({ where: { idempotencyKey }, select: { id: true, sessionId: true } });
  if (!distribution) {
    try {
      distribution = await deps.db.distribution.create({
        data: { sessionId: session.id, ...intent, idempotencyKey, actorId: actor.userId },
        select: { id: true, sessionId: true },
      });
    } catch (error) {
      if (!isUniqueViolation(error, "idempotencyKey")) throw error;
      distribution = await deps.db.distribution.findUniqueOrThrow({ where: { idempotencyKey }, select: { id: true, sessionId: true } });
    }
  }
  if (distribution.sessionId !== session.id) throw new SessionServiceError("FORM_REUSED");
  return deliver(deps, session, distribution.id, "PORTAL");
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
        data: { sessionId: id, type: "CREATE_REQUESTED", toStatus: "CREATING", source: "PORTAL", actorId: actor.userId },
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
    throw new SessionServiceError((last?.lastErrorCode as never) ?? "CREATE_FAILED", { sessionId: session.id, rotateKey: true, field: "lines" });
  }
  if (session.status === "CREATING") {
    if (!owned && !(await claimSession(deps, session.id, "CREATING"))) return { sessionId: session.id, state: "pending" };
    await createAtProvider(deps, session, "PORTAL");
  }
  const state = await recordAndDeliver(deps, actor, session, intent, sendKey);
  return { sessionId: session.id, state: state === "sent" ? "ready" : "pending" };
}

async function loadForSend(deps: SessionDeps, sessionId: string): Promise<SessionRow> {
  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: SESSION_SELECT });
  const blocked = sendBlockedReason(session, now(deps));
  if (blocked) throw new SessionServiceError("NOT_SENDABLE", { message: blocked, sessionId });
  return session;
}

/** Resend: the latest send's channel and recipient again, as a new send with the caller's key. */
export async function resendPaymentLink(deps: SessionDeps, actor: Actor, sessionId: string, idempotencyKey: string): Promise<void> {
  const session = await loadForSend(deps, sessionId);
  const last = await deps.db.distribution.findFirst({
    where: { sessionId, idempotencyKey: { not: idempotencyKey } },
    orderBy: { createdAt: "desc" },
    select: { channel: true, recipient: true, recipientMasked: true, phoneCountry: true },
  });
  if (!last) throw new SessionServiceError("NOTHING_TO_RESEND", { sessionId });
  await recordAndDeliver(deps, actor, session, last, idempotencyKey);
}

/** Send another way: a different channel or contact for the same session — never a second session. */
export async function sendAnotherWay(deps: SessionDeps, actor: Actor, sessionId: string, values: ResendValues): Promise<void> {
  const session = await loadForSend(deps, sessionId);
  await recordAndDeliver(deps, actor, session, intentOf(values.channel, values.customer, values.accessId), values.idempotencyKey);
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

/** Disable link: the provider disables it, then the portal records who did. */
export async function disablePaymentLink(deps: SessionDeps, actor: Actor, sessionId: string): Promise<void> {
  const session = await deps.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: SESSION_SELECT });
  const provider = deps.provider(session.provider);
  const blocked = disableBlockedReason(session, provider, now(deps));
  if (blocked) throw new SessionServiceError("NOT_DISABLEABLE", { message: blocked, sessionId });
  try {
    await provider.disableSession(sessionRef(session)!);
  } catch (error) {
    if (!isHppError(error)) throw error;
    if (error.code === "ALREADY_COMPLETED") await applyStatus(deps.db, sessionId, "COMPLETED", "PROVIDER_POLL", { now: now(deps) });
    if (error.code === "NOT_FOUND" || error.code === "SESSION_EXPIRED") {
      await applyStatus(deps.db, sessionId, "EXPIRED", "PROVIDER_POLL", { now: now(deps) });
    }
    throw new SessionServiceError(error.code, { sessionId, retryable: error.retryable });
  }
  await applyStatus(deps.db, sessionId, "DISABLED", "PORTAL", { actorId: actor.userId, now: now(deps) });
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
