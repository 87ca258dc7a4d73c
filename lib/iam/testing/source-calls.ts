import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";

// The IAM calls the app's source can make, found by reading it: the app policy's test checks
// the policy grants each, the permission check's test that it simulates each.

const root = path.resolve(__dirname, "../../..");

/** The app's own source: everything but tests, test support, the sandbox and generated code. */
function sourceFiles(dir: string): string[] {
  return readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const rel = path.join(dir, e.name);
    if (e.isDirectory())
      return ["iam-sandbox", "generated", "testing", "test", "node_modules"].includes(e.name)
        ? []
        : sourceFiles(rel);
    return /\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name) ? [rel] : [];
  });
}

/** `iam:<Action>` for each IAM command and paginator a file imports from the SDK, by file. */
export function iamCallsInSource(): { file: string; action: string }[] {
  const calls: { file: string; action: string }[] = [];
  for (const file of [...sourceFiles("lib"), ...sourceFiles("app")]) {
    const text = readFileSync(path.join(root, file), "utf8");
    for (const m of text.matchAll(/import\s*(?:type\s*)?\{([^}]*)\}\s*from\s*"@aws-sdk\/client-iam"/g))
      for (const raw of m[1].split(",")) {
        const name = raw.trim();
        if (name.startsWith("type ")) continue;
        const command = /^(\w+)Command$/.exec(name)?.[1] ?? /^paginate(\w+)$/.exec(name)?.[1];
        if (command) calls.push({ file, action: `iam:${command}` });
      }
  }
  return calls;
}
