import { randomBytes } from "node:crypto";
import {
  chmodSync,
  closeSync,
  existsSync,
  lstatSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";

// What Gatehouse keeps on disk (.data/: the SQLite database with member hashes and the audit
// log, the auth secret, the audit key and anchor, the sandbox's state with its secrets) is for
// the user running it alone: directories 0700, files 0600, whatever the umask says. No
// "server-only": the demo, the sandbox and the migration tool use it too.

const PRIVATE_DIR_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;

/** Creates `dir` (and missing parents) as 0700. An existing directory is left as it is: it may be shared (/tmp). */
export function ensurePrivateDir(dir: string): void {
  if (!existsSync(dir)) mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
}

/** Creates `file` empty as 0600 if it does not exist (so whoever opens it next inherits 0600), and makes an existing one 0600. */
export function ensurePrivateFile(file: string): void {
  ensurePrivateDir(path.dirname(file));
  closeSync(openSync(file, "a", PRIVATE_FILE_MODE));
  chmodSync(file, PRIVATE_FILE_MODE);
}

/** Makes an existing file 0600; nothing if it does not exist. */
export function tightenFile(file: string): void {
  if (existsSync(file)) chmodSync(file, PRIVATE_FILE_MODE);
}

/**
 * A data directory made before this rule (0755, files 0644): the directory and everything
 * below it become 0700 / 0600. Symbolic links are not followed. Run at start.
 */
export function tightenPrivateDir(dir: string): void {
  if (!existsSync(dir)) return;
  const walk = (p: string) => {
    const st = lstatSync(p);
    if (st.isSymbolicLink()) return;
    if (st.isDirectory()) {
      chmodSync(p, PRIVATE_DIR_MODE);
      for (const name of readdirSync(p)) walk(path.join(p, name));
    } else if (st.isFile()) chmodSync(p, PRIVATE_FILE_MODE);
  };
  walk(dir);
}

/** The data directory of a checkout: `.data` under the working directory. */
export const defaultDataDir = () => path.resolve(".data");

/** A random secret kept in `file` (0600): generated on first use, the same afterwards (demo auth secret, development audit key). */
export function secretFile(file: string): string {
  ensurePrivateDir(path.dirname(file));
  if (!existsSync(file))
    writeFileSync(file, randomBytes(32).toString("base64url"), { mode: PRIVATE_FILE_MODE, flag: "wx" });
  return readFileSync(file, "utf8").trim();
}
