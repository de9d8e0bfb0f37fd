/** Where sign-in lands when no (acceptable) callbackUrl was given. */
export const DEFAULT_AFTER_SIGN_IN = "/dashboard";
export const LOGIN_PATH = "/login";

// Any fixed origin: only used to tell a same-origin path from one that leaves the site.
const BASE = new URL("http://portal.invalid");

/**
 * A callbackUrl reduced to a same-origin path (pathname + search + hash), else the fallback.
 * Parsed the way browsers parse it, so `//evil.com`, `/\evil.com` and `/<tab>/evil.com` (which
 * browsers read as protocol-relative) are refused: an open redirect after sign-in aids phishing.
 */
export function safeCallbackPath(value: string | null | undefined, fallback = DEFAULT_AFTER_SIGN_IN): string {
  if (typeof value !== "string" || !value.startsWith("/")) return fallback;
  const path = sameOriginPath(value);
  // Dot segments can normalise into `//host` (`/.//evil.com`): the result must hold as a path too.
  if (!path || sameOriginPath(path) !== path || new URL(path, BASE).pathname === LOGIN_PATH) return fallback;
  return path;
}

function sameOriginPath(value: string): string | null {
  try {
    const url = new URL(value, BASE);
    return url.origin === BASE.origin ? `${url.pathname}${url.search}${url.hash}` : null;
  } catch {
    return null;
  }
}

/** The sign-in page, carrying where to return afterwards when that is a safe path. */
export function loginPath(returnTo?: string | null): string {
  const path = safeCallbackPath(returnTo, "");
  return path && path !== DEFAULT_AFTER_SIGN_IN ? `${LOGIN_PATH}?${new URLSearchParams({ callbackUrl: path })}` : LOGIN_PATH;
}

/** Request header naming the page asked for (set by the root proxy), so sign-in can return there. */
export const RETURN_PATH_HEADER = "x-portal-return-path";
