import { performance } from "node:perf_hooks";
import { createDb } from "@/lib/db";
import { exportHistoryCsv } from "@/lib/payment-links/history/export";
import { EMPTY_HISTORY_PARAMS } from "@/lib/payment-links/history/params";
const db = createDb(process.env.PROBE_URL!, { poolSize: 4 });
const u = await db.user.findUniqueOrThrow({ where: { email: "admin@demo.test" } });
const admin = { userId: u.id, email: u.email, name: u.name, role: u.role, storeId: null, storeName: null };
const [edge] = await db.paymentSession.findMany({ orderBy: [{ createdAt: "desc" }, { id: "desc" }], skip: 99_999, take: 1, select: { createdAt: true } });
for (let r = 0; r < 3; r++) {
  const start = performance.now(); let lines = 0;
  const reader = (await exportHistoryCsv(admin as any, { ...EMPTY_HISTORY_PARAMS, from: edge!.createdAt.toISOString().slice(0, 10) }, db)).getReader();
  for (;;) { const { done, value } = await reader.read(); if (done) break; for (let at = value.indexOf(10); at !== -1; at = value.indexOf(10, at + 1)) lines++; }
  const s = (performance.now() - start) / 1000;
  console.log(`${lines - 1} rows in ${s.toFixed(2)} s = ${Math.round((lines - 1) / s)} rows/s`);
}
await db.$disconnect();
