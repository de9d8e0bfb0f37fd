import { describe, expect, it } from "vitest";
import { HPP_ERROR_CODES, HPP_ERROR_MESSAGES, HppError, fieldFor } from "@/lib/hpp/errors";
import { errorFromResponse, parseProviderError, type ErrorContext } from "@/lib/hpp/provider-errors";

const ctx: ErrorContext = { operation: "distributeHppSession" };

describe("parseProviderError", () => {
  it("reads the classic Klarna shape", () => {
    const parsed = parseProviderError(
      JSON.stringify({ error_code: "BLACKLIST_REFUSED", error_messages: ["User blacklisted", 42], correlation_id: "corr-1" }),
    );
    expect(parsed).toEqual({
      shape: "classic",
      code: "BLACKLIST_REFUSED",
      messages: ["User blacklisted"],
      correlationId: "corr-1",
      fieldErrors: [],
    });
  });

  it("reads the newer error_id shape, using error_id as the correlation id", () => {
    const parsed = parseProviderError({
      error_id: "err-9",
      error_type: "INPUT_ERROR",
      error_code: "CONSTRAINT_VIOLATION",
      error_message: "Invalid email",
      validation_errors: [{ field: "contact_information.email", message: "must be an email" }],
    });
    expect(parsed).toEqual({
      shape: "error_id",
      code: "CONSTRAINT_VIOLATION",
      messages: ["Invalid email"],
      correlationId: "err-9",
      errorId: "err-9",
      errorType: "INPUT_ERROR",
      fieldErrors: [{ field: "contact_information.email", message: "must be an email" }],
    });
  });

  it("reads the payment platform's INVALID shape", () => {
    const parsed = parseProviderError({
      status: "INVALID",
      errors: [{ property: "tokenization", message: "one of requested features not supported=[TOKENIZATION]" }],
    });
    expect(parsed).toMatchObject({
      shape: "platform",
      code: "INVALID",
      fieldErrors: [{ field: "tokenization", message: "one of requested features not supported=[TOKENIZATION]" }],
    });
  });

  it("returns undefined for non-JSON, arrays and unrelated objects", () => {
    expect(parseProviderError("<html>502 Bad Gateway</html>")).toBeUndefined();
    expect(parseProviderError("")).toBeUndefined();
    expect(parseProviderError("[1,2]")).toBeUndefined();
    expect(parseProviderError({ hello: "world" })).toBeUndefined();
    expect(parseProviderError(null)).toBeUndefined();
  });
});

describe("errorFromResponse", () => {
  const classic = (code: string) => parseProviderError({ error_code: code, error_messages: ["provider prose"], correlation_id: "c-1" });

  it.each([
    [400, "UNKNOWN", "UNKNOWN"],
    [400, "MISSING_CONTACT_DATA", "MISSING_CONTACT_DATA"],
    [404, "NOT_FOUND", "NOT_FOUND"],
    [400, "UNSUPPORTED_COUNTRY", "UNSUPPORTED_COUNTRY"],
    [400, "BLACKLIST_REFUSED", "BLACKLIST_REFUSED"],
    [429, "EMAIL_LIMIT_EXCEEDED", "EMAIL_LIMIT_EXCEEDED"],
    [502, "BAD_GATEWAY", "BAD_GATEWAY"],
    [400, "BAD_VALUE", "BAD_VALUE"],
    [403, "READ_ONLY_ORDER", "READ_ONLY_ORDER"],
    [401, "UNAUTHORIZED", "UNAUTHORIZED"],
    [403, "FORBIDDEN", "FORBIDDEN"],
    [429, "TOO_MANY_REQUESTS", "RATE_LIMITED"],
    [503, "SERVICE_UNAVAILABLE", "PROVIDER_UNAVAILABLE"],
    [500, "INTERNAL_ERROR", "PROVIDER_UNAVAILABLE"],
    [400, "SOMETHING_NEW", "UNKNOWN"],
  ] as const)("HTTP %i %s → %s", (status, providerCode, expected) => {
    const error = errorFromResponse(status, classic(providerCode), ctx);
    expect(error).toBeInstanceOf(HppError);
    expect(error.code).toBe(expected);
    expect(error.httpStatus).toBe(status);
    expect(error.correlationId).toBe("c-1");
    expect(HPP_ERROR_MESSAGES[error.code]).toBe(HPP_ERROR_MESSAGES[expected]);
    expect(HPP_ERROR_MESSAGES[error.code]).not.toContain("provider prose");
  });

  it("words CONSTRAINT_VIOLATION by what the call was", () => {
    const distribution = { operation: "distributeHppSession", method: "email" } as const;
    expect(errorFromResponse(400, classic("CONSTRAINT_VIOLATION"), distribution)).toMatchObject({ code: "CONSTRAINT_VIOLATION", field: "email" });
    const closed = parseProviderError({ error_code: "CONSTRAINT_VIOLATION", error_messages: ["session: session is completed"], correlation_id: "c" });
    expect(errorFromResponse(400, closed, distribution)).toMatchObject({ code: "LINK_CLOSED", field: undefined });
    const closedNewShape = parseProviderError({
      error_id: "e",
      error_type: "INPUT_ERROR",
      error_code: "CONSTRAINT_VIOLATION",
      error_message: "Session is disabled by merchant",
      validation_errors: [{ field: "session", message: "session is disabled" }],
    });
    expect(errorFromResponse(400, closedNewShape, { ...distribution, method: "sms" })).toMatchObject({ code: "LINK_CLOSED", field: undefined });
    const create = errorFromResponse(400, classic("CONSTRAINT_VIOLATION"), { operation: "createHppSession" });
    expect(create.code).toBe("INVALID_REQUEST");
    expect(create.providerCode).toBe("CONSTRAINT_VIOLATION");
    expect(HPP_ERROR_MESSAGES[create.code]).not.toMatch(/contact/);
  });

  it("maps a 404 by the operation's documented meaning and names an unknown QR token", () => {
    expect(errorFromResponse(404, classic("NOT_FOUND"), { operation: "createHppSession", notFoundMeans: "SESSION_EXPIRED" }).code).toBe("SESSION_EXPIRED");
    const token = parseProviderError({ error_code: "NOT_FOUND", error_messages: ["contact_information.access_id: access token not found"], correlation_id: "c" });
    expect(errorFromResponse(404, token, { ...ctx, method: "token" })).toMatchObject({ code: "ACCESS_ID_NOT_FOUND", field: "accessId" });
    // The session itself is gone: still NOT_FOUND, whatever the method.
    expect(errorFromResponse(404, classic("NOT_FOUND"), { ...ctx, method: "token" }).code).toBe("NOT_FOUND");
    expect(errorFromResponse(404, token, { ...ctx, method: "email" }).code).toBe("NOT_FOUND");
  });

  it("maps by status when the body is unreadable", () => {
    expect(errorFromResponse(401, undefined, ctx).code).toBe("UNAUTHORIZED");
    expect(errorFromResponse(403, undefined, ctx).code).toBe("FORBIDDEN");
    expect(errorFromResponse(404, undefined, ctx).code).toBe("NOT_FOUND");
    expect(errorFromResponse(410, undefined, ctx).code).toBe("SESSION_EXPIRED");
    expect(errorFromResponse(429, undefined, ctx).code).toBe("RATE_LIMITED");
    expect(errorFromResponse(502, undefined, ctx).code).toBe("PROVIDER_UNAVAILABLE");
    expect(errorFromResponse(400, undefined, ctx).code).toBe("UNKNOWN");
  });

  it("maps platform-shaped bodies by status before looking at their fields", () => {
    const body = (property: string) => parseProviderError({ status: "X", errors: [{ property, message: "m" }] });
    expect(errorFromResponse(401, body("authorization"), ctx).code).toBe("UNAUTHORIZED");
    expect(errorFromResponse(403, body("x-api-key"), ctx).code).toBe("FORBIDDEN");
    expect(errorFromResponse(429, body("rate_limit"), ctx).code).toBe("RATE_LIMITED");
    expect(errorFromResponse(503, body("service"), ctx).code).toBe("PROVIDER_UNAVAILABLE");
    expect(errorFromResponse(400, body("customer_email"), ctx)).toMatchObject({ code: "INVALID_REQUEST", field: "email" });
  });

  it("reports a 404 after the known expiry as SESSION_EXPIRED", () => {
    const expiresAt = new Date("2030-01-01T00:00:00Z");
    expect(errorFromResponse(404, classic("NOT_FOUND"), { ...ctx, expiresAt, now: new Date("2030-01-01T00:00:01Z") }).code).toBe("SESSION_EXPIRED");
    expect(errorFromResponse(404, classic("NOT_FOUND"), { ...ctx, expiresAt, now: new Date("2029-12-31T23:00:00Z") }).code).toBe("NOT_FOUND");
  });

  it("treats a 400 on disable as ALREADY_COMPLETED", () => {
    const error = errorFromResponse(400, classic("CONSTRAINT_VIOLATION"), { operation: "disableHppSession", badRequestMeans: "ALREADY_COMPLETED" });
    expect(error.code).toBe("ALREADY_COMPLETED");
    expect(HPP_ERROR_MESSAGES[error.code]).toBe("The customer has already paid with this link, so it can't be cancelled.");
  });

  it("points distribution errors at the field of the method used", () => {
    expect(errorFromResponse(400, classic("BLACKLIST_REFUSED"), { ...ctx, method: "sms" }).field).toBe("phone");
    expect(errorFromResponse(400, classic("BLACKLIST_REFUSED"), { ...ctx, method: "email" }).field).toBe("email");
    expect(errorFromResponse(400, classic("CONSTRAINT_VIOLATION"), { ...ctx, method: "token" }).field).toBe("accessId");
    expect(errorFromResponse(400, classic("CONSTRAINT_VIOLATION"), { ...ctx, method: "sms" }).field).toBe("phone");
  });

  it("maps the platform's tokenization error and other INVALID errors with their field", () => {
    const tokenization = errorFromResponse(
      400,
      parseProviderError({ status: "INVALID", errors: [{ property: "tokenization", message: "not supported" }] }),
      { operation: "platformCreateSession" },
    );
    expect(tokenization.code).toBe("TOKENIZATION_NOT_SUPPORTED");
    expect(tokenization.field).toBe("tokenization");

    const missing = errorFromResponse(
      400,
      parseProviderError({ status: "INVALID", errors: [{ property: "terminal_id", message: "must not be blank" }] }),
      { operation: "platformCreateSession" },
    );
    expect(missing.code).toBe("INVALID_REQUEST");
    expect(missing.field).toBe("terminal");
    expect(missing.providerField).toBe("terminal_id");
    expect(HPP_ERROR_MESSAGES[missing.code]).not.toContain("blank");
  });

  it("uses validation_errors of the newer shape for unlisted codes", () => {
    const error = errorFromResponse(
      400,
      parseProviderError({ error_id: "e", error_type: "INPUT_ERROR", error_code: "VALIDATION", validation_errors: [{ field: "contact_information.phone", message: "x" }] }),
      ctx,
    );
    expect(error.code).toBe("INVALID_REQUEST");
    expect(error.field).toBe("phone");
  });
});

describe("HPP_ERROR_MESSAGES and fieldFor", () => {
  it("has one plain sentence for every code", () => {
    expect(Object.keys(HPP_ERROR_MESSAGES).sort()).toEqual([...HPP_ERROR_CODES].sort());
    for (const code of HPP_ERROR_CODES) {
      const message = HPP_ERROR_MESSAGES[code];
      expect(message, code).toMatch(/^[A-Z].*\.$/);
      expect(message, code).not.toMatch(/[A-Z]{2,}_[A-Z]/);
    }
    expect(HPP_ERROR_MESSAGES.BLACKLIST_REFUSED).toBe("This customer can't be sent a payment link. Ask for another contact or payment method.");
    expect(HPP_ERROR_MESSAGES.UNAUTHORIZED).toMatch(/administrator/);
  });

  it("hints a field per code", () => {
    expect(fieldFor("EMAIL_LIMIT_EXCEEDED")).toBe("email");
    expect(fieldFor("UNSUPPORTED_COUNTRY")).toBe("phone");
    expect(fieldFor("MISSING_CONTACT_DATA", "email")).toBe("email");
    expect(fieldFor("MISSING_CONTACT_DATA")).toBe("contact");
    expect(fieldFor("BAD_VALUE")).toBe("order");
    expect(fieldFor("TOKENIZATION_NOT_SUPPORTED")).toBe("tokenization");
    expect(fieldFor("TIMEOUT")).toBeUndefined();
  });

  it("marks only transient failures as retryable and serialises without provider detail", () => {
    expect(new HppError("TIMEOUT").retryable).toBe(true);
    expect(new HppError("PROVIDER_UNAVAILABLE").retryable).toBe(true);
    expect(new HppError("BLACKLIST_REFUSED").retryable).toBe(false);
    expect(new HppError("UNAUTHORIZED").retryable).toBe(false);
    const error = new HppError("NOT_FOUND", { detail: "secret provider detail", correlationId: "c" });
    expect(JSON.stringify(error)).not.toContain("secret provider detail");
    expect(JSON.parse(JSON.stringify(error))).toEqual({ name: "HppError", code: "NOT_FOUND", retryable: false, correlationId: "c" });
  });
});
