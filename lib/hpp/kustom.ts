import "server-only";
import { priceOrder, type OrderLineInput } from "@/lib/domain/order-lines";
import { HppError } from "./errors";
import { HttpClient, PORTAL_USER_AGENT, type HttpConfig } from "./http";
import { consoleLogger, logRedacted } from "./log";
import { hppSessionCreatedSchema, hppSessionSchema, kustomOrderResponseSchema } from "./schemas";
import type {
  CreateSessionInput,
  CreatedSession,
  DistributionRequest,
  HppProvider,
  KustomSessionOptions,
  MerchantUrls,
  OrderMerchantUrls,
  ProviderCapabilities,
  SessionRef,
  SessionSnapshot,
} from "./types";

export interface KustomConfig extends Omit<HttpConfig, "userAgent"> {
  /** Base URL of the Kustom API (KUSTOM_API_URL), without trailing slash. */
  apiUrl: string;
  username: string;
  password: string;
  userAgent?: string;
  /**
   * Origins our credentials may be sent to besides `apiUrl`'s. Session URLs come back from storage, and
   * Basic credentials must never follow a tampered URL to another host. Loopback names are interchangeable:
   * `localhost`, `127.x.x.x` and `[::1]` on the same scheme and port count as one origin.
   */
  trustedOrigins?: readonly string[];
}

export interface KustomOrderInput {
  merchantReference: string;
  purchaseCountry: string;
  currency: string;
  locale: string;
  lines: OrderLineInput[];
  /** The portal's URLs for this order, built by the portal (lib/payment-links/merchant-urls.ts). */
  merchantUrls: OrderMerchantUrls;
}

export interface KustomOrder {
  orderId: string;
  /** The order's Location header as returned (resolved against the request URL if relative). */
  orderUrl: string;
  status?: string;
  amount: number;
  taxAmount: number;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, "");
}

function isLoopback(hostname: string): boolean {
  return hostname === "localhost" || hostname === "[::1]" || /^127(?:\.\d{1,3}){3}$/.test(hostname);
}

/** Scheme, host and port, with every loopback name folded into one; undefined for a URL that does not parse. */
export function originKey(url: string): string | undefined {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return undefined;
  // `port` is "" for the scheme's default port, so https://host and https://host:443 agree.
  return `${parsed.protocol}//${isLoopback(parsed.hostname) ? "loopback" : parsed.hostname}:${parsed.port}`;
}

function optionsBody(options: KustomSessionOptions | undefined): Record<string, unknown> | undefined {
  if (!options) return undefined;
  const body = Object.fromEntries(
    Object.entries({
      page_title: options.pageTitle,
      logo_url: options.logoUrl,
      background_images: options.backgroundImages,
      purchase_type: options.purchaseType,
      place_order_mode: options.placeOrderMode,
      payment_method_categories: options.paymentMethodCategories,
      payment_method_category: options.paymentMethodCategory,
      show_subtotal_detail: options.showSubtotalDetail,
    }).filter(([, v]) => v !== undefined),
  );
  return Object.keys(body).length > 0 ? body : undefined;
}

function hppMerchantUrls(urls: MerchantUrls): Record<string, string> {
  return {
    success: urls.success,
    cancel: urls.cancel,
    back: urls.back,
    failure: urls.failure,
    error: urls.error,
    status_update: urls.statusUpdate,
  };
}

function distributionBody(request: DistributionRequest): Record<string, unknown> {
  switch (request.method) {
    case "sms":
      return { method: "sms", contact_information: { phone: request.phone, phone_country: request.phoneCountry } };
    case "email":
      return { method: "email", contact_information: { email: request.email } };
    case "token":
      // Passed through unaltered; JSON.stringify does the escaping the guide asks for.
      return { method: "token", contact_information: { access_id: request.accessId } };
  }
}

/** Kustom Checkout v3 order + Klarna-compatible HPP v1 session. */
export class KustomHppProvider implements HppProvider {
  readonly kind = "KUSTOM" as const;
  readonly capabilities: ProviderCapabilities = {
    distribution: ["sms", "email", "token"],
    readSession: true,
    disableSession: true,
  };

  private readonly http: HttpClient;
  private readonly apiUrl: string;
  private readonly authorization: string;
  private readonly trustedOrigins: ReadonlySet<string>;
  private readonly now: () => number;

  constructor(private readonly config: KustomConfig) {
    this.apiUrl = trimSlash(config.apiUrl);
    this.http = new HttpClient({ ...config, userAgent: config.userAgent ?? PORTAL_USER_AGENT });
    this.authorization = `Basic ${Buffer.from(`${config.username}:${config.password}`).toString("base64")}`;
    this.trustedOrigins = new Set(
      [this.apiUrl, ...(config.trustedOrigins ?? [])].map((url) => {
        const key = originKey(url);
        if (key === undefined) throw new Error(`Not an http(s) URL: ${url}`);
        return key;
      }),
    );
    this.now = config.now ?? Date.now;
  }

  /** POST /checkout/v3/orders with amounts from `priceOrder()`. */
  async createOrder(input: KustomOrderInput, idempotencyKey: string): Promise<KustomOrder> {
    const totals = priceOrder(input.lines);
    const url = `${this.apiUrl}/checkout/v3/orders`;
    const { data, headers } = await this.http.request({
      operation: "createOrderMerchant",
      method: "POST",
      url,
      headers: { Authorization: this.authorization },
      idempotencyKey,
      body: {
        purchase_country: input.purchaseCountry,
        purchase_currency: input.currency,
        locale: input.locale,
        order_amount: totals.orderAmount,
        order_tax_amount: totals.orderTaxAmount,
        order_lines: totals.lines.map((line) => ({
          ...(line.reference !== undefined && { reference: line.reference }),
          name: line.name,
          quantity: line.quantity,
          unit_price: line.unitPrice,
          tax_rate: line.taxRate,
          total_amount: line.totalAmount,
          total_tax_amount: line.totalTaxAmount,
          total_discount_amount: line.totalDiscountAmount,
        })),
        merchant_reference1: input.merchantReference,
        merchant_urls: input.merchantUrls,
      },
      schema: kustomOrderResponseSchema,
      successStatuses: [201],
    });
    const location = headers.get("location");
    // The contract: use the Location header, "do not construct the order url based on the order id".
    if (!location) {
      logRedacted(this.config.logger ?? consoleLogger, "createOrderMerchant answered without a Location header", { operation: "createOrderMerchant" });
      throw new HppError("MALFORMED_RESPONSE", { httpStatus: 201, detail: "createOrderMerchant: no Location header" });
    }
    const orderUrl = new URL(location, url).toString();
    return {
      orderId: data.order_id,
      orderUrl,
      ...(data.status !== undefined && { status: data.status }),
      amount: totals.orderAmount,
      taxAmount: totals.orderTaxAmount,
    };
  }

  async createSession(input: CreateSessionInput): Promise<CreatedSession> {
    const order = await this.createOrder(
      { ...input, merchantUrls: input.merchantUrls.order },
      `${input.idempotencyKey}:order`,
    );
    const options = optionsBody(input.options);
    const { data } = await this.http.request({
      operation: "createHppSession",
      method: "POST",
      url: `${this.apiUrl}/hpp/v1/sessions`,
      headers: { Authorization: this.authorization },
      idempotencyKey: `${input.idempotencyKey}:session`,
      body: {
        payment_session_url: order.orderUrl,
        merchant_urls: hppMerchantUrls(input.merchantUrls),
        ...(options !== undefined && { options }),
      },
      schema: hppSessionCreatedSchema,
      successStatuses: [201],
      // The contract's 404 for create: "Payment session has expired" (the order is in its last hour or gone).
      errorContext: { notFoundMeans: "SESSION_EXPIRED" },
    });
    const distributionModule = data.distribution_module;
    return {
      kind: this.kind,
      providerSessionId: data.session_id,
      providerOrderId: order.orderId,
      orderUrl: order.orderUrl,
      ...(data.session_url !== undefined && { sessionUrl: data.session_url }),
      ...(data.distribution_url !== undefined && { distributionUrl: data.distribution_url }),
      redirectUrl: data.redirect_url,
      ...(data.qr_code_url !== undefined && { qrCodeUrl: data.qr_code_url }),
      ...(data.manual_identification_check_url !== undefined && { manualIdCheckUrl: data.manual_identification_check_url }),
      ...(data.expires_at !== undefined && { expiresAt: data.expires_at }),
      ...(distributionModule !== undefined && {
        distributionModule: {
          ...(distributionModule.token !== undefined && { token: distributionModule.token }),
          ...(distributionModule.standalone_url !== undefined && { standaloneUrl: distributionModule.standalone_url }),
          ...(distributionModule.generation_url !== undefined && { generationUrl: distributionModule.generation_url }),
        },
      }),
      ...(order.status !== undefined && { orderStatus: order.status }),
      amount: order.amount,
      taxAmount: order.taxAmount,
    };
  }

  async distribute(session: SessionRef, request: DistributionRequest, idempotencyKey: string): Promise<void> {
    if (!this.capabilities.distribution.includes(request.method)) {
      throw new HppError("NOT_SUPPORTED", { detail: `distribution by ${request.method}` });
    }
    await this.http.request({
      operation: "distributeHppSession",
      method: "POST",
      url: this.sessionApiUrl(session, "distribution"),
      headers: { Authorization: this.authorization },
      idempotencyKey,
      body: distributionBody(request),
      successStatuses: [201, 204],
      errorContext: { method: request.method, ...this.expiryContext(session) },
    });
  }

  async getSession(session: SessionRef): Promise<SessionSnapshot> {
    const { data } = await this.http.request({
      operation: "getSessionById",
      method: "GET",
      url: this.sessionApiUrl(session, "session"),
      headers: { Authorization: this.authorization },
      schema: hppSessionSchema,
      successStatuses: [200],
      errorContext: this.expiryContext(session),
    });
    return {
      status: data.status,
      ...(data.session_id !== undefined && { providerSessionId: data.session_id }),
      ...(data.order_id !== undefined && { orderId: data.order_id }),
      ...(data.expires_at !== undefined && { expiresAt: data.expires_at }),
      ...(data.updated_at !== undefined && { updatedAt: data.updated_at }),
    };
  }

  async disableSession(session: SessionRef): Promise<void> {
    await this.http.request({
      operation: "disableHppSession",
      method: "DELETE",
      url: this.sessionApiUrl(session, "session"),
      headers: { Authorization: this.authorization },
      successStatuses: [204],
      // The contract's only 400 for DELETE: "HPP session has already been successfully completed".
      errorContext: { badRequestMeans: "ALREADY_COMPLETED", ...this.expiryContext(session) },
    });
  }

  /** A 404 once the stored expiry has passed (by this client's clock) is reported as SESSION_EXPIRED. */
  private expiryContext(session: SessionRef): { expiresAt?: Date; now?: Date } {
    return session.expiresAt === undefined ? {} : { expiresAt: session.expiresAt, now: new Date(this.now()) };
  }

  /**
   * The stored URL as the provider returned it. Only a ref without one (e.g. stored before the URL was kept)
   * falls back to the documented `/hpp/v1/sessions/{id}[/distribution]` structure.
   */
  private sessionApiUrl(session: SessionRef, which: "session" | "distribution"): string {
    const stored = which === "session" ? session.sessionUrl : session.distributionUrl;
    const base = `${this.apiUrl}/hpp/v1/sessions/${encodeURIComponent(session.providerSessionId)}`;
    const url = stored ?? (which === "session" ? base : `${base}/distribution`);
    const origin = originKey(url);
    if (origin === undefined || !this.trustedOrigins.has(origin)) {
      logRedacted(this.config.logger ?? consoleLogger, "refusing to send credentials to an untrusted session URL", {
        operation: which,
        origin: origin ?? "unparseable",
      });
      throw new HppError("UNKNOWN", { detail: `session ${which} URL is not on a trusted origin`, retryable: false });
    }
    return url;
  }
}
