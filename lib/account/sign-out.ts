import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { endAllSignInSessions, endSignInSession } from "@/lib/auth/sign-in-sessions";
import type { Db } from "@/lib/db";

/** Ends this browser's session on the server: the cookie, even copied, no longer works. */
export async function signOut(db: Db, actor: Actor): Promise<void> {
  if (actor.sessionId) await endSignInSession(db, actor.sessionId, "signed_out");
}

/** "Sign out of all devices": ends every session of the user, this one included. */
export async function signOutEverywhere(db: Db, actor: Actor): Promise<number> {
  return db.$transaction(async (tx) => {
    const ended = await endAllSignInSessions(tx, actor.userId, "signed_out_everywhere");
    await recordAudit(tx, { actorId: actor.userId, action: "user.signed_out_everywhere", targetType: "user", targetId: actor.userId, storeId: actor.storeId, detail: { sessions: ended } });
    return ended;
  });
}
