import "server-only";
import { authSecret } from "@/lib/auth/secret";
import { db } from "@/lib/db";
import { env } from "@/lib/env";
import { providerFor } from "@/lib/hpp";
import { leaseMsFor, type SessionDeps } from "./service";

/** The session service wired to this process's database, providers and configuration. */
export function sessionDeps(): SessionDeps {
  const e = env();
  return { db: db(), provider: providerFor, portalUrl: e.PORTAL_PUBLIC_URL, serverKey: authSecret(), leaseMs: leaseMsFor(e.HPP_TIMEOUT_MS) };
}
