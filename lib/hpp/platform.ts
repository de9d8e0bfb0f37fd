import "server-only";
import { priceOrder } from "@/lib/domain/order-lines";
import { HppError } from "./errors";
import { HttpClient, PORTAL_USER_AGENT, type HttpConfig } from "./http";
import { platformSessionSchema, platformTokenSchema } from "./schemas";
import type { CreateSessionInput, CreatedSession, DistributionRequest, HppProvider, ProviderCapabilities, SessionRef, SessionSnapshot } from "./types";

export interface PlatformConfig extends Omit<HttpConfig, "userAgent"> {
  /** PLATFORM_API_URL, without trailing slash. */
  apiUrl: string;
  username: string;
  password: string;
  apiKey: string;
  /** PLATFORM_TERMINAL_ID; a session may override it. */
  terminalId: string;
  userAgent?: string;
  /** A cached token is replaced this long before it expires (at most half its lifetime). */
  tokenRefreshMarginMs?: number;
  /** Lifetime assumed for a token that states none (the platform guide documents only `access_token`; docs/providers.md#payment-platform). */
  defaultTokenLifetimeMs?: number;
}

/** Short on purpose: an unknown lifetime costs an extra login now and then, never a failed call (401 → refresh once). */
export const DEFAULT_TOKEN_LIFETIME_MS = 60_000;

interface CachedToken {
  value: string;
  /** Epoch ms after which the token is not reused. */
  reuseUntil: number;
}

/** The `exp` claim (epoch ms) when the token is a JWT; the claims are only read, never trusted for anything else. */
export function jwtExpiry(token: string): number | undefined {
  const parts = token.split(".");
  if (parts.length !== 3 || !parts[1]) return undefined;
  try {
    const claims: unknown = JSON.parse(Buffer.from(parts[1], "base64url").toString("utf8"));
    const exp = typeof claims === "object" && claims !== null ? (claims as { exp?: unknown }).exp : undefined;
    return typeof exp === "number" && Number.isFinite(exp) ? exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

function splitName(name: string | undefined): { first?: string; last?: string } {
  const parts = name?.trim().split(/\s+/).filter(Boolean) ?? [];
  if (parts.length === 0) return {};
  if (parts.length === 1) return { first: parts[0]! };
  return { first: parts.slice(0, -1).join(" "), last: parts.at(-1)! };
}

/**
 * The payment platform (docs/providers.md#payment-platform): one create endpoint behind an OAuth2 password-style token and an API key.
 * It has no distribution, read or disable endpoints and no QR code; the portal delivers the link itself.
 */
export class PlatformHppProvider implements HppProvider {
  readonly kind = "PAYMENT_PLATFORM" as const;
  readonly capabilities: ProviderCapabilities = { distribution: [], readSession: false, disableSession: false };

  private readonly http: HttpClient;
  private readonly apiUrl: string;
  private readonly now: () => number;
  private readonly refreshMarginMs: number;
  private token: CachedToken | undefined;
  private tokenRequest: Promise<string> | undefined;

  constructor(private readonly config: PlatformConfig) {
    this.apiUrl = config.apiUrl.replace(/\/+$/, "");
    this.http = new HttpClient({ ...config, userAgent: config.userAgent ?? PORTAL_USER_AGENT });
    this.now = config.now ?? Date.now;
    this.refreshMarginMs = config.tokenRefreshMarginMs ?? 30_000;
  }

  async createSession(input: CreateSessionInput): Promise<CreatedSession> {
    const totals = priceOrder(input.lines);
    const { first, last } = splitName(input.customer?.name);
    const customer = input.customer;
    const body = {
      reference: input.merchantReference,
      terminal_id: input.platform?.terminalId ?? this.config.terminalId,
      currency: input.currency,
      amount: totals.orderAmount,
      transaction_type: input.platform?.transactionType ?? "PURCHASE",
      description: input.description ?? input.merchantReference,
      success_url: input.merchantUrls.success,
      cancel_url: input.merchantUrls.cancel,
      error_url: input.merchantUrls.error,
      ...(first !== undefined && { customer_first_name: first }),
      ...(last !== undefined && { customer_last_name: last }),
      ...(customer?.email !== undefined && { customer_email: customer.email }),
      ...(customer?.phoneE164 !== undefined && { customer_phone_number: customer.phoneE164 }),
      ...(input.platform?.saveCard !== undefined && { tokenization: { save_card_for_future_payments: input.platform.saveCard } }),
    };
    const idempotencyKey = `${input.idempotencyKey}:session`;

    const send = (token: string) =>
      this.http.request({
        operation: "platformCreateSession",
        method: "POST",
        url: `${this.apiUrl}/api/hosted-payment-page`,
        headers: { Authorization: `Bearer ${token}`, "x-api-key": this.config.apiKey },
        idempotencyKey,
        idempotencyHeaders: ["Idempotency-Key", "Klarna-Idempotency-Key"],
        body,
        schema: platformSessionSchema,
      });

    const token = await this.accessToken();
    let result;
    try {
      result = await send(token);
    } catch (error) {
      // A 401 means the token was revoked or expired early: fetch a new one once and retry once with the same key.
      if (!(error instanceof HppError) || error.code !== "UNAUTHORIZED") throw error;
      this.invalidate(token);
      result = await send(await this.accessToken());
    }
    return {
      kind: this.kind,
      providerSessionId: result.data.session_id,
      redirectUrl: result.data.redirect_url,
      amount: totals.orderAmount,
      taxAmount: totals.orderTaxAmount,
    };
  }

  async distribute(_session: SessionRef, _request: DistributionRequest, _idempotencyKey: string): Promise<void> {
    throw new HppError("NOT_SUPPORTED", { detail: "the payment platform has no distribution endpoint" });
  }

  async getSession(_session: SessionRef): Promise<SessionSnapshot> {
    throw new HppError("NOT_SUPPORTED", { detail: "the payment platform has no session read endpoint" });
  }

  async disableSession(_session: SessionRef): Promise<void> {
    throw new HppError("NOT_SUPPORTED", { detail: "the payment platform has no session disable endpoint" });
  }

  /** Cached until `tokenRefreshMarginMs` before expiry; concurrent callers share one token request. */
  private async accessToken(): Promise<string> {
    if (this.token && this.now() < this.token.reuseUntil) return this.token.value;
    this.tokenRequest ??= this.fetchToken().finally(() => {
      this.tokenRequest = undefined;
    });
    return this.tokenRequest;
  }

  private async fetchToken(): Promise<string> {
    const requestedAt = this.now();
    const { data } = await this.http.request({
      operation: "platformToken",
      method: "POST",
      url: `${this.apiUrl}/api/oauth2/login/token`,
      body: { username: this.config.username, password: this.config.password },
      // Logging in again has no side effect worth protecting, so network failures and 503s may be retried.
      idempotent: true,
      schema: platformTokenSchema,
      successStatuses: [200],
    });
    const expiresAt =
      data.expires_in !== undefined
        ? requestedAt + data.expires_in * 1000
        : (jwtExpiry(data.access_token) ?? requestedAt + (this.config.defaultTokenLifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS));
    const margin = Math.min(this.refreshMarginMs, Math.max(0, expiresAt - requestedAt) / 2);
    this.token = { value: data.access_token, reuseUntil: expiresAt - margin };
    return data.access_token;
  }

  private invalidate(token: string): void {
    if (this.token?.value === token) this.token = undefined;
  }
}
