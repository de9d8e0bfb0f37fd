import { createServer, type IncomingMessage } from "node:http";
import type { AddressInfo } from "node:net";

export const USERNAME = "sandbox-merchant";
export const PASSWORD = "sandbox-secret";
export const API_KEY = "sandbox-api-key";

export function basicAuth(username = USERNAME, password = PASSWORD): string {
  return `Basic ${Buffer.from(`${username}:${password}`).toString("base64")}`;
}

export interface ApiResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed body when it is JSON, otherwise undefined. */
  json: unknown;
}

export interface RequestOptions {
  body?: unknown;
  headers?: Record<string, string>;
  /** Basic credentials are sent unless false. */
  auth?: boolean;
  signal?: AbortSignal;
}

/** A thin fetch wrapper: JSON in, status/headers/text/json out, never follows redirects. */
export class Client {
  constructor(readonly baseUrl: string) {}

  async request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = { accept: "application/json", ...options.headers };
    if (options.auth !== false) headers.authorization ??= basicAuth();
    let body: string | undefined;
    if (options.body !== undefined) {
      body = typeof options.body === "string" ? options.body : JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    const res = await fetch(new URL(path, this.baseUrl), {
      method,
      headers,
      body,
      redirect: "manual",
      signal: options.signal,
    });
    const text = await res.text();
    let json: unknown;
    try {
      json = text ? (JSON.parse(text) as unknown) : undefined;
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }

  get(path: string, options?: RequestOptions) {
    return this.request("GET", path, options);
  }

  post(path: string, body?: unknown, options: RequestOptions = {}) {
    return this.request("POST", path, { ...options, body });
  }

  delete(path: string, options?: RequestOptions) {
    return this.request("DELETE", path, options);
  }

  /** Control API calls carry no credentials. */
  control(method: string, path: string, body?: unknown) {
    return this.request(method, path, { body, auth: false });
  }
}

export function obj(value: unknown): Record<string, unknown> {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new Error(`expected a JSON object, got ${JSON.stringify(value)}`);
  }
  return value as Record<string, unknown>;
}

export function str(value: unknown): string {
  if (typeof value !== "string") throw new Error(`expected a string, got ${JSON.stringify(value)}`);
  return value;
}

export interface OrderLine {
  name: string;
  quantity: number;
  unit_price: number;
  tax_rate: number;
  total_amount: number;
  total_tax_amount: number;
  total_discount_amount?: number;
}

/** A consistent Swedish order: 2 × 250 kr shirts + 49 kr shipping at 25 % VAT. */
export function orderRequest(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  const lines: OrderLine[] = [
    { name: "T-shirt", quantity: 2, unit_price: 25_000, tax_rate: 2500, total_amount: 50_000, total_tax_amount: 10_000 },
    { name: "Shipping", quantity: 1, unit_price: 4_900, tax_rate: 2500, total_amount: 4_900, total_tax_amount: 980 },
  ];
  return {
    purchase_country: "SE",
    purchase_currency: "SEK",
    locale: "sv-SE",
    order_amount: 54_900,
    order_tax_amount: 10_980,
    order_lines: lines,
    merchant_urls: {
      terms: "https://merchant.example/terms",
      checkout: "https://merchant.example/checkout",
      confirmation: "https://merchant.example/confirmation",
      push: "https://merchant.example/push",
    },
    ...overrides,
  };
}

export async function createOrder(client: Client, body: Record<string, unknown> = orderRequest()) {
  const res = await client.post("/checkout/v3/orders", body);
  if (res.status !== 201) throw new Error(`order creation failed: ${res.status} ${res.text}`);
  return obj(res.json);
}

export function orderUrl(client: Client, orderId: string): string {
  return `${client.baseUrl}/checkout/v3/orders/${orderId}`;
}

export interface SessionSetup {
  orderId: string;
  sessionId: string;
  session: Record<string, unknown>;
}

export async function createSession(
  client: Client,
  extra: Record<string, unknown> = {},
  order?: Record<string, unknown>,
): Promise<SessionSetup> {
  const created = await createOrder(client, order);
  const orderId = str(created.order_id);
  const res = await client.post("/hpp/v1/sessions", { payment_session_url: orderUrl(client, orderId), ...extra });
  if (res.status !== 201) throw new Error(`session creation failed: ${res.status} ${res.text}`);
  const session = obj(res.json);
  return { orderId, sessionId: str(session.session_id), session };
}

export async function sessionStatus(client: Client, sessionId: string): Promise<string> {
  const res = await client.get(`/hpp/v1/sessions/${sessionId}`);
  return str(obj(res.json).status);
}

export interface ReceivedCallback {
  url: string;
  body: Record<string, unknown>;
  at: number;
}

export interface Receiver {
  url: string;
  received: ReceivedCallback[];
  close(): Promise<void>;
}

/** A tiny merchant endpoint; `statusFor(n)` is the HTTP status answered to the n-th call (1-based), after `delayMs`. */
export async function startReceiver(statusFor: (call: number) => number = () => 200, delayMs = 0): Promise<Receiver> {
  const received: ReceivedCallback[] = [];
  const server = createServer((req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      received.push({ url: req.url ?? "", body: obj(JSON.parse(Buffer.concat(chunks).toString("utf8"))), at: Date.now() });
      const status = statusFor(received.length);
      setTimeout(() => {
        res.statusCode = status;
        res.end();
      }, delayMs);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    received,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Polls until `check` returns true or the deadline passes. */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error("condition not met in time");
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
