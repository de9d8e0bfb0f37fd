import type { Actor } from "@/lib/auth/authorize";

/** The Actor a signed-in user would be (what currentActor builds), optionally on a sign-in session. */
export function actorOf(user: { id: string; email: string; name: string; role: "AGENT" | "MANAGER" | "ADMIN"; storeId: string | null }, sessionId?: string): Actor {
  return { userId: user.id, email: user.email, name: user.name, role: user.role, storeId: user.storeId, storeName: null, ...(sessionId ? { sessionId } : {}) };
}

export const LIFETIME = { idleMs: 60 * 60_000, maxMs: 12 * 3_600_000 };
