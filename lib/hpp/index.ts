import "server-only";
import { env } from "@/lib/env";
import { KustomHppProvider } from "./kustom";
import { PlatformHppProvider } from "./platform";
import type { HppProvider, ProviderKind } from "./types";

export * from "./types";
export { HppError, HPP_ERROR_CODES, HPP_ERROR_MESSAGES, fieldFor, isHppError, type HppErrorCode, type HppErrorField } from "./errors";
export { KustomHppProvider, type KustomConfig } from "./kustom";
export { PlatformHppProvider, type PlatformConfig } from "./platform";
export { DEFAULT_RETRY_POLICY, type RetryPolicy } from "./http";
export { hppStatusUpdateSchema } from "./schemas";

const providers = new Map<ProviderKind, HppProvider>();

function build(kind: ProviderKind): HppProvider {
  const e = env();
  switch (kind) {
    case "KUSTOM":
      return new KustomHppProvider({
        apiUrl: e.KUSTOM_API_URL,
        username: e.KUSTOM_API_USERNAME,
        password: e.KUSTOM_API_PASSWORD,
        timeoutMs: e.HPP_TIMEOUT_MS,
      });
    case "PAYMENT_PLATFORM":
      return new PlatformHppProvider({
        apiUrl: e.PLATFORM_API_URL,
        username: e.PLATFORM_API_USERNAME,
        password: e.PLATFORM_API_PASSWORD,
        apiKey: e.PLATFORM_API_KEY,
        terminalId: e.PLATFORM_TERMINAL_ID,
        timeoutMs: e.HPP_TIMEOUT_MS,
      });
    default: {
      const unknown: never = kind;
      throw new Error(`Unknown HPP provider kind: ${String(unknown)}`);
    }
  }
}

/** The provider client for `kind`, configured from the environment; one instance per kind so the platform token cache is shared. */
export function providerFor(kind: ProviderKind): HppProvider {
  let provider = providers.get(kind);
  if (!provider) {
    provider = build(kind);
    providers.set(kind, provider);
  }
  return provider;
}
