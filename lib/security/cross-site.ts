/** Requests that change nothing, which any site may make. */
const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** Provider callbacks: server-to-server, no browser headers, each guarded by its per-session secret. */
const SERVER_TO_SERVER_PREFIX = "/api/hpp/";

export type RequestFacts = {
  method: string;
  pathname: string;
  /** The Host header as received (never X-Forwarded-Host, which a client can write). */
  host: string | null;
  protocol: "http:" | "https:";
  origin: string | null;
  secFetchSite: string | null;
};

/**
 * Why a state-changing request (server action, route handler, sign-in) must be refused as
 * cross-site, or null to let it through. The Origin decides when present; otherwise the browser's
 * Sec-Fetch-Site; a request with neither cannot show it comes from this site and is refused too.
 */
export function crossSiteRefusal(request: RequestFacts, publicOrigins: readonly string[]): string | null {
  if (SAFE_METHODS.has(request.method.toUpperCase()) || request.pathname.startsWith(SERVER_TO_SERVER_PREFIX)) return null;
  const ownOrigins = new Set(publicOrigins);
  if (request.host) ownOrigins.add(`${request.protocol}//${request.host}`);
  if (request.origin) return ownOrigins.has(request.origin) ? null : "origin";
  if (request.secFetchSite) return request.secFetchSite === "same-origin" || request.secFetchSite === "none" ? null : "sec-fetch-site";
  return "no-origin";
}
