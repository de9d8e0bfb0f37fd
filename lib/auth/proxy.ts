import { NextResponse, type NextRequest } from "next/server";
import { RETURN_PATH_HEADER } from "./callback-url";

/**
 * For the root `proxy.ts`: passes the requested path to server components, which cannot read it,
 * so requirePageActor's redirect to /login carries a callbackUrl. A client-sent value is replaced.
 */
export function forwardReturnPath(request: NextRequest): NextResponse {
  const headers = new Headers(request.headers);
  headers.set(RETURN_PATH_HEADER, `${request.nextUrl.pathname}${request.nextUrl.search}`);
  return NextResponse.next({ request: { headers } });
}
