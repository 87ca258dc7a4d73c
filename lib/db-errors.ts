// Errors that mean "the database is not there", as opposed to a bug in a query.
export function isDatabaseUnavailable(e: unknown): boolean {
  const err = e as { code?: string; name?: string; message?: string; cause?: unknown };
  if (!err) return false;
  if (
    ["P1001", "P1002", "P1003", "P1017", "ECONNREFUSED", "SQLITE_CANTOPEN", "3D000", "57P03"].includes(
      String(err.code),
    )
  )
    return true;
  if (err.name === "PrismaClientInitializationError" || err.name === "DriverAdapterError")
    return /connect|database|open|refused/i.test(String(err.message));
  if (/ECONNREFUSED|unable to open database|Can't reach database|does not exist/i.test(String(err.message)))
    return true;
  return err.cause ? isDatabaseUnavailable(err.cause) : false;
}
