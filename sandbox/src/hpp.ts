import { randomBytes, randomUUID } from "node:crypto";
import { now, type SandboxContext } from "./context";
import { klarnaError, type FieldError } from "./errors";
import { decode, isHttpUrl, isRecord, iso, parseJson, serializeJson, type SerializedResponse } from "./http";
import {
  changeStatus,
  findSession,
  isOrderExpired,
  payUrl,
  SESSION_EXPIRY_MARGIN_MS,
  sessionBody,
  sessionUrl,
} from "./lifecycle";
import type { OperationDef } from "./operation";
import type { HppSession } from "./state";

export const MERCHANT_URL_KEYS = ["back", "cancel", "error", "failure", "status_update", "success"] as const;

const PAYMENT_METHOD_CATEGORIES = ["DIRECT_DEBIT", "DIRECT_BANK_TRANSFER", "PAY_NOW", "PAY_LATER", "PAY_OVER_TIME", "KLARNA"];
const OPTION_ENUMS: Record<string, readonly string[]> = {
  payment_method_category: PAYMENT_METHOD_CATEGORIES,
  place_order_mode: ["PLACE_ORDER", "CAPTURE_ORDER", "NONE"],
  purchase_type: ["BUY", "RENT", "BOOK", "SUBSCRIBE", "DOWNLOAD", "ORDER", "CONTINUE"],
  show_subtotal_detail: ["HIDE"],
};

export function constraintViolation(ctx: SandboxContext, errors: FieldError[]): SerializedResponse {
  return klarnaError(
    ctx.state.config.error_shape,
    400,
    "CONSTRAINT_VIOLATION",
    errors.map((error) => `${error.field}: ${error.message}`),
    errors,
  );
}

/** The contract's 403 "You were not authorized to execute this operation": another merchant's session or order. */
export function forbidden(ctx: SandboxContext): SerializedResponse {
  return klarnaError(ctx.state.config.error_shape, 403, "FORBIDDEN", ["You were not authorized to execute this operation"]);
}

export function sessionNotFound(ctx: SandboxContext): SerializedResponse {
  return klarnaError(ctx.state.config.error_shape, 404, "NOT_FOUND", [
    "HPP session has expired or could not be found by provided id",
  ]);
}

function validateMerchantUrls(value: unknown, errors: FieldError[]): Record<string, string> {
  const urls: Record<string, string> = {};
  if (value === undefined) return urls;
  if (!isRecord(value)) {
    errors.push({ field: "merchant_urls", message: "must be an object" });
    return urls;
  }
  for (const key of MERCHANT_URL_KEYS) {
    const url = value[key];
    if (url === undefined || url === null || url === "") continue;
    const field = `merchant_urls.${key}`;
    if (typeof url !== "string") {
      errors.push({ field, message: "must be a string" });
      continue;
    }
    const sample = url.replaceAll(/\{\{[a-z_]+\}\}/g, "placeholder");
    if (!isHttpUrl(sample)) {
      errors.push({ field, message: "must be an absolute http(s) URL" });
      continue;
    }
    urls[key] = url;
  }
  return urls;
}

function validateOptions(value: unknown, errors: FieldError[]): Record<string, unknown> {
  if (value === undefined) return {};
  if (!isRecord(value)) {
    errors.push({ field: "options", message: "must be an object" });
    return {};
  }
  for (const [key, allowed] of Object.entries(OPTION_ENUMS)) {
    const option = value[key];
    if (option !== undefined && (typeof option !== "string" || !allowed.includes(option))) {
      errors.push({ field: `options.${key}`, message: `must be one of ${allowed.join(", ")}` });
    }
  }
  const categories = value.payment_method_categories;
  if (
    categories !== undefined &&
    (!Array.isArray(categories) ||
      !categories.every((category) => typeof category === "string" && PAYMENT_METHOD_CATEGORIES.includes(category)))
  ) {
    errors.push({ field: "options.payment_method_categories", message: "must be a list of payment method categories" });
  }
  for (const key of ["logo_url", "page_title"]) {
    if (value[key] !== undefined && typeof value[key] !== "string") {
      errors.push({ field: `options.${key}`, message: "must be a string" });
    }
  }
  const images = value.background_images;
  if (
    images !== undefined &&
    (!Array.isArray(images) ||
      !images.every(
        (image) =>
          isRecord(image) &&
          (image.url === undefined || typeof image.url === "string") &&
          (image.width === undefined || Number.isSafeInteger(image.width)),
      ))
  ) {
    errors.push({ field: "options.background_images", message: "must be a list of {url, width}" });
  }
  return value;
}

/** Resolves payment_session_url to an order of this sandbox, or the documented error. */
function resolveOrder(
  ctx: SandboxContext,
  paymentSessionUrl: string,
  merchant: string,
): { ok: true; orderId: string; expiresAt: number } | { ok: false; response: SerializedResponse } {
  const invalid = (message: string) => ({
    ok: false as const,
    response: constraintViolation(ctx, [{ field: "payment_session_url", message }]),
  });
  let url: URL;
  try {
    url = new URL(paymentSessionUrl);
  } catch {
    return invalid("must be the URL of a Checkout order");
  }
  const match = /^\/checkout\/v3\/orders\/([^/]+)\/?$/.exec(url.pathname);
  if (!ctx.acceptedOrigins.has(url.origin) || !match?.[1]) {
    return invalid("must be the URL of a Checkout order created in this sandbox");
  }
  const order = ctx.state.orders.get(decode(match[1]) ?? "");
  if (!order) return invalid("does not point to an existing order");
  if (order.owner !== merchant) return { ok: false, response: forbidden(ctx) };
  const expiresAt = order.expiresAt - SESSION_EXPIRY_MARGIN_MS;
  if (isOrderExpired(ctx, order) || now(ctx) >= expiresAt) {
    return {
      ok: false,
      response: klarnaError(ctx.state.config.error_shape, 404, "NOT_FOUND", ["Payment session has expired"]),
    };
  }
  if (order.aborted || order.status !== "checkout_incomplete") {
    return invalid("the order is no longer open for payment");
  }
  return { ok: true, orderId: order.id, expiresAt };
}

export function creationResponse(ctx: SandboxContext, session: HppSession): Record<string, unknown> {
  const url = sessionUrl(ctx, session.id);
  const redirect = payUrl(ctx, session.id);
  return {
    session_id: session.id,
    session_url: url,
    distribution_url: `${url}/distribution`,
    redirect_url: redirect,
    qr_code_url: `${redirect}/qr`,
    expires_at: iso(session.expiresAt),
    // generation_url and manual_identification_check_url are optional in the contract and not served here, so not offered.
    distribution_module: {
      token: session.distributionToken,
      standalone_url: `${redirect}/distribution-module?token=${session.distributionToken}`,
    },
  };
}

export const hppOperations: OperationDef[] = [
  {
    id: "createHppSession",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: ["klarna-idempotency-key"],
    successStatus: 201,
    successBody: true,
    handle({ ctx, rawBody, merchant }) {
      const parsed = parseJson(rawBody);
      if (!parsed.ok || !isRecord(parsed.value)) {
        return constraintViolation(ctx, [{ field: "body", message: "must be a JSON object" }]);
      }
      const body = parsed.value;
      const errors: FieldError[] = [];
      const paymentSessionUrl = body.payment_session_url;
      if (paymentSessionUrl === undefined || paymentSessionUrl === null || paymentSessionUrl === "") {
        errors.push({ field: "payment_session_url", message: "is required" });
      } else if (typeof paymentSessionUrl !== "string") {
        errors.push({ field: "payment_session_url", message: "must be a string" });
      }
      const merchantUrls = validateMerchantUrls(body.merchant_urls, errors);
      const options = validateOptions(body.options, errors);
      if (body.profile_id !== undefined && typeof body.profile_id !== "string") {
        errors.push({ field: "profile_id", message: "must be a string" });
      }
      if (errors.length > 0 || typeof paymentSessionUrl !== "string") return constraintViolation(ctx, errors);

      const order = resolveOrder(ctx, paymentSessionUrl, merchant);
      if (!order.ok) return order.response;
      const createdAt = now(ctx);
      const session: HppSession = {
        id: randomUUID(),
        owner: merchant,
        orderId: order.orderId,
        status: "WAITING",
        createdAt,
        updatedAt: createdAt,
        expiresAt: order.expiresAt,
        merchantUrls,
        options,
        profileId: typeof body.profile_id === "string" ? body.profile_id : null,
        distributionToken: randomBytes(16).toString("hex"),
      };
      ctx.state.sessions.set(session.id, session);
      return serializeJson(201, creationResponse(ctx, session));
    },
  },
  {
    id: "getSessionById",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: [],
    successStatus: 200,
    successBody: true,
    handle({ ctx, params, merchant }) {
      const session = findSession(ctx, params.session_id ?? "");
      if (!session) return sessionNotFound(ctx);
      return session.owner === merchant ? serializeJson(200, sessionBody(session)) : forbidden(ctx);
    },
  },
  {
    id: "disableHppSession",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: [],
    successStatus: 204,
    successBody: false,
    handle({ ctx, params, merchant }) {
      const session = findSession(ctx, params.session_id ?? "");
      if (!session) return sessionNotFound(ctx);
      if (session.owner !== merchant) return forbidden(ctx);
      if (session.status === "COMPLETED") {
        return klarnaError(ctx.state.config.error_shape, 400, "CONSTRAINT_VIOLATION", [
          "HPP session has already been successfully completed",
        ]);
      }
      // DISABLED and CANCELLED are final already: answering 204 keeps DELETE idempotent.
      changeStatus(ctx, session, "DISABLED");
      return serializeJson(204, undefined);
    },
  },
];
