import type { CallbackDispatcher } from "./callbacks";
import type { SandboxState } from "./state";

export const MERCHANT_NAME = "Sandbox Merchant";

export interface MerchantCredentials {
  username: string;
  password: string;
}

export interface SandboxCredentials extends MerchantCredentials {
  apiKey: string;
  /** A second merchant account: its Basic credentials work, but never on the first merchant's sessions (403). */
  secondMerchant: MerchantCredentials;
}

/** Everything a handler needs; one per running sandbox. */
export interface SandboxContext {
  state: SandboxState;
  publicUrl: string;
  /** Origins under which payment_session_url may point at this sandbox. */
  acceptedOrigins: ReadonlySet<string>;
  credentials: SandboxCredentials;
  callbacks: CallbackDispatcher;
  /** Aborted when the sandbox closes. */
  signal: AbortSignal;
}

/** The sandbox's clock: real time plus the offset set through `POST /sandbox/clock`, so tests can reach expiries. */
export function now(ctx: SandboxContext): number {
  return Date.now() + ctx.state.clockOffsetMs;
}
