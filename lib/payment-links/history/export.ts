import "server-only";
import { stringify } from "csv-stringify/sync";
import { recordAudit } from "@/lib/audit/record";
import type { Actor } from "@/lib/auth/authorize";
import { db as defaultDb, type Db } from "@/lib/db";
import { maskEmail, maskPhone } from "@/lib/domain/mask";
import { minorToMajorString } from "@/lib/domain/money";
import { STATUS_LABELS } from "@/lib/domain/statuses";
import { historyQuery, resolveScope } from "./filters";
import { lastChannelLabel } from "./list";
import { filterQuery, type Cursor, type HistoryParams } from "./params";
import { historyTotal, readRows, searchStrategy, type HistoryRecord } from "./rows";

export const EXPORT_COLUMNS = [
  "Created",
  "Reference",
  "Store",
  "Amount",
  "Currency",
  "Status",
  "Paid at",
  "Expires at",
  "Customer name",
  "Phone",
  "Email",
  "Last channel",
  "Created by",
] as const;

/** Rows read per query (two batches are held at most): constant memory whatever the export's size. */
const BATCH_SIZE = 2_000;

function csvRecord(record: HistoryRecord, fullContacts: boolean): string[] {
  return [
    record.createdAt,
    record.merchantReference,
    record.storeName,
    minorToMajorString(record.amount, record.currency),
    record.currency,
    STATUS_LABELS[record.status],
    record.paidAt ?? "",
    record.expiresAt ?? "",
    record.customerName ?? "",
    (fullContacts ? record.customerPhone : maskPhone(record.customerPhone)) ?? "",
    (fullContacts ? record.customerEmail : maskEmail(record.customerEmail)) ?? "",
    lastChannelLabel(record) ?? "",
    record.createdByName,
  ];
}

function csvText(records: string[][], header: boolean): string {
  // escape_formulas: a cell starting with = + - @ (or a tab/CR) gets a leading ' so Excel shows it as text.
  const text = stringify(records, { escape_formulas: true, header, columns: header ? [...EXPORT_COLUMNS] : undefined });
  // A byte-order mark before the header, so Excel reads the file as UTF-8.
  return header ? `\uFEFF${text}` : text;
}

export function exportFileName(now = new Date()): string {
  return `payment-links-${now.toISOString().slice(0, 10)}.csv`;
}

/**
 * Every link the filters select, newest first, as UTF-8 CSV, read in keyset batches as the client
 * pulls. Agents get masked contacts. The export is recorded in the audit log when it ends (or is
 * cancelled), with its filters and the rows sent.
 */
export async function exportHistoryCsv(actor: Actor, params: HistoryParams, db: Db = defaultDb()): Promise<ReadableStream<Uint8Array>> {
  const scope = await resolveScope(db, actor, params.store);
  const query = historyQuery(scope, { ...params, older: null, newer: null });
  const strategy = query.search ? searchStrategy(await historyTotal(db, query)) : "many";
  const fullContacts = actor.role !== "AGENT";
  const encoder = new TextEncoder();
  let rows = 0;
  let recorded = false;

  const record = async (completed: boolean) => {
    if (recorded) return;
    recorded = true;
    await recordAudit(db, {
      actorId: actor.userId,
      action: "sessions.exported",
      targetType: "sessions",
      storeId: scope.storeId,
      detail: { filters: Object.fromEntries(filterQuery(params)), rows, completed, contacts: fullContacts ? "full" : "masked" },
    });
  };

  // The next batch is read while the client takes this one: the database and the CSV writing overlap.
  const read = (after: Cursor | null) => {
    const batch = readRows(db, query, after ? { cursor: after, direction: "older" } : null, BATCH_SIZE, strategy);
    // Handled where it is awaited (pull, cancel); not an unhandled rejection while it waits there.
    batch.catch(() => {});
    return batch;
  };
  let next: Promise<HistoryRecord[]> | null = read(null);
  return new ReadableStream<Uint8Array>(
    {
      async start(controller) {
        controller.enqueue(encoder.encode(csvText([], true)));
      },
      async pull(controller) {
        const batch = await next!;
        const last = batch.at(-1);
        const more = batch.length === BATCH_SIZE;
        next = more && last ? read({ createdAt: last.createdAt, id: last.id }) : null;
        // Let the next read reach the database before this batch's CSV is written.
        if (next) await new Promise((resolve) => setImmediate(resolve));
        if (batch.length > 0) {
          rows += batch.length;
          controller.enqueue(encoder.encode(csvText(batch.map((r) => csvRecord(r, fullContacts)), false)));
        }
        if (!more) {
          await record(true);
          controller.close();
        }
      },
      async cancel() {
        // A read already on its way is left to finish: its rows are not sent.
        await next?.catch(() => {});
        await record(false);
      },
    },
    { highWaterMark: 1 },
  );
}
