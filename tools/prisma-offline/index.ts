// The offline Prisma migration tool's public API (README.md in this folder says why it exists
// and when to delete it). Code outside this folder imports only from here, never a file inside.
//
// The three functions the app's tests and scripts need:
export { migrateDatabase as migrate, resetDatabase } from "./migrate";
export { checkAll as checkMigrations } from "./check";

// Throwaway PostgreSQL databases (plain `pg`, no Prisma): the test harness and the benchmarks create their databases
// the same way the tool creates its shadow databases. If the tool is deleted, move
// postgres-admin.ts to lib/test/.
export {
  createDatabase,
  defaultServerUrl,
  dropDatabase,
  listDatabases,
  randomDatabaseName,
} from "./postgres-admin";
