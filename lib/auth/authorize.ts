import type { Role } from "@/lib/generated/prisma/enums";

/** Who is acting: read from the database on every request, never trusted from the client. */
export type Actor = {
  userId: string;
  email: string;
  name: string;
  role: Role;
  storeId: string | null;
  storeName: string | null;
  /**
   * The store's country and locale, read with the user by the sign-in check every page makes, so a
   * page that needs them (the history's time zone) asks nothing more. Absent where an Actor is built
   * without that check: the reader then looks them up.
   */
  storeSettings?: { country: string; locale: string } | null;
  /** The sign-in session this request belongs to (absent for callers outside a browser session). */
  sessionId?: string;
};

export type AuthorizationRule = {
  /** Roles allowed; omitted = any signed-in role. */
  roles?: readonly Role[];
  /** The store the action touches; admins may act on any store, everyone else only on their own. */
  storeId?: string;
};

export class AuthorizationError extends Error {
  constructor(readonly code: "UNAUTHENTICATED" | "FORBIDDEN") {
    super(code === "UNAUTHENTICATED" ? "Sign in to continue." : "You don't have access to this.");
    this.name = "AuthorizationError";
  }
}

export function canAccessStore(actor: Actor, storeId: string): boolean {
  return actor.role === "ADMIN" || (actor.storeId !== null && actor.storeId === storeId);
}

/** Role, then store scope. Throws AuthorizationError; returns the actor for chaining. */
export function authorize(actor: Actor | null, rule: AuthorizationRule = {}): Actor {
  if (!actor) throw new AuthorizationError("UNAUTHENTICATED");
  if (rule.roles && !rule.roles.includes(actor.role)) throw new AuthorizationError("FORBIDDEN");
  if (rule.storeId !== undefined && !canAccessStore(actor, rule.storeId)) throw new AuthorizationError("FORBIDDEN");
  return actor;
}

/** Store filter for queries: admins see every store, everyone else only their own. */
export function storeScope(actor: Actor): { storeId?: string } {
  if (actor.role === "ADMIN") return {};
  if (!actor.storeId) throw new AuthorizationError("FORBIDDEN");
  return { storeId: actor.storeId };
}
