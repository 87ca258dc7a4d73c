import path from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import Database from "better-sqlite3";
import { env } from "./env";
import { ensurePrivateFile, tightenFile } from "./private-files";
import { PrismaClient as PostgresClient } from "./generated/postgres/client";
import { Prisma, PrismaClient as SqliteClient } from "./generated/sqlite/client";

// The one Prisma client of the app. DATABASE_URL picks the database: `file:` is the embedded
// SQLite file, `postgresql://` a PostgreSQL server. Both generated clients come from the same
// model (prisma/postgres/schema.prisma is generated from prisma/schema.prisma), so callers see
// one type, Db, whichever database is behind it.

export type DatabaseKind = "sqlite" | "postgresql";

export function databaseKind(url: string): DatabaseKind {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error("DATABASE_URL must start with file: (SQLite) or postgresql:// (PostgreSQL)");
}

/**
 * Absolute path of a `file:` URL. Relative paths are relative to the working directory, as in
 * Prisma; the migration tool uses this too, so `npm run db:migrate` and the app open one file.
 */
export function sqliteFilePath(url: string): string {
  const withoutScheme = url.slice("file:".length).replace(/\?.*$/, "");
  // file:///abs and file:/abs are absolute; file:./x and file:x are relative.
  return path.resolve(withoutScheme.startsWith("//") ? withoutScheme.slice(2) : withoutScheme);
}

/**
 * Writes SQL NULL into a nullable Json column (a plain `null` is refused there). One value for
 * both clients: it is the shared Prisma runtime's.
 */
export const DbNull = Prisma.DbNull;

/** The Prisma client type the app codes against (the SQLite client's; PostgreSQL's has the same model API). */
export type Db = SqliteClient;

// The model types, for domain code: import them from here, never from lib/generated (lint enforces it).
export type {
  Approval,
  AwsAccount,
  AuditEvent,
  ChangeRequest,
  ChangeStep,
  DriftFinding,
  Employee,
  JobRole,
  Member,
  MemberSession,
  PolicyTemplate,
  PolicyTemplateVersion,
  ReviewCampaign,
  ReviewDecision,
  Setting,
  SignInThrottle,
  SyncSnapshot,
  UnknownSignInTally,
} from "./generated/sqlite/client";

function sqliteDb(url: string): Db {
  const file = sqliteFilePath(url);
  // Member hashes and the audit log live here: 0600 (SQLite gives its -wal/-shm the file's mode).
  ensurePrivateFile(file);
  for (const extra of [`${file}-wal`, `${file}-shm`, `${file}-journal`]) tightenFile(extra);
  // WAL lets readers (pages) proceed while a writer (executor, audit) commits. The mode is
  // stored in the file, so setting it once on open is enough.
  const setup = new Database(file);
  try {
    setup.pragma("journal_mode = WAL");
  } finally {
    setup.close();
  }
  // timeout = SQLite busy timeout: wait for a competing writer instead of failing SQLITE_BUSY.
  return new SqliteClient({ adapter: new PrismaBetterSqlite3({ url: file, timeout: 5_000 }) });
}

function postgresDb(url: string): Db {
  const client = new PostgresClient({ adapter: new PrismaPg({ connectionString: url }) });
  // The one cast: the two generated clients declare the same models, but TypeScript sees two
  // unrelated classes (provider-specific extras such as `mode: "insensitive"` differ). Code
  // that needs a PostgreSQL-only feature must not rely on Db for it.
  return client as Db;
}

/** A new client for `url` (tests, scripts). The caller disconnects it. */
export function createDb(url: string): Db {
  return databaseKind(url) === "sqlite" ? sqliteDb(url) : postgresDb(url);
}

// Next.js dev re-evaluates modules on every change; keeping the client on globalThis stops
// each reload from opening another pool or file handle.
const holder = globalThis as typeof globalThis & { __gatehouseDb?: { url: string; client: Db } };

/** The app's client for env().DATABASE_URL, created on first use. */
export function db(): Db {
  const url = env().DATABASE_URL;
  if (holder.__gatehouseDb?.url !== url) holder.__gatehouseDb = { url, client: createDb(url) };
  return holder.__gatehouseDb.client;
}
