import "server-only";
import { channelMeta, formChannel } from "@/lib/domain/channels";
import { Prisma } from "@/lib/generated/prisma/client";
import { isHppError, type CreatedSession, type HppProvider } from "@/lib/hpp";
import type { PaymentLinkFormValues } from "@/lib/validation/payment-link";
import { nowOf, type LinkDeps } from "./deps";
import { formFieldOf, linkError } from "./errors";
import { recordEvent } from "./events";
import { storeLastSend } from "./last-send";
import { holdLease } from "./lease";
import { reloadInto, type LinkRow } from "./link-row";
import { merchantUrls } from "./merchant-urls";
import { providerPendingMessage } from "./messages";

type Source = "PORTAL" | "RECOVERY";

function createRequest(deps: LinkDeps, link: LinkRow): Parameters<HppProvider["createSession"]>[0] {
  return {
    idempotencyKey: link.idempotencyKey,
    merchantReference: link.merchantReference,
    purchaseCountry: link.purchaseCountry,
    currency: link.currency,
    locale: link.locale,
    lines: link.orderLines as PaymentLinkFormValues["lines"],
    customer: {
      ...(link.customerName ? { name: link.customerName } : {}),
      ...(link.customerEmail ? { email: link.customerEmail } : {}),
      ...(link.customerPhone ? { phoneE164: link.customerPhone } : {}),
    },
    merchantUrls: merchantUrls(deps, link.provider, link.id, link.callbackNonce),
    ...(link.provider === "KUSTOM" && link.store.hppOptions ? { options: link.store.hppOptions as object } : {}),
    ...(link.provider === "PAYMENT_PLATFORM" ? { platform: { transactionType: "PURCHASE" as const } } : {}),
  };
}

/** A definite refusal: the link becomes CREATE_FAILED (its pending sends fail with it), unless someone settled it first. */
async function recordRefusal(deps: LinkDeps, link: LinkRow, code: string, source: Source): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.paymentSession.updateMany({
      where: { id: link.id, status: "CREATING" },
      data: { status: "CREATE_FAILED", statusChangedAt: nowOf(deps), lastErrorCode: code, leaseUntil: null },
    });
    if (count === 0) return false;
    await tx.distribution.updateMany({ where: { sessionId: link.id, outcome: "PENDING" }, data: { outcome: "FAILED", errorCode: code, completedAt: nowOf(deps) } });
    await storeLastSend(tx, link.id);
    await recordEvent(tx, { linkId: link.id, type: "CREATE_FAILED", fromStatus: "CREATING", toStatus: "CREATE_FAILED", source, detail: { code } });
    return true;
  });
}

/** The provider's session is recorded and the link becomes WAITING, unless someone settled it first. */
async function recordCreated(deps: LinkDeps, link: LinkRow, created: CreatedSession, source: Source): Promise<boolean> {
  return deps.db.$transaction(async (tx) => {
    const { count } = await tx.paymentSession.updateMany({
      where: { id: link.id, status: "CREATING" },
      data: {
        status: "WAITING",
        statusChangedAt: nowOf(deps),
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
    await recordEvent(tx, { linkId: link.id, type: "SESSION_CREATED", fromStatus: "CREATING", toStatus: "WAITING", source, actorId: link.createdById });
    return true;
  });
}

/**
 * Creates the provider session for a recorded link (status CREATING, lease held). The provider's
 * idempotency keys derive from the link's key, so a resumed run gets the same order and session.
 * Every write afterwards is conditional on the link still being CREATING: a worker that took too
 * long, or a callback that got there first, must never move a link back.
 */
export async function createAtProvider(deps: LinkDeps, link: LinkRow, source: Source): Promise<void> {
  const firstSend = await deps.db.distribution.findFirst({ where: { sessionId: link.id }, orderBy: { createdAt: "asc" }, select: { channel: true } });
  const renew = (until: Date) =>
    deps.db.paymentSession.updateMany({ where: { id: link.id, status: "CREATING", leaseUntil: { gte: nowOf(deps) } }, data: { leaseUntil: until } });
  let created: CreatedSession;
  try {
    created = await holdLease(deps, renew, () => deps.provider(link.provider).createSession(createRequest(deps, link)));
  } catch (error) {
    if (!isHppError(error)) throw error;
    if (error.retryable) {
      // Unknown whether the provider made it: stay CREATING, so a resubmit or the recovery job
      // repeats the call with the same keys and gets the provider's first answer.
      await deps.db.paymentSession.updateMany({ where: { id: link.id, status: "CREATING" }, data: { lastErrorCode: error.code, leaseUntil: null } });
      throw linkError(error.code, { retryable: true, recordId: link.id, message: providerPendingMessage(error.code) });
    }
    const field = formFieldOf(error, firstSend ? channelMeta(formChannel(firstSend.channel)).providerMethod : null);
    if (!(await recordRefusal(deps, link, error.code, source))) {
      // Someone else settled it meanwhile (their provider answer won): carry on from what they recorded.
      await reloadInto(deps, link);
      return;
    }
    throw linkError(error.code, { ...(field ? { field } : {}), rotateKey: true });
  }

  await deps.crashPoint?.("afterProviderCreate");
  if (!(await recordCreated(deps, link, created, source))) {
    await reloadInto(deps, link);
    return;
  }
  Object.assign(link, {
    status: "WAITING",
    providerSessionId: created.providerSessionId,
    sessionUrl: created.sessionUrl ?? null,
    distributionUrl: created.distributionUrl ?? null,
    redirectUrl: created.redirectUrl,
    expiresAt: created.expiresAt ?? null,
  });
}
