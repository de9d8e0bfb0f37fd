import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { CALLBACK_TIMEOUT_MS, CallbackDispatcher, DEFAULT_CALLBACK_RETRY_DELAYS_MS } from "./callbacks";
import { checkoutOperations } from "./checkout";
import { defaultConfig, type Environment } from "./config";
import type { MerchantCredentials, SandboxContext } from "./context";
import { handleControl } from "./control";
import { distributionOperations } from "./distribution";
import { klarnaError } from "./errors";
import { decode, sendJson, writeResponse } from "./http";
import { hppOperations } from "./hpp";
import { runOperation, type OperationDef } from "./operation";
import {
  renderDistributionModule,
  renderPayPage,
  renderPlatformPage,
  sendQrCode,
  submitPayPage,
  submitPlatformPage,
} from "./pay-page";
import { platformOperations } from "./platform";
import { SandboxState, type OperationId } from "./state";

export interface SandboxOptions {
  /** 0 = random free port. */
  port?: number;
  host?: string;
  username?: string;
  password?: string;
  apiKey?: string;
  /** Base URL used in the URLs the sandbox returns; default http://127.0.0.1:<port>. */
  publicUrl?: string;
  environment?: Environment;
  /** Delays before callback attempts 2..4. */
  callbackRetryDelaysMs?: number[];
  /** How long one status_update attempt may take before it counts as a timeout (Klarna: 3 s). */
  callbackTimeoutMs?: number;
  /** Basic credentials of a second merchant, refused (403) on the first merchant's sessions. */
  secondMerchant?: MerchantCredentials;
}

export interface Sandbox {
  url: string;
  close(): Promise<void>;
}

interface Route {
  method: string;
  pattern: RegExp;
  operation: OperationId;
}

const ROUTES: Route[] = [
  { method: "POST", pattern: /^\/checkout\/v3\/orders$/, operation: "createOrderMerchant" },
  { method: "GET", pattern: /^\/checkout\/v3\/orders\/(?<order_id>[^/]+)$/, operation: "readOrderMerchant" },
  { method: "POST", pattern: /^\/checkout\/v3\/orders\/(?<order_id>[^/]+)$/, operation: "updateOrderMerchant" },
  { method: "POST", pattern: /^\/checkout\/v3\/orders\/(?<order_id>[^/]+)\/abort$/, operation: "abortOrder" },
  { method: "POST", pattern: /^\/hpp\/v1\/sessions$/, operation: "createHppSession" },
  { method: "GET", pattern: /^\/hpp\/v1\/sessions\/(?<session_id>[^/]+)$/, operation: "getSessionById" },
  { method: "DELETE", pattern: /^\/hpp\/v1\/sessions\/(?<session_id>[^/]+)$/, operation: "disableHppSession" },
  {
    method: "POST",
    pattern: /^\/hpp\/v1\/sessions\/(?<session_id>[^/]+)\/distribution$/,
    operation: "distributeHppSession",
  },
  { method: "POST", pattern: /^\/api\/oauth2\/login\/token$/, operation: "platformToken" },
  { method: "POST", pattern: /^\/api\/hosted-payment-page$/, operation: "platformCreateSession" },
  // The platform guide's JavaScript sample posts here; kept as an alias of the documented endpoint (docs/providers.md#where-the-documents-disagree, row 28).
  { method: "POST", pattern: /^\/api\/sessions$/, operation: "platformCreateSession" },
];

const OPERATIONS = new Map<OperationId, OperationDef>(
  [...checkoutOperations, ...hppOperations, ...distributionOperations, ...platformOperations].map((def) => [
    def.id,
    def,
  ]),
);

function decodeParams(groups: Record<string, string> | undefined): Record<string, string> | null {
  const params: Record<string, string> = {};
  for (const [key, value] of Object.entries(groups ?? {})) {
    const decoded = decode(value);
    if (decoded === null) return null;
    params[key] = decoded;
  }
  return params;
}

function defaultPublicUrl(host: string, port: number): string {
  if (host === "0.0.0.0" || host === "::" || host === "") return `http://127.0.0.1:${port}`;
  return host.includes(":") ? `http://[${host}]:${port}` : `http://${host}:${port}`;
}

function listen(server: ReturnType<typeof createServer>, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => {
      server.off("error", reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? "127.0.0.1";
  const environment = options.environment ?? "live-like";
  const closing = new AbortController();
  const recordAttempt = (attempt: SandboxContext["state"]["callbackAttempts"][number]) => {
    ctx.state.callbackAttempts.push(attempt);
  };
  const ctx: SandboxContext = {
    state: new SandboxState(defaultConfig(environment)),
    publicUrl: "",
    acceptedOrigins: new Set(),
    credentials: {
      username: options.username ?? "sandbox-merchant",
      password: options.password ?? "sandbox-secret",
      apiKey: options.apiKey ?? "sandbox-api-key",
      secondMerchant: options.secondMerchant ?? { username: "sandbox-merchant-b", password: "sandbox-secret-b" },
    },
    callbacks: new CallbackDispatcher(
      options.callbackRetryDelaysMs ?? DEFAULT_CALLBACK_RETRY_DELAYS_MS,
      recordAttempt,
      closing.signal,
      options.callbackTimeoutMs ?? CALLBACK_TIMEOUT_MS,
    ),
    signal: closing.signal,
  };
  const hooks = {
    reset(): void {
      ctx.callbacks.cancelPending();
      ctx.state = new SandboxState(defaultConfig(environment));
    },
  };

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? "/", "http://sandbox.invalid");
    const method = req.method ?? "GET";
    const path = url.pathname;

    const allowed: string[] = [];
    for (const route of ROUTES) {
      const match = route.pattern.exec(path);
      if (!match) continue;
      if (route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const def = OPERATIONS.get(route.operation);
      const params = decodeParams(match.groups);
      if (!def || !params) break;
      return runOperation(ctx, def, req, res, url, params);
    }
    if (allowed.length > 0) {
      const error = klarnaError(ctx.state.config.error_shape, 405, "METHOD_NOT_ALLOWED", [`${method} is not allowed on ${path}`]);
      return writeResponse(res, { ...error, headers: { ...error.headers, allow: allowed.join(", ") } });
    }

    if (await handleControl(ctx, hooks, req, res, url)) return;

    const pay = /^\/pay\/([^/]+)(\/qr|\/distribution-module)?$/.exec(path);
    const sessionId = pay?.[1] ? decode(pay[1]) : null;
    if (pay && sessionId !== null) {
      if (pay[2] === "/qr" && method === "GET") return sendQrCode(ctx, res, sessionId);
      if (pay[2] === "/distribution-module" && method === "GET") {
        return renderDistributionModule(ctx, res, sessionId, url.searchParams.get("token"));
      }
      if (!pay[2] && method === "GET") return renderPayPage(ctx, res, sessionId);
      if (!pay[2] && method === "POST") return submitPayPage(ctx, req, res, sessionId);
    }
    const platformPage = /^\/hpp\/payment\/([^/]+)\/([^/]+)$/.exec(path);
    const token = platformPage?.[1] ? decode(platformPage[1]) : null;
    const platformSessionId = platformPage?.[2] ? decode(platformPage[2]) : null;
    if (token !== null && platformSessionId !== null) {
      if (method === "GET") return renderPlatformPage(ctx, res, token, platformSessionId);
      if (method === "POST") return submitPlatformPage(ctx, req, res, token, platformSessionId);
    }
    if (path === "/" && method === "GET") {
      return sendJson(res, 200, {
        name: "HPP sandbox",
        control: ["/sandbox/outbox", "/sandbox/requests", "/sandbox/callbacks", "/sandbox/config", "/sandbox/faults", "/sandbox/clock"],
      });
    }
    writeResponse(res, klarnaError(ctx.state.config.error_shape, 404, "NOT_FOUND", [`No route for ${method} ${path}`]));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const message = error instanceof Error ? error.message : String(error);
      writeResponse(res, klarnaError(ctx.state.config.error_shape, 500, "INTERNAL_SERVER_ERROR", [message]));
    });
  });
  const address = await listen(server, options.port ?? 0, host);
  const publicUrl = (options.publicUrl ?? defaultPublicUrl(host, address.port)).replace(/\/+$/, "");
  ctx.publicUrl = publicUrl;
  ctx.acceptedOrigins = new Set([
    new URL(publicUrl).origin,
    new URL(defaultPublicUrl(host, address.port)).origin,
    `http://127.0.0.1:${address.port}`,
    `http://localhost:${address.port}`,
    `http://[::1]:${address.port}`,
  ]);

  let closed: Promise<void> | null = null;
  return {
    url: publicUrl,
    close(): Promise<void> {
      closed ??= new Promise<void>((resolve, reject) => {
        closing.abort();
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
      return closed;
    },
  };
}
