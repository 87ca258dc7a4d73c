import { execFileSync } from "node:child_process";
import path from "node:path";

const root = path.resolve(__dirname, "../..");

/** Runs a setup task against the e2e stack's database (see db-task.ts). */
export function dbTask(task: string, ...args: string[]) {
  execFileSync(path.join(root, "node_modules/.bin/tsx"), ["e2e/support/db-task.ts", task, ...args], {
    cwd: root,
    stdio: "inherit",
  });
}
