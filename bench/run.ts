/**
 * Benchmarks: print figures, assert nothing. `npm run bench`.
 * - order pricing and form validation throughput (pure CPU);
 * - create-and-send latency through the real service, HTTP sandbox and embedded PostgreSQL,
 *   sequential and 10 at once, plus the status-update round trip.
 */
import { randomUUID } from "node:crypto";
import { performance } from "node:perf_hooks";
import { priceOrder } from "@/lib/domain/order-lines";
import { createPaymentLink } from "@/lib/payment-links/create";
import { paymentLinkFormSchema } from "@/lib/validation/payment-link";
import { createPgliteDatabase } from "@/tests/support/database";
import { createStoreWithStaff } from "@/tests/support/fixtures";
import { actorOf, eventually, formValues, startHarness, storeOf } from "@/tests/sessions/harness";

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;
}

function report(name: string, samples: number[]) {
  const sorted = [...samples].sort((a, b) => a - b);
  console.log(
    `${name.padEnd(44)} n=${String(samples.length).padStart(5)}  p50=${percentile(sorted, 50).toFixed(2)} ms  p95=${percentile(sorted, 95).toFixed(2)} ms  max=${sorted.at(-1)!.toFixed(2)} ms`,
  );
}

function throughput(name: string, iterations: number, fn: (i: number) => void) {
  const start = performance.now();
  for (let i = 0; i < iterations; i++) fn(i);
  const ms = performance.now() - start;
  console.log(`${name.padEnd(44)} ${Math.round((iterations / ms) * 1000).toLocaleString("en")} ops/s`);
}

const lines = Array.from({ length: 1000 }, (_, i) => ({ name: `Item ${i}`, quantity: (i % 7) + 1, unitPrice: 1_999 + i, taxRate: [0, 600, 1200, 2500][i % 4]! }));
throughput("priceOrder, 1,000-line order", 2_000, () => priceOrder(lines));

const schema = paymentLinkFormSchema({ currency: "SEK", locale: "sv-SE" });
const raw = {
  idempotencyKey: randomUUID(),
  lines: [{ name: "Desk lamp", quantity: "2", unitPrice: "349,50", taxRatePercent: "25" }],
  customerName: "Anna Andersson",
  phone: "070-123 45 67",
  phoneCountry: "SE",
  email: "anna@example.com",
  channel: "sms",
};
if (!schema.safeParse(raw).success) throw new Error("benchmark form input does not validate");
throughput("payment-link form validation", 5_000, () => schema.safeParse(raw));

const rssBefore = process.memoryUsage().rss;
const t = await createPgliteDatabase();
const harness = await startHarness(t.db);
const staff = await createStoreWithStaff(t.db);
const agent = actorOf(staff.agent);
const store = storeOf(staff.store);

const sequential: number[] = [];
for (let i = 0; i < 50; i++) {
  const start = performance.now();
  await createPaymentLink(harness.deps, agent, store, formValues());
  sequential.push(performance.now() - start);
}
report("create + send SMS, sequential", sequential);

const concurrent: number[] = [];
for (let round = 0; round < 5; round++) {
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      const start = performance.now();
      await createPaymentLink(harness.deps, agent, store, formValues());
      concurrent.push(performance.now() - start);
    }),
  );
}
report("create + send SMS, 10 at once", concurrent);

const roundTrips: number[] = [];
for (let i = 0; i < 20; i++) {
  const { linkId: sessionId } = await createPaymentLink(harness.deps, agent, store, formValues({ channel: "link", customer: {} }));
  const { providerSessionId } = await t.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId } });
  const start = performance.now();
  await harness.control.setStatus(providerSessionId!, "COMPLETED");
  await eventually(
    () => t.db.paymentSession.findUniqueOrThrow({ where: { id: sessionId }, select: { status: true } }),
    (s) => s.status === "COMPLETED",
  );
  roundTrips.push(performance.now() - start);
}
report("paid at provider → Completed in database", roundTrips);
console.log(`${"RSS growth over the service benchmarks".padEnd(44)} ${((process.memoryUsage().rss - rssBefore) / 1024 / 1024).toFixed(1)} MiB`);

await harness.close();
await t.drop();
