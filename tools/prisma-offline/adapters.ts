import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
} from "@prisma/driver-adapter-utils";
import pg from "pg";
import { createDatabase, dropDatabase, randomDatabaseName } from "./postgres-admin";

// Driver adapter factories for the WebAssembly schema engine, with the adapter quirks
// (numbered as in README.md, "Engine and adapter quirks") worked around. Every connection handed to
// the engine is tracked so that close() can release it: the engine does not always dispose
// them, and a PostgreSQL pool left open keeps the process alive and its database undroppable.

export interface EngineAdapterFactory extends SqlMigrationAwareDriverAdapterFactory {
  close(): Promise<void>;
}

function delegate(inner: SqlDriverAdapter, overrides: Partial<SqlDriverAdapter>): SqlDriverAdapter {
  let disposed = false;
  const dispose = overrides.dispose ?? (() => inner.dispose());
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    queryRaw: (q) => inner.queryRaw(q),
    executeRaw: (q) => inner.executeRaw(q),
    executeScript: (s) => inner.executeScript(s),
    startTransaction: (level) => inner.startTransaction(level),
    getConnectionInfo: () => inner.getConnectionInfo?.() ?? { supportsRelationJoins: false },
    ...overrides,
    // Idempotent: the engine may dispose a connection that close() will dispose again.
    dispose: async () => {
      if (disposed) return;
      disposed = true;
      await dispose();
    },
  };
}

function tracking(
  base: Pick<SqlMigrationAwareDriverAdapterFactory, "provider" | "adapterName">,
  connect: () => Promise<SqlDriverAdapter>,
  connectToShadowDb: () => Promise<SqlDriverAdapter>,
): EngineAdapterFactory {
  const open: SqlDriverAdapter[] = [];
  const track = async (p: Promise<SqlDriverAdapter>) => {
    const adapter = await p;
    open.push(adapter);
    return adapter;
  };
  return {
    provider: base.provider,
    adapterName: base.adapterName,
    connect: () => track(connect()),
    connectToShadowDb: () => track(connectToShadowDb()),
    async close() {
      const errors: unknown[] = [];
      for (const a of open.splice(0).reverse()) await a.dispose().catch((e: unknown) => errors.push(e));
      if (errors.length) throw errors[0];
    },
  };
}

function mentionsMultipleStatements(e: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (v: unknown): boolean => {
    if (!v || typeof v !== "object" || seen.has(v)) return false;
    seen.add(v);
    const o = v as { message?: unknown; cause?: unknown; originalMessage?: unknown };
    return /more than one statement/i.test(`${o.message ?? ""} ${o.originalMessage ?? ""}`) || walk(o.cause);
  };
  return walk(e);
}

// Quirk 3: the engine sends whole migration scripts through executeRaw, and better-sqlite3
// prepares one statement at a time. Scripts (no parameters) go to executeScript instead.
function sqliteScriptsAsScripts(inner: SqlDriverAdapter): SqlDriverAdapter {
  return delegate(inner, {
    executeRaw: async (q: SqlQuery) => {
      try {
        return await inner.executeRaw(q);
      } catch (e) {
        if (q.args.length > 0 || !mentionsMultipleStatements(e)) throw e;
        await inner.executeScript(q.sql);
        return 0;
      }
    },
  });
}

/** SQLite file at `filePath`; the shadow database is in memory (the adapter's default). */
export function sqliteEngineAdapter(filePath: string): EngineAdapterFactory {
  const factory = new PrismaBetterSqlite3({ url: filePath, timeout: 10_000 });
  return tracking(
    factory,
    async () => sqliteScriptsAsScripts(await factory.connect()),
    async () => sqliteScriptsAsScripts(await factory.connectToShadowDb()),
  );
}

const CHAR_OID = 18; // PostgreSQL's internal one-byte "char" (pg_class.relkind, pg_constraint.contype…)
const TEXT_OID = 25;

type QueryFn = (...args: unknown[]) => unknown;

function charAsText(result: unknown): unknown {
  for (const r of Array.isArray(result) ? result : [result]) {
    for (const f of (r as Partial<pg.QueryResult> | undefined)?.fields ?? []) {
      if (f.dataTypeID === CHAR_OID) f.dataTypeID = TEXT_OID;
    }
  }
  return result;
}

// Quirk 5: adapter-pg 7.10 rejects columns of type "char" (OID 18), which the engine's
// introspection queries return. pg already hands their values over as strings, so relabelling
// the column as text is enough. Done on the client class so that pooled and transaction
// queries both pass through it.
class CharAsTextClient extends pg.Client {
  constructor(config?: string | pg.ClientConfig) {
    super(config);
    const query = this.query.bind(this) as QueryFn;
    (this as unknown as { query: QueryFn }).query = (...args: unknown[]) => {
      if (typeof (args[0] as { submit?: unknown } | undefined)?.submit === "function") return query(...args);
      const last = args[args.length - 1];
      if (typeof last === "function") {
        args[args.length - 1] = (err: unknown, res: unknown) => last(err, err ? res : charAsText(res));
        return query(...args);
      }
      return (query(...args) as Promise<unknown>).then(charAsText);
    };
  }
}

// adapter-pg's executeScript splits on ";", which breaks dollar-quoted function bodies
// (triggers). A parameterless query uses the simple protocol, which runs a whole script.
function pgWholeScripts(inner: SqlDriverAdapter, dispose?: () => Promise<void>): SqlDriverAdapter {
  return delegate(inner, {
    executeScript: async (script: string) => {
      await inner.executeRaw({ sql: script, args: [], argTypes: [] });
    },
    ...(dispose ? { dispose } : {}),
  });
}

function pgFactory(url: string): PrismaPg {
  return new PrismaPg({ connectionString: url, Client: CharAsTextClient, max: 4 });
}

/**
 * PostgreSQL database at `url`. Shadow databases are created on `serverUrl` when the engine
 * asks for one and dropped after their pool is closed (quirk 6).
 */
export function postgresEngineAdapter(url: string, serverUrl: string): EngineAdapterFactory {
  const main = pgFactory(url);
  return tracking(
    main,
    async () => pgWholeScripts(await main.connect()),
    async () => {
      const name = randomDatabaseName("gatehouse_shadow");
      const shadowUrl = await createDatabase(serverUrl, name);
      const inner = await pgFactory(shadowUrl).connect();
      return pgWholeScripts(inner, async () => {
        await inner.dispose();
        await dropDatabase(serverUrl, name);
      });
    },
  );
}
