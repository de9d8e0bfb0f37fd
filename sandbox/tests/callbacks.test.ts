import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createSandbox, type Sandbox } from "../src/server";
import { Client, createSession, obj, sleep, startReceiver, str, waitFor, type Receiver } from "./helpers";

const RETRY_DELAYS_MS = [40, 40, 40];

let sandbox: Sandbox;
let client: Client;
const receivers: Receiver[] = [];

beforeAll(async () => {
  sandbox = await createSandbox({ port: 0, callbackRetryDelaysMs: RETRY_DELAYS_MS });
  client = new Client(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
  await Promise.all(receivers.map((receiver) => receiver.close()));
});

async function receiver(statusFor?: (call: number) => number): Promise<Receiver> {
  const started = await startReceiver(statusFor);
  receivers.push(started);
  return started;
}

async function attemptsFor(sessionId: string) {
  const res = await client.control("GET", `/sandbox/callbacks?session_id=${sessionId}`);
  return obj(res.json).attempts as Record<string, unknown>[];
}

function statusUpdateUrl(base: string) {
  return `${base}/hpp/status?sid={{session_id}}&order={{order_id}}&secret=s3cr3t`;
}

describe("status_update callbacks", () => {
  it("POSTs {event_id, session} with the GET body to the substituted URL on DELETE", async () => {
    const merchant = await receiver();
    const { sessionId, orderId } = await createSession(client, { merchant_urls: { status_update: statusUpdateUrl(merchant.url) } });
    expect((await client.delete(`/hpp/v1/sessions/${sessionId}`)).status).toBe(204);
    await waitFor(() => merchant.received.length === 1);
    const [callback] = merchant.received;
    expect(callback?.url).toBe(`/hpp/status?sid=${sessionId}&order=${orderId}&secret=s3cr3t`);
    expect(str(callback?.body.event_id)).toMatch(/^[0-9a-f-]{36}$/);
    const current = (await client.get(`/hpp/v1/sessions/${sessionId}`)).json;
    expect(callback?.body.session).toEqual(current);
    expect(obj(callback?.body.session).status).toBe("DISABLED");
    await waitFor(async () => (await attemptsFor(sessionId)).length === 1);
    expect(await attemptsFor(sessionId)).toEqual([
      expect.objectContaining({ event_id: callback?.body.event_id, attempt: 1, outcome: "ok", status: "DISABLED" }),
    ]);
  });

  it("fires for pay page and control API changes, one event per change", async () => {
    const merchant = await receiver();
    const { sessionId } = await createSession(client, { merchant_urls: { status_update: statusUpdateUrl(merchant.url) } });
    await client.request("GET", `/pay/${sessionId}`, { auth: false });
    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "MANUAL_ID_CHECK" });
    await client.request("POST", `/pay/${sessionId}`, {
      auth: false,
      body: "action=pay",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    await waitFor(() => merchant.received.length === 3);
    const statuses = merchant.received.map((c) => obj(c.body.session).status);
    expect(new Set(statuses)).toEqual(new Set(["IN_PROGRESS", "MANUAL_ID_CHECK", "COMPLETED"]));
    expect(new Set(merchant.received.map((c) => c.body.event_id)).size).toBe(3);
  });

  it("retries a failing receiver with the same event until a 2xx: fails twice → 3 attempts", async () => {
    const merchant = await receiver((call) => (call <= 2 ? 500 : 204));
    const { sessionId } = await createSession(client, { merchant_urls: { status_update: statusUpdateUrl(merchant.url) } });
    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "IN_PROGRESS" });
    await waitFor(() => merchant.received.length === 3);
    await sleep(RETRY_DELAYS_MS[0]! * 4);
    expect(merchant.received).toHaveLength(3);
    expect(new Set(merchant.received.map((c) => c.body.event_id)).size).toBe(1);
    const attempts = await attemptsFor(sessionId);
    expect(attempts.map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "http_500"],
      [2, "http_500"],
      [3, "ok"],
    ]);
    const gap = merchant.received[1]!.at - merchant.received[0]!.at;
    expect(gap).toBeGreaterThanOrEqual(RETRY_DELAYS_MS[0]! - 5);
  });

  it("gives up after exactly 4 attempts when the receiver always fails", async () => {
    const merchant = await receiver(() => 503);
    const { sessionId } = await createSession(client, { merchant_urls: { status_update: statusUpdateUrl(merchant.url) } });
    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "ERROR" });
    await waitFor(() => merchant.received.length === 4);
    await sleep(RETRY_DELAYS_MS[0]! * 6);
    expect(merchant.received).toHaveLength(4);
    expect((await attemptsFor(sessionId)).map((a) => [a.attempt, a.outcome])).toEqual([
      [1, "http_503"],
      [2, "http_503"],
      [3, "http_503"],
      [4, "http_503"],
    ]);
  });

  it("counts a receiver slower than the callback timeout as a timeout, and gives up after 4 attempts", async () => {
    const own = await createSandbox({ port: 0, callbackRetryDelaysMs: [10, 10, 10], callbackTimeoutMs: 100 });
    const ownClient = new Client(own.url);
    const hanging = await startReceiver(() => 200, 1_000);
    receivers.push(hanging);
    try {
      const { sessionId } = await createSession(ownClient, { merchant_urls: { status_update: `${hanging.url}/cb` } });
      await ownClient.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "IN_PROGRESS" });
      const attempts = async () => obj((await ownClient.control("GET", `/sandbox/callbacks?session_id=${sessionId}`)).json).attempts as Record<string, unknown>[];
      await waitFor(async () => (await attempts()).length === 4, 5_000);
      await sleep(300);
      expect((await attempts()).map((a) => [a.attempt, a.outcome])).toEqual([
        [1, "timeout"],
        [2, "timeout"],
        [3, "timeout"],
        [4, "timeout"],
      ]);
      expect(hanging.received).toHaveLength(4);
    } finally {
      await own.close();
    }
  });

  it("times an attempt out after 3 seconds by default", async () => {
    const own = await createSandbox({ port: 0, callbackRetryDelaysMs: [60_000] });
    const ownClient = new Client(own.url);
    const hanging = await startReceiver(() => 200, 5_000);
    receivers.push(hanging);
    try {
      const { sessionId } = await createSession(ownClient, { merchant_urls: { status_update: `${hanging.url}/cb` } });
      const started = Date.now();
      await ownClient.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "IN_PROGRESS" });
      const attempts = async () => obj((await ownClient.control("GET", `/sandbox/callbacks?session_id=${sessionId}`)).json).attempts as Record<string, unknown>[];
      await waitFor(async () => (await attempts()).length === 1, 4_500);
      const elapsed = Date.now() - started;
      expect(elapsed).toBeGreaterThanOrEqual(2_900);
      expect(elapsed).toBeLessThan(4_000);
      expect((await attempts())[0]).toMatchObject({ attempt: 1, outcome: "timeout" });
    } finally {
      await own.close();
    }
  });

  it("records network errors when nothing listens", async () => {
    const gone = await startReceiver();
    await gone.close();
    const { sessionId } = await createSession(client, { merchant_urls: { status_update: `${gone.url}/cb` } });
    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "BACK" });
    await waitFor(async () => (await attemptsFor(sessionId)).length === 4);
    expect((await attemptsFor(sessionId)).every((a) => a.outcome === "network_error")).toBe(true);
  });

  it("never delays the API response while the receiver is slow", async () => {
    const slow = await startReceiver(() => 200, 1_500);
    receivers.push(slow);
    const { sessionId } = await createSession(client, { merchant_urls: { status_update: `${slow.url}/slow` } });
    const started = Date.now();
    expect((await client.delete(`/hpp/v1/sessions/${sessionId}`)).status).toBe(204);
    expect(Date.now() - started).toBeLessThan(500);
    await waitFor(() => slow.received.length === 1);
  });

  it("sends nothing for a session without status_update", async () => {
    const { sessionId } = await createSession(client);
    await client.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "IN_PROGRESS" });
    await sleep(50);
    expect(await attemptsFor(sessionId)).toEqual([]);
  });

  it("close() drops pending retries so the process can exit", async () => {
    const merchant = await receiver(() => 500);
    const own = await createSandbox({ port: 0, callbackRetryDelaysMs: [60_000] });
    const ownClient = new Client(own.url);
    const { sessionId } = await createSession(ownClient, { merchant_urls: { status_update: `${merchant.url}/cb` } });
    await ownClient.control("POST", `/sandbox/sessions/${sessionId}/status`, { status: "IN_PROGRESS" });
    await waitFor(() => merchant.received.length === 1);
    const started = Date.now();
    await own.close();
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
