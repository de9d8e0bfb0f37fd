import type { NextRequest } from "next/server";
import { forwardReturnPath } from "@/lib/auth/proxy";

/** Tells portal pages which page was asked for, so a signed-out visitor returns there after signing in. */
export function proxy(request: NextRequest) {
  return forwardReturnPath(request);
}

export const config = { matcher: ["/((?!api|_next|favicon.ico|login).*)"] };
