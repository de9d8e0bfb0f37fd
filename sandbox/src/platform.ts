import { createHmac, randomBytes, randomInt } from "node:crypto";
import { now, type SandboxContext } from "./context";
import { platformError, type PlatformFieldError } from "./errors";
import { isHttpUrl, isRecord, parseJson, serializeJson, type SerializedResponse } from "./http";
import type { OperationDef } from "./operation";
import type { PlatformSession } from "./state";

const ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
const TRANSACTION_TYPES = ["PURCHASE", "AUTHORIZE"];
const ISO_4217 = new Set(Intl.supportedValuesOf("currency"));

/** The flat optional customer fields of the platform guide's field table (docs/providers.md#where-the-documents-disagree, row 29). */
export const CUSTOMER_FIELDS = [
  "customer_id",
  "customer_first_name",
  "customer_last_name",
  "customer_email",
  "customer_phone_number",
  "customer_address",
  "customer_city",
  "customer_country",
  "customer_postal_code",
] as const;

function randomId(length: number): string {
  let id = "";
  for (let i = 0; i < length; i++) id += ALPHANUMERIC[randomInt(ALPHANUMERIC.length)];
  return id;
}

export function platformPaymentUrl(ctx: SandboxContext, session: PlatformSession): string {
  return `${ctx.publicUrl}/hpp/payment/${session.token}/${session.id}`;
}

function invalid(errors: PlatformFieldError[]): SerializedResponse {
  return platformError(400, "INVALID", errors);
}

function requiredString(body: Record<string, unknown>, key: string, errors: PlatformFieldError[]): string | undefined {
  const value = body[key];
  if (value === undefined || value === null || value === "") {
    errors.push({ property: key, message: "must not be empty" });
    return undefined;
  }
  if (typeof value !== "string") {
    errors.push({ property: key, message: "must be a string" });
    return undefined;
  }
  return value;
}

function requiredUrl(body: Record<string, unknown>, key: string, errors: PlatformFieldError[]): string | undefined {
  const value = requiredString(body, key, errors);
  if (value !== undefined && !isHttpUrl(value)) {
    errors.push({ property: key, message: "must be an absolute http(s) URL" });
    return undefined;
  }
  return value;
}

interface ValidSessionRequest {
  reference: string;
  terminalId: string;
  currency: string;
  amount: number;
  transactionType: string;
  description: string | null;
  successUrl: string;
  cancelUrl: string;
  errorUrl: string;
  customer: Record<string, string>;
  saveCard: boolean;
}

function validateSessionRequest(body: Record<string, unknown>): ValidSessionRequest | PlatformFieldError[] {
  const errors: PlatformFieldError[] = [];
  const reference = requiredString(body, "reference", errors);
  const terminalId = requiredString(body, "terminal_id", errors);
  let currency = requiredString(body, "currency", errors);
  if (currency !== undefined && !(/^[A-Z]{3}$/.test(currency) && ISO_4217.has(currency))) {
    errors.push({ property: "currency", message: "must be an ISO 4217 currency code, e.g. EUR" });
    currency = undefined;
  }
  const amount = body.amount;
  if (amount === undefined || amount === null) {
    errors.push({ property: "amount", message: "must not be null" });
  } else if (typeof amount !== "number" || !Number.isSafeInteger(amount) || amount <= 0) {
    errors.push({ property: "amount", message: "must be a positive integer in minor units" });
  }
  let transactionType = requiredString(body, "transaction_type", errors);
  if (transactionType !== undefined && !TRANSACTION_TYPES.includes(transactionType)) {
    errors.push({ property: "transaction_type", message: "must be PURCHASE or AUTHORIZE" });
    transactionType = undefined;
  }
  const successUrl = requiredUrl(body, "success_url", errors);
  const cancelUrl = requiredUrl(body, "cancel_url", errors);
  const errorUrl = requiredUrl(body, "error_url", errors);
  const description = body.description;
  if (description !== undefined && description !== null && typeof description !== "string") {
    errors.push({ property: "description", message: "must be a string" });
  }
  const customer: Record<string, string> = {};
  for (const key of CUSTOMER_FIELDS) {
    const value = body[key];
    if (value === undefined || value === null) continue;
    if (typeof value !== "string") errors.push({ property: key, message: "must be a string" });
    else customer[key] = value;
  }
  if (customer.customer_country !== undefined && !/^[A-Z]{2}$/.test(customer.customer_country)) {
    errors.push({ property: "customer_country", message: "must be an ISO 3166-1 alpha-2 code" });
  }
  let saveCard = false;
  const tokenization = body.tokenization;
  if (tokenization !== undefined && tokenization !== null) {
    const save = isRecord(tokenization) ? tokenization.save_card_for_future_payments : undefined;
    if (!isRecord(tokenization) || (save !== undefined && typeof save !== "boolean")) {
      errors.push({ property: "tokenization", message: "save_card_for_future_payments must be a boolean" });
    } else {
      saveCard = save === true;
    }
  }
  if (
    errors.length > 0 ||
    reference === undefined ||
    terminalId === undefined ||
    currency === undefined ||
    typeof amount !== "number" ||
    transactionType === undefined ||
    successUrl === undefined ||
    cancelUrl === undefined ||
    errorUrl === undefined
  ) {
    return errors;
  }
  return {
    reference,
    terminalId,
    currency,
    amount,
    transactionType,
    description: typeof description === "string" ? description : null,
    successUrl,
    cancelUrl,
    errorUrl,
    customer,
    saveCard,
  };
}

/** Signed with a key that lives and dies with the process: clients may read the claims, nobody can verify them. */
const JWT_KEY = randomBytes(32);

function jwt(username: string, issuedAtMs: number, expiresAtMs: number): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString("base64url");
  const unsigned = `${part({ alg: "HS256", typ: "JWT" })}.${part({
    sub: username,
    iat: Math.floor(issuedAtMs / 1000),
    exp: Math.floor(expiresAtMs / 1000),
    jti: randomBytes(8).toString("hex"),
  })}`;
  return `${unsigned}.${createHmac("sha256", JWT_KEY).update(unsigned).digest("base64url")}`;
}

const createSession: OperationDef["handle"] = ({ ctx, rawBody }) => {
  const parsed = parseJson(rawBody);
  if (!parsed.ok || !isRecord(parsed.value)) {
    return invalid([{ property: "body", message: "must be a JSON object" }]);
  }
  const request = validateSessionRequest(parsed.value);
  if (Array.isArray(request)) return invalid(request);
  if (request.saveCard && !ctx.state.config.tokenization_terminals.includes(request.terminalId)) {
    return invalid([{ property: "tokenization", message: "one of requested features not supported=[TOKENIZATION]" }]);
  }
  const createdAt = now(ctx);
  const session: PlatformSession = {
    ...request,
    id: randomId(20),
    token: randomId(40),
    status: "PENDING",
    createdAt,
    updatedAt: createdAt,
  };
  ctx.state.platformSessions.set(session.id, session);
  return serializeJson(200, { redirect_url: platformPaymentUrl(ctx, session), session_id: session.id });
};

export const platformOperations: OperationDef[] = [
  {
    id: "platformToken",
    family: "platform",
    auth: "none",
    idempotencyHeaders: [],
    successStatus: 200,
    successBody: true,
    handle({ ctx, rawBody }) {
      const parsed = parseJson(rawBody);
      const body = parsed.ok && isRecord(parsed.value) ? parsed.value : null;
      if (!body || typeof body.username !== "string" || typeof body.password !== "string") {
        return invalid([{ property: "credentials", message: "username and password are required" }]);
      }
      const { username, password } = ctx.credentials;
      if (body.username !== username || body.password !== password) {
        return platformError(401, "UNAUTHORIZED", [{ property: "credentials", message: "invalid username or password" }]);
      }
      const { token_ttl_seconds: ttl, token_format: format, token_expires_in: withExpiresIn } = ctx.state.config;
      const issuedAt = now(ctx);
      const expiresAt = issuedAt + ttl * 1000;
      const accessToken = format === "jwt" ? jwt(username, issuedAt, expiresAt) : randomBytes(32).toString("base64url");
      ctx.state.platformTokens.set(accessToken, { username, expiresAt });
      return serializeJson(200, { access_token: accessToken, token_type: "Bearer", ...(withExpiresIn && { expires_in: ttl }) });
    },
  },
  {
    id: "platformCreateSession",
    family: "platform",
    auth: "platform-bearer",
    idempotencyHeaders: ["klarna-idempotency-key", "idempotency-key"],
    successStatus: 200,
    successBody: true,
    handle: createSession,
  },
];
