import "server-only";
import { Prisma } from "@/lib/generated/prisma/client";
import type { LinkDeps } from "./deps";

/** The columns the use cases read from a payment link. */
export const LINK_SELECT = {
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

export type LinkRow = Prisma.PaymentSessionGetPayload<{ select: typeof LINK_SELECT }>;

export function loadLink(deps: LinkDeps, where: Prisma.PaymentSessionWhereUniqueInput): Promise<LinkRow> {
  return deps.db.paymentSession.findUniqueOrThrow({ where, select: LINK_SELECT });
}

/** Replaces the in-memory row with what the database holds now. */
export async function reloadInto(deps: LinkDeps, link: LinkRow): Promise<void> {
  Object.assign(link, await loadLink(deps, { id: link.id }));
}

/** Whether `error` is a unique violation on `field` (Prisma P2002, through the driver adapter or not). */
export function isUniqueViolation(error: unknown, field: string): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError) || error.code !== "P2002") return false;
  const meta = error.meta as { target?: unknown; driverAdapterError?: { cause?: { constraint?: { fields?: string[] } } } } | undefined;
  const fields = meta?.driverAdapterError?.cause?.constraint?.fields ?? (Array.isArray(meta?.target) ? (meta.target as string[]) : []);
  return fields.length === 0 || fields.some((f) => f.replace(/"/g, "") === field);
}
