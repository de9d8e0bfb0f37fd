import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { OrderLineInput } from "@/lib/orders/lines";
import { SandboxControl, kustomClient, startSandbox, type RunningSandbox } from "../support/sandbox";

let sandbox: RunningSandbox;
let control: SandboxControl;

beforeAll(async () => {
  sandbox = await startSandbox();
  control = new SandboxControl(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

const line: fc.Arbitrary<OrderLineInput> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
    quantity: fc.integer({ min: 1, max: 20 }),
    unitPrice: fc.integer({ min: 0, max: 1_000_000 }),
    taxRate: fc.oneof(fc.constantFrom(0, 600, 1200, 2500, 1950), fc.integer({ min: 0, max: 10_000 })),
    discountShare: fc.double({ min: 0, max: 1, noNaN: true }),
    withDiscount: fc.boolean(),
    reference: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  })
  .map(({ discountShare, withDiscount, reference, ...rest }) => {
    const gross = rest.quantity * rest.unitPrice;
    return {
      ...rest,
      ...(withDiscount && { discount: Math.floor(gross * discountShare) }),
      ...(reference !== undefined && { reference }),
    };
  });

it("every generated order is accepted by the Checkout API with the amounts from priceOrder", async () => {
  const client = kustomClient(sandbox.url);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(fc.array(line, { minLength: 1, maxLength: 8 }), async (lines) => {
      run += 1;
      const order = await client.createOrder(
        { merchantReference: `prop-${run}`, purchaseCountry: "SE", currency: "SEK", locale: "sv-SE", lines },
        `prop-${process.pid}-${run}`,
      );
      expect(order.status).toBe("checkout_incomplete");
      expect(order.orderUrl).toBe(`${sandbox.url}/checkout/v3/orders/${order.orderId}`);
    }),
    { numRuns: 1_000 },
  );
  expect(run).toBeGreaterThanOrEqual(1_000);
  const statuses = (await control.requests("createOrderMerchant")).map((r) => r.status);
  expect(statuses).toHaveLength(run);
  expect(statuses.every((s) => s === 201)).toBe(true);
});
