import { UserError } from "@/lib/actions/user-error";
import { recordAudit } from "@/lib/audit/record";
import { hashPassword } from "@/lib/auth/password";
import { COMMON_PASSWORD_MESSAGE, isCommonPassword } from "@/lib/auth/password-policy";
import { endAllSignInSessions } from "@/lib/auth/sign-in-sessions";
import type { Db } from "@/lib/db";
import { consumePasswordLink, type PasswordLinkState } from "./password-links";

export const LINK_MESSAGES: Record<Exclude<PasswordLinkState, "valid">, string> = {
  used: "This link has already been used. Ask your admin or manager for a new one.",
  expired: "This link has expired (links work for 24 hours). Ask your admin or manager for a new one.",
  unknown: "This link doesn't work. Check that you copied all of it, or ask for a new one.",
};

/** Sets the password through a one-time link: the link is spent, and any open session ends. */
export async function setPasswordWithLink(db: Db, token: string, password: string, now = new Date()): Promise<void> {
  if (isCommonPassword(password)) throw new UserError("COMMON_PASSWORD", COMMON_PASSWORD_MESSAGE, { field: "password" });
  const passwordHash = await hashPassword(password);
  await db.$transaction(async (tx) => {
    const link = await consumePasswordLink(tx, token, now);
    if (!link.ok) throw new UserError(`LINK_${link.state.toUpperCase()}`, LINK_MESSAGES[link.state]);
    const user = await tx.user.update({ where: { id: link.userId }, data: { passwordHash }, select: { storeId: true } });
    await endAllSignInSessions(tx, link.userId, "password_reset", now);
    await recordAudit(tx, { actorId: link.userId, action: "user.password_set", targetType: "user", targetId: link.userId, storeId: user.storeId });
  });
}
