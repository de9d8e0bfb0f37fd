import fc from "fast-check";
import { afterAll, beforeAll, expect, it } from "vitest";
import type { OrderLineInput } from "@/lib/domain/order-lines";
import { SandboxControl, kustomClient, sessionInput, startSandbox, type RunningSandbox } from "../support/sandbox";

let sandbox: RunningSandbox;
let control: SandboxControl;

beforeAll(async () => {
  sandbox = await startSandbox();
  control = new SandboxControl(sandbox.url);
});

afterAll(async () => {
  await sandbox.close();
});

/** The Checkout API's ceiling for unit_price and total_amount, in minor units. */
const MAX_AMOUNT = 100_000_000;

const taxRate = fc.oneof(fc.constantFrom(0, 600, 1200, 2500, 1950, 10_000), fc.integer({ min: 0, max: 10_000 }));

const quantity = fc.oneof(
  fc.constantFrom(0, 1),
  fc.integer({ min: 2, max: 20 }),
  fc.integer({ min: 1_000, max: 100_000 }),
);

const line: fc.Arbitrary<OrderLineInput> = fc
  .record({
    name: fc.string({ minLength: 1, maxLength: 40 }).filter((s) => s.trim().length > 0),
    quantity,
    priceShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    taxRate,
    discountShare: fc.oneof(fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })),
    withDiscount: fc.boolean(),
    reference: fc.option(fc.string({ maxLength: 20 }), { nil: undefined }),
  })
  .map(({ priceShare, discountShare, withDiscount, reference, ...rest }) => {
    // Up to the ceiling itself: large amounts at any quantity, total_amount never above it.
    const unitPrice = Math.floor((MAX_AMOUNT / Math.max(rest.quantity, 1)) * priceShare);
    const gross = rest.quantity * unitPrice;
    return {
      ...rest,
      unitPrice,
      ...(withDiscount && { discount: Math.floor(gross * discountShare) }),
      ...(reference !== undefined && { reference }),
    };
  });

/**
 * Goods lines plus up to two discount lines (negative unit price), each taking part of one goods line's total
 * at that line's tax rate, as a discount on those goods would. So no tax rate's tax turns negative; the
 * contract's order_tax_amount has minimum 0.
 */
const order: fc.Arbitrary<OrderLineInput[]> = fc
  .tuple(
    fc.array(line, { minLength: 1, maxLength: 8 }),
    fc.array(fc.record({ target: fc.nat(), share: fc.double({ min: 0, max: 1, noNaN: true }) }), { maxLength: 2 }),
  )
  .map(([goods, discounts]) => {
    // One discount per goods line at most: two rounded taxes could exceed the line's own by one.
    const targets = [...new Set(discounts.map(({ target }) => target % goods.length))];
    const discountLines = targets.map((target, index) => {
      const goodsLine = goods[target]!;
      const goodsTotal = goodsLine.quantity * goodsLine.unitPrice - (goodsLine.discount ?? 0);
      return {
        name: `Discount ${index + 1}`,
        quantity: 1,
        unitPrice: -Math.floor(goodsTotal * discounts[index]!.share),
        taxRate: goodsLine.taxRate,
      };
    });
    return [...goods, ...discountLines];
  });

it("every generated order is accepted by the Checkout API with the amounts from priceOrder", async () => {
  const client = kustomClient(sandbox.url);
  let run = 0;
  await fc.assert(
    fc.asyncProperty(order, async (lines) => {
      run += 1;
      const order = await client.createOrder(
        { merchantReference: `prop-${run}`, purchaseCountry: "SE", currency: "SEK", locale: "sv-SE", lines, merchantUrls: sessionInput().merchantUrls.order },
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
