import { testDbKind, type TestDatabase } from "@/lib/test/db";

/** A direct write that bypasses the app (and, where present, the append-only triggers): what someone with database access can do. */
export async function tamper(t: TestDatabase, ...statements: string[]) {
  if (testDbKind() === "postgresql") {
    await t.db.$transaction([
      t.db.$executeRawUnsafe(`SET LOCAL session_replication_role = replica`),
      ...statements.map((sql) => t.db.$executeRawUnsafe(sql)),
    ]);
  } else {
    const triggers = await t.db.$queryRawUnsafe<{ name: string; sql: string }[]>(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'AuditEvent'`,
    );
    for (const tr of triggers) await t.db.$executeRawUnsafe(`DROP TRIGGER "${tr.name}"`);
    for (const sql of statements) await t.db.$executeRawUnsafe(sql);
    for (const tr of triggers) await t.db.$executeRawUnsafe(tr.sql);
  }
}
