import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import path from "node:path";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SchemaEngine, SchemaFilter } from "@prisma/schema-engine-wasm";
import type { EngineAdapterFactory } from "./adapters";

// Prisma's schema engine compiled to WebAssembly, driven through a driver adapter. The 7.10
// CLI ships this engine but never loads it and insists on downloading a native binary instead,
// which is impossible offline; this module does what the CLI would do.

type Runtime = typeof import("@prisma/schema-engine-wasm/schema_engine_bg");

let runtime: Promise<Runtime> | undefined;
let lastPanic: string | undefined;
// The engine arms timeouts (60 s) around its work and never clears them; left alone they keep
// a finished process alive for a minute. They are released once the engine is closed.
const engineTimers = new Set<NodeJS.Timeout>();

async function loadRuntime(): Promise<Runtime> {
  // Panics arrive here instead of as an opaque "unreachable" trap.
  (globalThis as { PRISMA_WASM_PANIC_REGISTRY?: unknown }).PRISMA_WASM_PANIC_REGISTRY = {
    set_message(message: string) {
      lastPanic = message;
    },
  };
  const bg: Runtime = await import("@prisma/schema-engine-wasm/schema_engine_bg");
  const require = createRequire(import.meta.url);
  const dir = path.dirname(require.resolve("@prisma/schema-engine-wasm/schema_engine_bg"));
  const wasmModule = await WebAssembly.compile(await readFile(path.join(dir, "schema_engine_bg.wasm")));
  const imports: WebAssembly.ModuleImports = { ...(bg as unknown as WebAssembly.ModuleImports) };
  for (const [name, fn] of Object.entries(imports)) {
    if (!name.startsWith("__wbg_setTimeout_") || typeof fn !== "function") continue;
    imports[name] = (...args: unknown[]) => {
      const timer = fn(...args) as NodeJS.Timeout;
      engineTimers.add(timer);
      return timer;
    };
  }
  const instance = await WebAssembly.instantiate(wasmModule, { "./schema_engine_bg.js": imports });
  bg.__wbg_set_wasm(instance.exports);
  (instance.exports.__wbindgen_start as () => void)();
  return bg;
}

export const noFilters: SchemaFilter = { externalTables: [], externalEnums: [] };

export interface SchemaFile {
  path: string;
  content: string;
}

export interface OpenEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes every connection it opened (shadow databases are dropped). */
  close(): Promise<void>;
}

export async function openEngine(schema: SchemaFile, adapter: EngineAdapterFactory): Promise<OpenEngine> {
  runtime ??= loadRuntime();
  const bg = await runtime;
  const debug = process.env.DEBUG?.includes("prisma")
    ? (m: string) => console.error("[schema-engine]", m)
    : () => {};
  let engine: SchemaEngine;
  try {
    engine = await bg.SchemaEngine.new(
      { datamodels: [[schema.path, schema.content]] },
      debug,
      bindMigrationAwareSqlAdapterFactory(adapter),
    );
  } catch (e) {
    await adapter.close();
    throw engineError(e);
  }
  return {
    engine,
    async close() {
      engine.free();
      for (const timer of engineTimers) timer.unref();
      engineTimers.clear();
      await adapter.close();
    },
  };
}

/** Engine errors are plain objects or strings; this turns them into an Error with the message. */
function engineError(e: unknown): Error {
  if (e instanceof Error) return withPanic(e);
  const o = e as { message?: string; error_code?: string; code?: string; meta?: unknown } | string;
  if (typeof o === "string") return withPanic(new Error(o));
  const code = o?.error_code ?? o?.code;
  return withPanic(new Error(`${code ? `${code}: ` : ""}${o?.message ?? JSON.stringify(e)}`));
}

function withPanic(e: Error): Error {
  if (lastPanic) {
    e.message += `\n(schema engine panic: ${lastPanic})`;
    lastPanic = undefined;
  }
  return e;
}

/** Runs one engine call and rethrows its failure as a readable Error. */
export async function call<T>(p: Promise<T>): Promise<T> {
  try {
    return await p;
  } catch (e) {
    throw engineError(e);
  }
}
