import { createHash, randomBytes } from "node:crypto";
import type { Db } from "@/lib/db";
import type { Prisma } from "@/lib/generated/prisma/client";

/** A set-password link works for a day, once. */
export const PASSWORD_LINK_TTL_MS = 24 * 60 * 60 * 1000;
export const SET_PASSWORD_PATH = "/set-password";

export type PasswordLinkPurpose = "invite" | "reset";
export type PasswordLinkState = "valid" | "used" | "expired" | "unknown";

type Tx = Prisma.TransactionClient;

/** Only this hash is stored: a database reader cannot turn a row back into a working link. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token).digest("hex");
}

/**
 * Creates a one-time token (256 random bits) for the user and retires any earlier unused one, so
 * only the newest link works. Returns the token, which is never stored.
 */
export async function issuePasswordLink(
  tx: Tx,
  input: { userId: string; purpose: PasswordLinkPurpose; createdById: string | null },
  now = new Date(),
): Promise<string> {
  const token = randomBytes(32).toString("base64url");
  await tx.passwordToken.updateMany({ where: { userId: input.userId, usedAt: null, expiresAt: { gt: now } }, data: { expiresAt: now } });
  await tx.passwordToken.create({
    data: { userId: input.userId, purpose: input.purpose, createdById: input.createdById, tokenHash: hashToken(token), expiresAt: new Date(now.getTime() + PASSWORD_LINK_TTL_MS) },
  });
  return token;
}

export function passwordLinkUrl(publicUrl: string, token: string): string {
  return new URL(`${SET_PASSWORD_PATH}/${token}`, publicUrl).toString();
}

function stateOf(row: { usedAt: Date | null; expiresAt: Date } | null, now: Date): PasswordLinkState {
  if (!row) return "unknown";
  if (row.usedAt) return "used";
  return row.expiresAt.getTime() <= now.getTime() ? "expired" : "valid";
}

export async function passwordLinkState(db: Pick<Db, "passwordToken">, token: string, now = new Date()): Promise<PasswordLinkState> {
  const row = await db.passwordToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { usedAt: true, expiresAt: true } });
  return stateOf(row, now);
}

/**
 * Marks the link used, atomically: of two parallel redemptions exactly one gets the user's id.
 * Returns the user id, or the reason the link does not work.
 */
export async function consumePasswordLink(tx: Tx, token: string, now = new Date()): Promise<{ ok: true; userId: string } | { ok: false; state: Exclude<PasswordLinkState, "valid"> }> {
  const row = await tx.passwordToken.findUnique({ where: { tokenHash: hashToken(token) }, select: { id: true, userId: true, usedAt: true, expiresAt: true } });
  const state = stateOf(row, now);
  if (!row || state !== "valid") return { ok: false, state: state === "valid" ? "unknown" : state };
  const claimed = await tx.passwordToken.updateMany({ where: { id: row.id, usedAt: null, expiresAt: { gt: now } }, data: { usedAt: now } });
  return claimed.count === 1 ? { ok: true, userId: row.userId } : { ok: false, state: "used" };
}
