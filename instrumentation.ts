/**
 * Runs once when the server starts: records each request's socket address, fails fast on a bad
 * environment, then keeps the background job (recovery, reminders, expiry, status reconciliation)
 * running; every instance may run it, rows are claimed, so work is never done twice.
 */
export async function register() {
  if (process.env.NEXT_RUNTIME !== "nodejs") return;
  // Sign-in throttling counts per client address: stamp each request with its socket's address.
  const { installSocketAddressHeader } = await import("@/lib/auth/client-address");
  await installSocketAddressHeader();
  const { env } = await import("@/lib/env");
  const { RECOVERY_INTERVAL_MS, RECOVERY_STALE_MS, RECONCILE_INTERVAL_MS } = env();
  if (RECOVERY_INTERVAL_MS === 0) return;
  const { runBackgroundJobs } = await import("@/lib/payment-links/jobs");
  const { linkDeps } = await import("@/lib/payment-links/deps");
  const timer = setInterval(() => {
    runBackgroundJobs(linkDeps(), { staleMs: RECOVERY_STALE_MS, reconcileIntervalMs: RECONCILE_INTERVAL_MS }).catch((error: unknown) =>
      console.error("[recovery] run failed:", error instanceof Error ? error.message : String(error)),
    );
  }, RECOVERY_INTERVAL_MS);
  timer.unref();
}
