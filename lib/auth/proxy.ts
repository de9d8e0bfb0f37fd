import { NextResponse, type NextRequest } from "next/server";
import { env } from "@/lib/env";
import { contentSecurityPolicy } from "@/lib/security/headers";
import { crossSiteRefusal } from "@/lib/security/cross-site";
import { RETURN_PATH_HEADER } from "./callback-url";

/** Paths that are not portal pages: no return path for them. */
const NOT_A_PAGE = /^\/(api|login|set-password)(\/|$)/;

/**
 * For the root `proxy.ts`, on every request but static files:
 * - refuses cross-site state changes with 403 (Origin, else Sec-Fetch-Site), before any action runs;
 * - replaces a client-sent X-Forwarded-Host with the Host, so nothing downstream trusts it;
 * - in production, a per-request CSP nonce, which Next.js puts on its own scripts;
 * - passes the requested path to server components, so requirePageActor's redirect to /login
 *   carries a callbackUrl. A client-sent value is replaced.
 */
export function guardRequest(request: NextRequest): NextResponse {
  const config = env();
  const refusal = crossSiteRefusal(
    {
      method: request.method,
      pathname: request.nextUrl.pathname,
      host: request.headers.get("host"),
      protocol: request.nextUrl.protocol === "https:" ? "https:" : "http:",
      origin: request.headers.get("origin"),
      secFetchSite: request.headers.get("sec-fetch-site"),
    },
    [new URL(config.PORTAL_PUBLIC_URL).origin],
  );
  if (refusal) {
    console.warn(`[security] refused cross-site ${request.method} ${request.nextUrl.pathname} (${refusal})`);
    return new NextResponse("Cross-site request refused.", { status: 403, headers: { "content-type": "text/plain; charset=utf-8" } });
  }

  const headers = new Headers(request.headers);
  headers.delete(RETURN_PATH_HEADER);
  const host = request.headers.get("host");
  if (host) headers.set("x-forwarded-host", host);
  else headers.delete("x-forwarded-host");
  if (!NOT_A_PAGE.test(request.nextUrl.pathname)) headers.set(RETURN_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);

  if (config.NODE_ENV !== "production") return NextResponse.next({ request: { headers } });
  const nonce = btoa(crypto.randomUUID());
  const csp = contentSecurityPolicy(nonce);
  headers.set("content-security-policy", csp);
  headers.set("x-nonce", nonce);
  const response = NextResponse.next({ request: { headers } });
  response.headers.set("content-security-policy", csp);
  return response;
}
