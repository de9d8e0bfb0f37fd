import { afterAll, beforeAll, expect, it } from "vitest";
import { KustomHppProvider, PlatformHppProvider, providerFor } from "@/lib/hpp";
import { SandboxControl, sessionInput, startSandbox, type RunningSandbox } from "../support/sandbox";

let sandbox: RunningSandbox;
let control: SandboxControl;

beforeAll(async () => {
  sandbox = await startSandbox();
  control = new SandboxControl(sandbox.url);
  // env() validates once per process; vitest runs each file in its own worker.
  process.env.KUSTOM_API_URL = sandbox.url;
  process.env.PLATFORM_API_URL = sandbox.url;
  process.env.PORTAL_PUBLIC_URL = "http://127.0.0.1:9";
});

afterAll(async () => {
  await sandbox.close();
});

it("builds each provider from the environment once and reuses it", async () => {
  const kustom = providerFor("KUSTOM");
  const platform = providerFor("PAYMENT_PLATFORM");
  expect(kustom).toBeInstanceOf(KustomHppProvider);
  expect(platform).toBeInstanceOf(PlatformHppProvider);
  expect(providerFor("KUSTOM")).toBe(kustom);
  expect(providerFor("PAYMENT_PLATFORM")).toBe(platform);
  expect(kustom.capabilities.distribution).toEqual(["sms", "email", "token"]);

  const created = await kustom.createSession(sessionInput());
  expect(created.redirectUrl.startsWith(sandbox.url)).toBe(true);

  // The memoised platform client keeps its token across calls.
  await platform.createSession(sessionInput());
  await providerFor("PAYMENT_PLATFORM").createSession(sessionInput());
  expect(await control.requests("platformToken")).toHaveLength(1);

  const [order] = await control.requests("createOrderMerchant");
  expect(order?.status).toBe(201);
});
