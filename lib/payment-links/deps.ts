import "server-only";
import { authSecret } from "@/lib/auth/secret";
import { db, type Db } from "@/lib/db";
import { env } from "@/lib/env";
import { providerFor, type HppProvider, type ProviderKind } from "@/lib/hpp";
import { leaseMsFor } from "./lease";

/** What the payment-link use cases need from the outside world; tests hand in their own. */
export type LinkDeps = {
  db: Db;
  provider: (kind: ProviderKind) => HppProvider;
  /** Public base URL of the portal, for the provider's redirects and status callbacks. */
  portalUrl: string;
  /** Server key the per-link callback secrets are derived with. */
  serverKey: string;
  now?: () => Date;
  /**
   * How long a worker may hold a link or send before another may take over. The holder renews it
   * while its provider call runs, so even the slowest retry chain never loses it to a second worker.
   */
  leaseMs?: number;
  /** Test seam: throws to simulate the process dying right after a provider call succeeded. */
  crashPoint?: (step: "afterProviderCreate" | "afterProviderDistribute") => void | Promise<void>;
};

export const nowOf = (deps: Pick<LinkDeps, "now">): Date => deps.now?.() ?? new Date();

/** The use cases wired to this process's database, providers and configuration. */
export function linkDeps(): LinkDeps {
  const e = env();
  return { db: db(), provider: providerFor, portalUrl: e.PORTAL_PUBLIC_URL, serverKey: authSecret(), leaseMs: leaseMsFor(e.HPP_TIMEOUT_MS) };
}
