import { spawn } from "node:child_process";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createSession, obj, orderRequest } from "./helpers";

let sandbox: Sandbox;
let client: Client;

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0 });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

beforeEach(async () => {
  await client.control("POST", "/sandbox/reset");
});

const DEFAULTS = {
  environment: "live-like",
  refused_contacts: ["blocked@example.com", "+46700000000"],
  latency_ms: 0,
  email_daily_limit: 100,
  supported_phone_regions: ["SE", "NO", "FI", "DK", "DE", "AT", "NL", "BE", "FR", "GB", "ES", "IT", "PL", "CH", "IE", "US"],
  tokenization_terminals: [],
  token_ttl_seconds: 300,
  token_expires_in: true,
  token_format: "opaque",
  error_shape: "classic",
  unknown_access_ids: [],
  callbacks: "deliver",
};

describe("config", () => {
  it("starts from the documented defaults", async () => {
    expect((await client.control("GET", "/sandbox/config")).json).toEqual(DEFAULTS);
  });

  it("applies a partial update and returns the full config", async () => {
    const res = await client.control("POST", "/sandbox/config", { environment: "playground", supported_phone_regions: ["se", "no"] });
    expect(res.status).toBe(200);
    expect(res.json).toEqual({ ...DEFAULTS, environment: "playground", supported_phone_regions: ["SE", "NO"] });
  });

  it.each([
    [{ environment: "production" }],
    [{ latency_ms: -1 }],
    [{ email_daily_limit: "10" }],
    [{ refused_contacts: "blocked@example.com" }],
    [{ supported_phone_regions: ["SWE"] }],
    [{ error_shape: "rfc7807" }],
    [{ unknown_switch: true }],
    ["not json"],
  ])("rejects %j with 400 and keeps the config", async (body) => {
    const res = await client.request("POST", "/sandbox/config", { auth: false, body });
    expect(res.status).toBe(400);
    expect((await client.control("GET", "/sandbox/config")).json).toEqual(DEFAULTS);
  });

  it("latency_ms delays API responses", async () => {
    await client.control("POST", "/sandbox/config", { latency_ms: 150 });
    const started = Date.now();
    await client.get("/hpp/v1/sessions/nope");
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });
});

describe("logs and reset", () => {
  it("logs every API request with operation, method, path, key, status and time", async () => {
    const { sessionId } = await createSession(client);
    await client.request("GET", `/hpp/v1/sessions/${sessionId}`, { auth: false });
    const all = obj((await client.control("GET", "/sandbox/requests")).json).requests as Record<string, unknown>[];
    expect(all.map((r) => r.operation)).toEqual(["createOrderMerchant", "createHppSession", "getSessionById"]);
    const filtered = obj((await client.control("GET", "/sandbox/requests?operation=getSessionById")).json);
    expect(filtered.requests).toEqual([
      {
        operation: "getSessionById",
        method: "GET",
        path: `/hpp/v1/sessions/${sessionId}`,
        idempotency_key: null,
        status: 401,
        at: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      },
    ]);
  });

  it("filters the outbox by session", async () => {
    const a = await createSession(client);
    const b = await createSession(client);
    const email = { method: "email", contact_information: { email: "user@example.com" } };
    await client.post(`/hpp/v1/sessions/${a.sessionId}/distribution`, email);
    await client.post(`/hpp/v1/sessions/${b.sessionId}/distribution`, email);
    const onlyA = obj((await client.control("GET", `/sandbox/outbox?session_id=${a.sessionId}`)).json);
    expect(onlyA.messages).toEqual([expect.objectContaining({ session_id: a.sessionId })]);
  });

  it("reset clears state, faults and config", async () => {
    const { sessionId } = await createSession(client);
    await client.post(`/hpp/v1/sessions/${sessionId}/distribution`, { method: "email", contact_information: { email: "a@example.com" } });
    await client.control("POST", "/sandbox/config", { environment: "playground" });
    await client.control("POST", "/sandbox/faults", { operation: "createOrderMerchant", fault: "503" });
    expect((await client.control("POST", "/sandbox/reset")).status).toBe(204);
    expect(obj((await client.control("GET", "/sandbox/outbox")).json).messages).toEqual([]);
    expect(obj((await client.control("GET", "/sandbox/requests")).json).requests).toEqual([]);
    expect((await client.control("GET", "/sandbox/config")).json).toEqual(DEFAULTS);
    expect((await client.get(`/hpp/v1/sessions/${sessionId}`)).status).toBe(404);
    expect((await client.post("/checkout/v3/orders", orderRequest())).status).toBe(201);
  });

  it("the clock moves forward only, and reset puts it back", async () => {
    const before = obj((await client.control("GET", "/sandbox/clock")).json);
    expect(before.offset_ms).toBe(0);
    const moved = obj((await client.control("POST", "/sandbox/clock", { advance_ms: 7_200_000 })).json);
    expect(moved.offset_ms).toBe(7_200_000);
    expect(Date.parse(String(moved.now)) - Date.parse(String(before.now))).toBeGreaterThanOrEqual(7_200_000);
    expect((await client.control("POST", "/sandbox/clock", { advance_ms: -1 })).status).toBe(400);
    await client.control("POST", "/sandbox/reset");
    expect(obj((await client.control("GET", "/sandbox/clock")).json).offset_ms).toBe(0);
  });

  it("answers 404 JSON for unknown routes and 405 for a wrong method", async () => {
    expect((await client.control("GET", "/sandbox/nothing")).status).toBe(404);
    const res = await client.get("/nothing");
    expect(res.status).toBe(404);
    expect(obj(res.json).error_code).toBe("NOT_FOUND");
    const wrongMethod = await client.request("PUT", "/hpp/v1/sessions/abc");
    expect(wrongMethod.status).toBe(405);
    expect(wrongMethod.headers.get("allow")).toBe("GET, DELETE");
  });
});

describe("CLI entry", () => {
  it("logs its URL and exits cleanly on SIGTERM", async () => {
    const tsx = path.resolve(process.cwd(), "node_modules/.bin/tsx");
    const child = spawn(tsx, ["sandbox/src/main.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_USERNAME: "cli-user" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    const url = await new Promise<string>((resolve, reject) => {
      let out = "";
      child.stdout.on("data", (chunk: Buffer) => {
        out += chunk.toString();
        const match = /HPP sandbox listening on (http:\/\/\S+)/.exec(out);
        if (match?.[1]) resolve(match[1]);
      });
      child.on("exit", () => reject(new Error(`sandbox exited early: ${out}`)));
    });
    const cli = new Client(url);
    const denied = await cli.post("/checkout/v3/orders", orderRequest());
    expect(denied.status).toBe(401);
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
  });

  it("refuses an invalid SANDBOX_ENVIRONMENT", async () => {
    const tsx = path.resolve(process.cwd(), "node_modules/.bin/tsx");
    const child = spawn(tsx, ["sandbox/src/main.ts"], {
      cwd: process.cwd(),
      env: { ...process.env, SANDBOX_PORT: "0", SANDBOX_ENVIRONMENT: "staging" },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let err = "";
    child.stderr.on("data", (chunk: Buffer) => (err += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on("exit", (c) => resolve(c)));
    expect(code).toBe(1);
    expect(err).toContain("SANDBOX_ENVIRONMENT");
  });
});
