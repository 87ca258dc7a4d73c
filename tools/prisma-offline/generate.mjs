// `npm run db:generate` (and postinstall): generates both Prisma clients into lib/generated.
// Plain JavaScript so it runs during `npm ci` before anything else is set up.
//
// Prisma 7.10's CLI downloads a native schema engine before `generate`, which fails offline;
// it skips the download when PRISMA_SCHEMA_ENGINE_BINARY names an existing file, and generate
// itself only needs the WebAssembly it ships. So unless the caller set the variable (a real
// engine), it points at a stub that fails loudly if anything does try to use it.
import { spawnSync } from "node:child_process";
import { createRequire } from "node:module";
import path from "node:path";
import { fileURLToPath } from "node:url";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
const require = createRequire(import.meta.url);

let cli;
try {
  cli = path.join(path.dirname(require.resolve("prisma/package.json", { paths: [root] })), "build/index.js");
} catch {
  // `npm ci --omit=dev` has no Prisma CLI; generated clients must come from the build step.
  console.warn(
    "db:generate: the prisma CLI is not installed (production install?); skipping client generation",
  );
  process.exit(0);
}

const env = { ...process.env };
env.PRISMA_SCHEMA_ENGINE_BINARY ||= path.join(root, "tools/prisma-offline/schema-engine-stub.sh");
env.PRISMA_HIDE_UPDATE_MESSAGE = "1";

for (const config of ["prisma.config.ts", "prisma/postgres/prisma.config.ts"]) {
  const run = spawnSync(process.execPath, [cli, "generate", "--config", config], {
    cwd: root,
    env,
    stdio: "inherit",
  });
  if (run.status !== 0) process.exit(run.status ?? 1);
}
