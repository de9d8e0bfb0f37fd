import { randomUUID } from "node:crypto";
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode } from "libphonenumber-js";
import { now, type SandboxContext } from "./context";
import { klarnaError } from "./errors";
import { isRecord, iso, parseJson, serializeJson, type SerializedResponse } from "./http";
import { constraintViolation, forbidden, sessionNotFound } from "./hpp";
import { findSession, isFinal, payUrl } from "./lifecycle";
import type { OperationDef } from "./operation";
import type { HppSession, OutboxChannel } from "./state";

const EMAIL = /^[^\s@]+@[^\s@.]+(?:\.[^\s@.]+)+$/;
const METHODS = ["sms", "email", "token"] as const;
/** The QR code's value is opaque to the integrator (docs/providers.md#where-the-documents-disagree, row 3); only its size is bounded. */
const MAX_ACCESS_ID_LENGTH = 1024;

function error(ctx: SandboxContext, status: number, code: string, field: string, message: string): SerializedResponse {
  return klarnaError(ctx.state.config.error_shape, status, code, [`${field}: ${message}`], [{ field, message }]);
}

function missingContactData(ctx: SandboxContext, field: string): SerializedResponse {
  return error(ctx, 400, "MISSING_CONTACT_DATA", field, "is required for this distribution method");
}

function isBlank(value: unknown): boolean {
  return value === undefined || value === null || value === "";
}

/** Refused contacts compare case-insensitively (emails) or on E.164 (phones). */
function isRefused(ctx: SandboxContext, recipient: string): boolean {
  const normalized = recipient.toLowerCase();
  return ctx.state.config.refused_contacts.some((entry) => {
    const phone = entry.includes("@") ? undefined : parsePhoneNumberFromString(entry);
    return (phone?.number ?? entry.toLowerCase()) === normalized;
  });
}

function emailsSentToday(ctx: SandboxContext): number {
  const today = iso(now(ctx)).slice(0, 10);
  return ctx.state.outbox.filter((message) => message.channel === "email" && message.sent_at.startsWith(today)).length;
}

function send(ctx: SandboxContext, session: HppSession, channel: OutboxChannel, recipient: string): SerializedResponse {
  ctx.state.outbox.push({
    id: randomUUID(),
    channel,
    recipient,
    session_id: session.id,
    link: payUrl(ctx, session.id),
    sent_at: iso(now(ctx)),
  });
  return serializeJson(201, undefined);
}

function distributeEmail(ctx: SandboxContext, session: HppSession, contact: Record<string, unknown>): SerializedResponse {
  const email = contact.email;
  if (isBlank(email)) return missingContactData(ctx, "contact_information.email");
  if (typeof email !== "string" || email.length > 254 || !EMAIL.test(email)) {
    return error(ctx, 400, "CONSTRAINT_VIOLATION", "contact_information.email", "is not a valid email address");
  }
  if (isRefused(ctx, email)) {
    return error(ctx, 400, "BLACKLIST_REFUSED", "contact_information.email", "the recipient is refused");
  }
  const config = ctx.state.config;
  if (config.environment === "playground" && emailsSentToday(ctx) >= config.email_daily_limit) {
    return error(ctx, 429, "EMAIL_LIMIT_EXCEEDED", "contact_information.email", `at most ${config.email_daily_limit} emails per day in the playground`);
  }
  return send(ctx, session, "email", email);
}

function distributeSms(ctx: SandboxContext, session: HppSession, contact: Record<string, unknown>): SerializedResponse {
  const { phone, phone_country: phoneCountry } = contact;
  if (isBlank(phone)) return missingContactData(ctx, "contact_information.phone");
  if (isBlank(phoneCountry)) return missingContactData(ctx, "contact_information.phone_country");
  if (typeof phoneCountry !== "string" || !isSupportedCountry(phoneCountry.toUpperCase())) {
    return error(ctx, 400, "CONSTRAINT_VIOLATION", "contact_information.phone_country", "is not an ISO 3166 alpha-2 country");
  }
  const number =
    typeof phone === "string"
      ? parsePhoneNumberFromString(phone, { defaultCountry: phoneCountry.toUpperCase() as CountryCode })
      : undefined;
  if (!number) {
    return error(ctx, 400, "CONSTRAINT_VIOLATION", "contact_information.phone", "is not a phone number");
  }
  // The distribution error table: "Phone number of requested country invalid in current region" (docs/providers.md#where-the-documents-disagree, row 6).
  if (!number.isValid()) {
    return error(ctx, 400, "UNSUPPORTED_COUNTRY", "contact_information.phone", `is not a valid number for ${phoneCountry.toUpperCase()}`);
  }
  if (!number.country || !ctx.state.config.supported_phone_regions.includes(number.country)) {
    return error(ctx, 400, "UNSUPPORTED_COUNTRY", "contact_information.phone", `numbers from ${number.country ?? "this region"} are not supported`);
  }
  if (isRefused(ctx, number.number)) {
    return error(ctx, 400, "BLACKLIST_REFUSED", "contact_information.phone", "the recipient is refused");
  }
  if (ctx.state.config.environment === "playground") {
    return error(ctx, 502, "BAD_GATEWAY", "method", "sms distribution is not allowed in the playground environment");
  }
  return send(ctx, session, "sms", number.number);
}

function distributeToken(ctx: SandboxContext, session: HppSession, contact: Record<string, unknown>): SerializedResponse {
  const accessId = contact.access_id;
  if (isBlank(accessId)) return missingContactData(ctx, "contact_information.access_id");
  if (typeof accessId !== "string" || accessId.trim() === "" || accessId.length > MAX_ACCESS_ID_LENGTH) {
    return error(ctx, 400, "CONSTRAINT_VIOLATION", "contact_information.access_id", "is not a well-formed access id");
  }
  // The contract's 404 "access token not found": the QR code's token is unknown to the provider.
  if (ctx.state.config.unknown_access_ids.includes(accessId)) {
    return error(ctx, 404, "NOT_FOUND", "contact_information.access_id", "access token not found");
  }
  return send(ctx, session, "token", accessId);
}

export const distributionOperations: OperationDef[] = [
  {
    id: "distributeHppSession",
    family: "klarna",
    auth: "basic",
    idempotencyHeaders: ["klarna-idempotency-key"],
    successStatus: 201,
    successBody: false,
    handle({ ctx, params, rawBody, merchant }) {
      const session = findSession(ctx, params.session_id ?? "");
      if (!session) return sessionNotFound(ctx);
      if (session.owner !== merchant) return forbidden(ctx);
      if (isFinal(session.status)) {
        return constraintViolation(ctx, [{ field: "session", message: `session is ${session.status.toLowerCase()}` }]);
      }
      const parsed = parseJson(rawBody);
      if (!parsed.ok || !isRecord(parsed.value)) {
        return constraintViolation(ctx, [{ field: "body", message: "must be a JSON object" }]);
      }
      const { method, template, contact_information: contact } = parsed.value;
      if (typeof method !== "string" || !(METHODS as readonly string[]).includes(method)) {
        return constraintViolation(ctx, [{ field: "method", message: "must be one of sms, email, token" }]);
      }
      if (template !== undefined && template !== "INSTORE_PURCHASE") {
        return constraintViolation(ctx, [{ field: "template", message: "must be INSTORE_PURCHASE" }]);
      }
      if (contact === undefined || contact === null) return missingContactData(ctx, "contact_information");
      if (!isRecord(contact)) {
        return constraintViolation(ctx, [{ field: "contact_information", message: "must be an object" }]);
      }
      if (method === "email") return distributeEmail(ctx, session, contact);
      if (method === "sms") return distributeSms(ctx, session, contact);
      return distributeToken(ctx, session, contact);
    },
  },
];
