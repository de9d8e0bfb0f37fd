/**
 * The driver adapter Prisma's CLI (migrate, db, studio) uses — never the app's runtime client.
 * Works around two gaps of @prisma/adapter-pg 6.19 when the WASM schema engine reads the
 * PostgreSQL catalog (prisma/orm#27403), and gives `migrate dev` a throw-away shadow database.
 */
import { PrismaPg } from "@prisma/adapter-pg";
import { ColumnTypeEnum, type SqlQuery, type SqlResultSet } from "@prisma/driver-adapter-utils";
import { setTimeout as nodeSetTimeout } from "node:timers";
import pg from "pg";
import { startEmbeddedPostgres } from "./embedded";

// The WASM schema engine arms 10 s timers that keep a finished CLI command alive (trap 4 in the
// offline-stack notes); the sockets of a running query keep the process alive on their own.
globalThis.setTimeout = ((handler: (...args: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = nodeSetTimeout<unknown[]>(handler, ms, ...args);
  if ((ms ?? 0) >= 5_000) timer.unref();
  return timer;
}) as typeof setTimeout;

const OID_CHAR = 18; // "char": the engine needs a Character column; text crashes it ("unreachable")
const OID_NAME = 19; // name: read as text
const OID_TEXT = 25;

type PgField = { dataTypeID: number };
type PgResult = { fields: PgField[]; rows: unknown[] };
type Queryable = {
  performIO(query: SqlQuery): Promise<PgResult>;
  queryRaw(query: SqlQuery): Promise<SqlResultSet>;
};

/**
 * Patches the adapter's queryRaw (shared by connections and transactions) once: catalog columns
 * the adapter cannot type are read as text, then "char" columns are reported as Character.
 */
function patchCatalogTypes(adapter: object): void {
  const proto = Object.getPrototypeOf(Object.getPrototypeOf(adapter)) as Queryable & { __catalogPatched?: true };
  if (proto.__catalogPatched) return;
  const queryRaw = proto.queryRaw;
  proto.queryRaw = async function (this: Queryable, query: SqlQuery) {
    let charColumns: number[] = [];
    const performIO = this.performIO.bind(this);
    const view = Object.create(this, {
      performIO: {
        value: async (q: SqlQuery) => {
          const result = await performIO(q);
          charColumns = [];
          result.fields.forEach((field, index) => {
            if (field.dataTypeID === OID_CHAR) charColumns.push(index);
            if (field.dataTypeID === OID_CHAR || field.dataTypeID === OID_NAME) field.dataTypeID = OID_TEXT;
          });
          return result;
        },
      },
    }) as Queryable;
    const result = await queryRaw.call(view, query);
    for (const index of charColumns) result.columnTypes[index] = ColumnTypeEnum.Character;
    return result;
  };
  proto.__catalogPatched = true;
}

function pool(connectionString: string): pg.Pool {
  // allowExitOnIdle: the CLI never disposes adapters and waits for the event loop to empty.
  const p = new pg.Pool({ connectionString, max: 4, idleTimeoutMillis: 500, allowExitOnIdle: true });
  // An idle connection dropped by the server must not crash the CLI; the next query reconnects.
  p.on("error", () => {});
  return p;
}

class CliAdapterFactory extends PrismaPg {
  constructor(connectionString: string) {
    super(pool(connectionString));
  }

  override async connect() {
    const adapter = await super.connect();
    patchCatalogTypes(adapter);
    return adapter;
  }

  // adapter-pg would create the shadow database on the main server and then reconnect through the
  // same connection string, landing on the main database; an in-memory PGlite is isolated and free.
  override async connectToShadowDb() {
    const shadow = await startEmbeddedPostgres({ dataDir: "memory://" });
    const adapter = await new PrismaPg(pool(shadow.url), { disposeExternalPool: true }).connect();
    patchCatalogTypes(adapter);
    const dispose = adapter.dispose.bind(adapter);
    adapter.dispose = async () => {
      await dispose();
      await shadow.stop();
    };
    return adapter;
  }
}

export function cliAdapterFactory(): CliAdapterFactory {
  const url = process.env.DATABASE_URL;
  if (!url) {
    throw new Error("DATABASE_URL is not set: run Prisma through the npm scripts (npm run db:migrate), which provide it.");
  }
  return new CliAdapterFactory(url);
}
