import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Contracts } from "./contract";
import { basicAuth, Client, createSession, obj, orderRequest, orderUrl, str, type ApiResponse } from "./helpers";

const contracts = new Contracts();

const CLASSIC_ERROR = {
  type: "object",
  required: ["error_code", "error_messages", "correlation_id"],
  properties: {
    error_code: { type: "string", minLength: 1 },
    error_messages: { type: "array", minItems: 1, items: { type: "string" } },
    correlation_id: { type: "string", format: "uuid" },
  },
};

const ERROR_ID_ERROR = {
  type: "object",
  required: ["error_id", "error_type", "error_code", "error_message"],
  properties: {
    error_id: { type: "string", format: "uuid" },
    error_type: { enum: ["ACCESS_ERROR", "TECHNICAL_ERROR", "RESOURCE_ERROR", "INPUT_ERROR"] },
    error_code: { type: "string", minLength: 1 },
    error_message: { type: "string", minLength: 1 },
    validation_errors: {
      type: "array",
      items: { type: "object", required: ["field", "message"], properties: { field: { type: "string" }, message: { type: "string" } } },
    },
  },
};

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

/** The status is one the contract documents and the body is what it documents for that status. */
function expectDocumented(operationId: string, res: ApiResponse, errorSchema: object = CLASSIC_ERROR): void {
  expect(contracts.documentedStatuses(operationId), `${operationId} answered ${res.status}: ${res.text}`).toContain(res.status);
  if (contracts.responseSchemaRef(operationId, res.status)) {
    expect(contracts.responseErrors(operationId, res.status, res.json)).toBeNull();
  } else if (res.status >= 400) {
    expect(contracts.schemaErrors(errorSchema, res.json)).toBeNull();
  } else {
    expect(res.text).toBe("");
  }
}

function expectValidRequest(operationId: string, body: unknown): void {
  expect(contracts.requestErrors(operationId, body)).toBeNull();
}

async function call(operationId: string, method: string, path: string, body?: unknown, auth = true): Promise<ApiResponse> {
  const res = await client.request(method, path, { body, auth });
  expectDocumented(operationId, res);
  return res;
}

describe("the contract validator itself", () => {
  it("rejects bodies the contracts do not allow, so the checks below can fail", () => {
    expect(contracts.responseErrors("getSessionById", 200, { session_id: "x", status: "PAID" })).toMatch(/status/);
    expect(contracts.responseErrors("createHppSession", 201, { expires_at: "tomorrow" })).toMatch(/expires_at/);
    expect(contracts.responseErrors("readOrderMerchant", 200, { order_id: "x" })).toMatch(/locale/);
    expect(contracts.requestErrors("distributeHppSession", { method: "sms" })).toMatch(/contact_information/);
    expect(contracts.documentedStatuses("disableHppSession")).toEqual(expect.arrayContaining([204, 400, 404]));
  });
});

describe("Checkout API v3 against kustom-checkout-v3.openapi.yml", () => {
  it("createOrderMerchant: 201 order with Location, 400 for a missing field, 401 without credentials", async () => {
    const body = orderRequest();
    expectValidRequest("createOrderMerchant", body);
    const created = await call("createOrderMerchant", "POST", "/checkout/v3/orders", body);
    expect(created.status).toBe(201);
    const order = obj(created.json);
    expect(created.headers.get("location")).toBe(orderUrl(client, str(order.order_id)));
    expect(order).toMatchObject({ status: "checkout_incomplete", name: "Sandbox Merchant", order_amount: 54_900 });

    const missing = orderRequest();
    delete missing.locale;
    expect(contracts.requestErrors("createOrderMerchant", missing)).not.toBeNull();
    const rejected = await call("createOrderMerchant", "POST", "/checkout/v3/orders", missing);
    expect(rejected.status).toBe(400);

    const unauthorized = await call("createOrderMerchant", "POST", "/checkout/v3/orders", body, false);
    expect(unauthorized.status).toBe(401);
  });

  it("readOrderMerchant: 200 order, 404 unknown", async () => {
    const { orderId } = await createSession(client);
    const read = await call("readOrderMerchant", "GET", `/checkout/v3/orders/${orderId}`);
    expect(read.status).toBe(200);
    expect(obj(read.json).order_id).toBe(orderId);
    const unknown = await call("readOrderMerchant", "GET", "/checkout/v3/orders/00000000-0000-4000-8000-000000000000");
    expect(unknown.status).toBe(404);
  });

  it("updateOrderMerchant: 200 while incomplete, 400 bad value, 403 once completed, 404 unknown", async () => {
    const { orderId, sessionId } = await createSession(client);
    const update = orderRequest({ merchant_reference1: "PO-77" });
    expectValidRequest("updateOrderMerchant", update);
    const updated = await call("updateOrderMerchant", "POST", `/checkout/v3/orders/${orderId}`, update);
    expect(updated.status).toBe(200);
    expect(obj(updated.json).merchant_reference1).toBe("PO-77");

    const bad = await call("updateOrderMerchant", "POST", `/checkout/v3/orders/${orderId}`, orderRequest({ order_amount: 1 }));
    expect(bad.status).toBe(400);

    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "COMPLETED" });
    const readOnly = await call("updateOrderMerchant", "POST", `/checkout/v3/orders/${orderId}`, update);
    expect(readOnly.status).toBe(403);
    expect(obj(readOnly.json).error_code).toBe("READ_ONLY_ORDER");

    const unknown = await call("updateOrderMerchant", "POST", "/checkout/v3/orders/nope", update);
    expect(unknown.status).toBe(404);
  });

  it("abortOrder: 200 order, 403 on a completed order, 404 unknown", async () => {
    const first = await createSession(client);
    const aborted = await call("abortOrder", "POST", `/checkout/v3/orders/${first.orderId}/abort`);
    expect(aborted.status).toBe(200);

    const second = await createSession(client);
    await client.control("POST", `/sandbox/sessions/${second.sessionId}/status`, { status: "COMPLETED" });
    const completed = await call("abortOrder", "POST", `/checkout/v3/orders/${second.orderId}/abort`);
    expect(completed.status).toBe(403);

    const unknown = await call("abortOrder", "POST", "/checkout/v3/orders/nope/abort");
    expect(unknown.status).toBe(404);
  });
});

describe("HPP API v1 against klarna-hpp-v1.openapi.yml", () => {
  it("createHppSession: 201 SessionCreationResponseV1, 400 unknown order, 404 expired order, 401", async () => {
    const order = obj((await client.post("/checkout/v3/orders", orderRequest())).json);
    const body = {
      payment_session_url: orderUrl(client, str(order.order_id)),
      merchant_urls: { success: "https://merchant.example/ok?sid={{session_id}}", status_update: "https://merchant.example/cb" },
      options: { place_order_mode: "NONE", page_title: "Pay for your order" },
    };
    expectValidRequest("createHppSession", body);
    const created = await call("createHppSession", "POST", "/hpp/v1/sessions", body);
    expect(created.status).toBe(201);
    const session = obj(created.json);
    expect(session.distribution_url).toBe(`${str(session.session_url)}/distribution`);

    const unknownOrder = { payment_session_url: orderUrl(client, "00000000-0000-4000-8000-000000000000") };
    expectValidRequest("createHppSession", unknownOrder);
    const rejected = await call("createHppSession", "POST", "/hpp/v1/sessions", unknownOrder);
    expect(rejected.status).toBe(400);
    expect(obj(rejected.json).error_code).toBe("CONSTRAINT_VIOLATION");

    await client.control("POST", `/sandbox/sessions/${str(session.session_id)}/expire`);
    const expired = await call("createHppSession", "POST", "/hpp/v1/sessions", body);
    expect(expired.status).toBe(404);

    const unauthorized = await call("createHppSession", "POST", "/hpp/v1/sessions", body, false);
    expect(unauthorized.status).toBe(401);
  });

  it("getSessionById: 200 SessionResponseV1, 404 unknown and expired, 401", async () => {
    const { sessionId, orderId } = await createSession(client);
    const read = await call("getSessionById", "GET", `/hpp/v1/sessions/${sessionId}`);
    expect(read.status).toBe(200);
    expect(obj(read.json)).toMatchObject({ session_id: sessionId, order_id: orderId, status: "WAITING" });
    expect((await call("getSessionById", "GET", "/hpp/v1/sessions/nope")).status).toBe(404);
    expect((await call("getSessionById", "GET", `/hpp/v1/sessions/${sessionId}`, undefined, false)).status).toBe(401);
    await client.control("POST", `/sandbox/sessions/${sessionId}/expire`);
    expect((await call("getSessionById", "GET", `/hpp/v1/sessions/${sessionId}`)).status).toBe(404);
  });

  it("disableHppSession: 204 (twice), 400 once completed, 404 unknown", async () => {
    const { sessionId } = await createSession(client);
    expect((await call("disableHppSession", "DELETE", `/hpp/v1/sessions/${sessionId}`)).status).toBe(204);
    expect((await call("disableHppSession", "DELETE", `/hpp/v1/sessions/${sessionId}`)).status).toBe(204);

    const completed = await createSession(client);
    await client.control("POST", `/sandbox/sessions/${completed.sessionId}/status`, { status: "COMPLETED" });
    expect((await call("disableHppSession", "DELETE", `/hpp/v1/sessions/${completed.sessionId}`)).status).toBe(400);
    expect((await call("disableHppSession", "DELETE", "/hpp/v1/sessions/nope")).status).toBe(404);
  });

  it("distributeHppSession: 201 for email, sms and token, 400 invalid, 404 unknown, 401", async () => {
    const { sessionId } = await createSession(client);
    const path = `/hpp/v1/sessions/${sessionId}/distribution`;
    const requests = [
      { method: "email", contact_information: { email: "user@example.com" } },
      { method: "sms", contact_information: { phone: "0712345678", phone_country: "se" } },
      { method: "token", contact_information: { access_id: "467521087419" }, template: "INSTORE_PURCHASE" },
    ];
    for (const body of requests) {
      expectValidRequest("distributeHppSession", body);
      expect((await call("distributeHppSession", "POST", path, body)).status).toBe(201);
    }
    const invalid = { method: "pigeon", contact_information: {} };
    expect(contracts.requestErrors("distributeHppSession", invalid)).not.toBeNull();
    expect((await call("distributeHppSession", "POST", path, invalid)).status).toBe(400);
    expect((await call("distributeHppSession", "POST", "/hpp/v1/sessions/nope/distribution", requests[0])).status).toBe(404);
    expect((await call("distributeHppSession", "POST", path, requests[0], false)).status).toBe(401);
  });

  it("403 when a second merchant's credentials are used on the first merchant's session or order", async () => {
    const { sessionId, orderId } = await createSession(client);
    const asMerchantB = { headers: { authorization: basicAuth("sandbox-merchant-b", "sandbox-secret-b") } };
    const callAsB = async (operationId: string, method: string, path: string, body?: unknown) => {
      const res = await client.request(method, path, { ...asMerchantB, body });
      expectDocumented(operationId, res);
      return res;
    };
    const session = `/hpp/v1/sessions/${sessionId}`;
    const distribution = { method: "email", contact_information: { email: "user@example.com" } };
    for (const res of [
      await callAsB("getSessionById", "GET", session),
      await callAsB("disableHppSession", "DELETE", session),
      await callAsB("distributeHppSession", "POST", `${session}/distribution`, distribution),
      await callAsB("createHppSession", "POST", "/hpp/v1/sessions", { payment_session_url: orderUrl(client, orderId) }),
    ]) {
      expect(res.status).toBe(403);
      expect(obj(res.json).error_code).toBe("FORBIDDEN");
    }
    // Nothing happened to merchant A's session, and B's own session works.
    expect(obj((await client.get(session)).json).status).toBe("WAITING");
    expect(obj((await client.control("GET", `/sandbox/outbox?session_id=${sessionId}`)).json).messages).toEqual([]);
    const own = await client.post("/checkout/v3/orders", orderRequest(), asMerchantB);
    const ownSession = await callAsB("createHppSession", "POST", "/hpp/v1/sessions", { payment_session_url: orderUrl(client, str(obj(own.json).order_id)) });
    expect(ownSession.status).toBe(201);
    expect((await client.get(`/hpp/v1/sessions/${str(obj(ownSession.json).session_id)}`)).status).toBe(403);
  });

  it("distributeHppSession: 404 'access token not found' for an unknown access_id", async () => {
    const { sessionId } = await createSession(client);
    await client.control("POST", "/sandbox/config", { unknown_access_ids: ["278352"] });
    try {
      const body = { method: "token", contact_information: { access_id: "278352" } };
      expectValidRequest("distributeHppSession", body);
      const res = await call("distributeHppSession", "POST", `/hpp/v1/sessions/${sessionId}/distribution`, body);
      expect(res.status).toBe(404);
    } finally {
      await client.control("POST", "/sandbox/config", { unknown_access_ids: [] });
    }
  });

  it("error bodies switch to the error_id shape when configured", async () => {
    await client.control("POST", "/sandbox/config", { error_shape: "error_id" });
    try {
      const missing = orderRequest();
      delete missing.purchase_currency;
      const res = await client.post("/checkout/v3/orders", missing);
      expect(res.status).toBe(400);
      expect(contracts.schemaErrors(ERROR_ID_ERROR, res.json)).toBeNull();
      expect(obj(res.json)).toMatchObject({
        error_code: "BAD_VALUE",
        error_type: "INPUT_ERROR",
        validation_errors: [{ field: "purchase_currency", message: "Missing value" }],
      });
      const notFound = await client.get("/hpp/v1/sessions/nope");
      expect(contracts.schemaErrors(ERROR_ID_ERROR, notFound.json)).toBeNull();
      expect(obj(notFound.json).error_type).toBe("RESOURCE_ERROR");
    } finally {
      await client.control("POST", "/sandbox/config", { error_shape: "classic" });
    }
  });
});

describe("the sandbox rejects an order exactly when the contract schema does", () => {
  const lineMutations: [string, (order: Record<string, unknown>) => void][] = [
    ["valid as is", () => undefined],
    ["purchase_country of 3 letters", (o) => (o.purchase_country = "SWE")],
    ["purchase_currency with a digit", (o) => (o.purchase_currency = "SE1")],
    ["locale with underscore", (o) => (o.locale = "sv_SE")],
    ["order_amount as a string", (o) => (o.order_amount = "54900")],
    ["negative order_tax_amount", (o) => (o.order_tax_amount = -1)],
    ["fractional quantity", (o) => (line(o).quantity = 1.5)],
    ["negative quantity", (o) => (line(o).quantity = -1)],
    ["tax_rate above 10000", (o) => (line(o).tax_rate = 10_001)],
    ["unit_price above the maximum", (o) => (line(o).unit_price = 100_000_001)],
    ["empty line name", (o) => (line(o).name = "")],
    ["line name of 256 characters", (o) => (line(o).name = "x".repeat(256))],
    ["reference of 256 characters", (o) => (line(o).reference = "x".repeat(256))],
    ["merchant_reference1 of 256 characters", (o) => (o.merchant_reference1 = "x".repeat(256))],
    ["merchant_urls without push", (o) => delete obj(o.merchant_urls).push],
    ["line without total_tax_amount", (o) => delete line(o).total_tax_amount],
    ["1001 order lines", (o) => (o.order_lines = Array.from({ length: 1001 }, () => ({ ...line(o) })))],
    ["bad options color", (o) => (o.options = { color_button: "red" })],
    ["a 255-character name (edge, valid)", (o) => (line(o).name = "x".repeat(255))],
  ];

  function line(order: Record<string, unknown>): Record<string, unknown> {
    return obj((order.order_lines as unknown[])[0]);
  }

  it.each(lineMutations)("%s", async (_name, mutate) => {
    const order = structuredClone(orderRequest());
    mutate(order);
    const schemaValid = contracts.requestErrors("createOrderMerchant", order) === null;
    const res = await client.post("/checkout/v3/orders", order);
    expect(res.status).toBe(schemaValid ? 201 : 400);
    expectDocumented("createOrderMerchant", res);
  });
});
