import { randomBytes } from "node:crypto";
import pg from "pg";

// Throwaway PostgreSQL databases (shadow, scratch, tests). The tool creates and drops them
// itself rather than letting PrismaPg.connectToShadowDb do it: that one drops the database
// while its own pool is still connected and fails (quirk 6 in README.md).

export const defaultServerUrl = "postgresql://postgres@127.0.0.1:5432/postgres";

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${encodeURIComponent(database)}`;
  return u.toString();
}

export function databaseName(url: string): string {
  return decodeURIComponent(new URL(url).pathname.replace(/^\//, ""));
}

export function randomDatabaseName(prefix: string): string {
  return `${prefix}_${randomBytes(6).toString("hex")}`;
}

function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

async function onServer<T>(serverUrl: string, fn: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

/** Creates an empty database (or a copy of `template`) on the server and returns its URL. */
export async function createDatabase(serverUrl: string, name: string, template?: string): Promise<string> {
  const sql = `CREATE DATABASE ${quoteIdent(name)}${template ? ` TEMPLATE ${quoteIdent(template)}` : ""}`;
  await onServer(serverUrl, (c) => c.query(sql));
  return withDatabase(serverUrl, name);
}

/** Drops a database this process created; FORCE ends connections a pool may still hold. */
export async function dropDatabase(serverUrl: string, name: string): Promise<void> {
  await onServer(serverUrl, (c) => c.query(`DROP DATABASE IF EXISTS ${quoteIdent(name)} WITH (FORCE)`));
}

export async function listDatabases(serverUrl: string, prefix: string): Promise<string[]> {
  return onServer(serverUrl, async (c) => {
    const like = `${prefix.replace(/[\\%_]/g, "\\$&")}%`;
    const res = await c.query<{ datname: string }>("SELECT datname FROM pg_database WHERE datname LIKE $1", [
      like,
    ]);
    return res.rows.map((r) => r.datname);
  });
}
