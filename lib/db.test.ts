import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, databaseKind, sqliteFilePath } from "./db";
import { freshDatabase, testDbKind, type TestDatabase } from "./test/db";

// Runs on SQLite by default and on PostgreSQL with TEST_DB=postgres (CI does both).

describe(`database (${testDbKind()})`, () => {
  let t: TestDatabase;
  beforeAll(async () => {
    t = await freshDatabase();
  });
  afterAll(() => t?.cleanup());

  it("gives a migrated database of the selected kind", async () => {
    expect(databaseKind(t.url)).toBe(testDbKind());
    const applied = await t.db.$queryRawUnsafe<{ migration_name: string }[]>(
      `SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL ORDER BY migration_name`,
    );
    expect(applied.map((r) => r.migration_name)).toContainEqual(expect.stringMatching(/_baseline$/));
  });

  it("stores a member and reads it back", async () => {
    const created = await t.db.member.create({
      data: { email: "sally@example.com", name: "Sally", role: "admin" },
    });
    const read = await t.db.member.findUnique({ where: { email: "sally@example.com" } });
    expect(read).toMatchObject({ id: created.id, name: "Sally", role: "admin", disabled: false });
    expect(read?.createdAt).toBeInstanceOf(Date);
    await expect(t.db.member.create({ data: { email: "sally@example.com" } })).rejects.toMatchObject({
      code: "P2002",
    });
  });

  it("keeps JSON and relations intact", async () => {
    const template = await t.db.policyTemplate.create({
      data: {
        name: "s3-read",
        versions: {
          create: {
            number: 1,
            parameters: [{ name: "Bucket" }],
            document: "{}",
            createdBy: "sally@example.com",
          },
        },
      },
      include: { versions: true },
    });
    expect(template.versions[0].parameters).toEqual([{ name: "Bucket" }]);
    await t.db.policyTemplate.delete({ where: { id: template.id } });
    expect(await t.db.policyTemplateVersion.count()).toBe(0); // onDelete: Cascade
  });

  it("gives every caller its own database", async () => {
    const other = await freshDatabase();
    try {
      expect(other.url).not.toBe(t.url);
      expect(await other.db.member.count()).toBe(0);
    } finally {
      await other.cleanup();
    }
  });

  it.runIf(testDbKind() === "sqlite")("opens SQLite in WAL mode", async () => {
    const [mode] = await t.db.$queryRawUnsafe<{ journal_mode: string }[]>("PRAGMA journal_mode");
    expect(mode.journal_mode).toBe("wal");
  });
});

describe("createDb", () => {
  it("rejects a URL that is neither SQLite nor PostgreSQL", () => {
    expect(() => createDb("mysql://root@localhost/gatehouse")).toThrow(/file:.*postgresql/);
  });

  it("resolves SQLite paths the way Prisma does", () => {
    expect(sqliteFilePath("file:/tmp/x.db")).toBe("/tmp/x.db");
    expect(sqliteFilePath("file:///tmp/x.db")).toBe("/tmp/x.db");
    expect(sqliteFilePath("file:./.data/gatehouse.db?connection_limit=1")).toBe(
      `${process.cwd()}/.data/gatehouse.db`,
    );
  });
});
