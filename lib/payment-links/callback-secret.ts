import { createHash, createHmac, randomBytes, timingSafeEqual } from "node:crypto";

/** 128 random bits per session; stored, but useless without the server key. */
export function newCallbackNonce(): string {
  return randomBytes(16).toString("base64url");
}

/**
 * The secret carried in the session's status_update URL. Derived (not stored) so a resumed creation
 * registers the same URL; only its hash is stored.
 */
export function callbackSecret(serverKey: string, sessionId: string, nonce: string): string {
  return createHmac("sha256", serverKey).update(`hpp-status-update:${sessionId}:${nonce}`).digest("base64url");
}

export function hashCallbackSecret(secret: string): string {
  return createHash("sha256").update(secret).digest("hex");
}

/** Constant-time check of a presented secret against the stored hash. */
export function verifyCallbackSecret(presented: string | null | undefined, storedHash: string): boolean {
  if (!presented) return false;
  const a = Buffer.from(hashCallbackSecret(presented), "hex");
  const b = Buffer.from(storedHash, "hex");
  return a.length === b.length && timingSafeEqual(a, b);
}

/**
 * Signs one return URL of one link (payment platform), so nobody can turn a cancel into a "paid" by
 * editing the address, nor report on another link.
 */
export function returnSignature(serverKey: string, linkId: string, nonce: string, returned: string): string {
  return createHmac("sha256", serverKey).update(`hpp-return:${linkId}:${nonce}:${returned}`).digest("base64url");
}
