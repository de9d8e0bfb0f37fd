import type { CallbackDispatcher } from "./callbacks";
import type { SandboxState } from "./state";

export const MERCHANT_NAME = "Sandbox Merchant";

export interface SandboxCredentials {
  username: string;
  password: string;
  apiKey: string;
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
