import type { NextRequest } from "next/server";
import { guardRequest } from "@/lib/auth/proxy";

/** Cross-site refusal, CSP nonce and the return path for sign-in: see lib/auth/proxy.ts. */
export function proxy(request: NextRequest) {
  return guardRequest(request);
}

export const config = { matcher: ["/((?!_next/static|_next/image|favicon.ico|icon.svg).*)"] };
