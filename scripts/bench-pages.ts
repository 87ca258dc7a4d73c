// First-load JavaScript per page of the production build: the runtime's root chunks plus every
// chunk the page's layouts and the page itself load before hydration, gzipped (as served).
// Reads .next only (run `npx next build` first). Target: the review page ≤ 200 kB gzipped.
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const NEXT = path.join(process.cwd(), ".next");
const REVIEW_TARGET_KB = 200;

function manifests(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return manifests(p);
    return e.name === "page_client-reference-manifest.js" ? [p] : [];
  });
}

const gzCache = new Map<string, number>();
function gzipBytes(file: string): number {
  let n = gzCache.get(file);
  if (n === undefined) {
    n = gzipSync(readFileSync(path.join(NEXT, file)), { level: 9 }).length;
    gzCache.set(file, n);
  }
  return n;
}

export function firstLoadByRoute(): Map<string, { files: number; gzipKb: number }> {
  const build = JSON.parse(readFileSync(path.join(NEXT, "build-manifest.json"), "utf8")) as {
    rootMainFiles: string[];
  };
  const out = new Map<string, { files: number; gzipKb: number }>();
  for (const file of manifests(path.join(NEXT, "server", "app"))) {
    const text = readFileSync(file, "utf8");
    // The manifest is a script assigning one JSON object; its entryJSFiles lists, per layout and
    // page on the route, the chunks the browser loads for it.
    const json = JSON.parse(text.slice(text.indexOf("] = ") + 4).replace(/;\s*$/, "")) as {
      entryJSFiles: Record<string, string[]>;
    };
    const files = new Set([...build.rootMainFiles, ...Object.values(json.entryJSFiles).flat()]);
    const route =
      "/" +
      path
        .relative(path.join(NEXT, "server", "app"), path.dirname(file))
        .split(path.sep)
        .filter((s) => !/^\(.*\)$/.test(s))
        .join("/");
    const bytes = [...files].reduce((n, f) => n + gzipBytes(f), 0);
    out.set(route === "/" ? "/" : route.replace(/\/$/, ""), {
      files: files.size,
      gzipKb: Math.round(bytes / 102.4) / 10,
    });
  }
  return out;
}

function main() {
  const routes = [...firstLoadByRoute()].sort(([a], [b]) => a.localeCompare(b));
  const width = Math.max(...routes.map(([r]) => r.length));
  console.log(`${"page".padEnd(width)}  first-load JS (gzip)`);
  for (const [route, v] of routes)
    console.log(`${route.padEnd(width)}  ${v.gzipKb.toFixed(1).padStart(6)} kB  (${v.files} chunks)`);
  const review = routes.find(([r]) => r === "/review")?.[1];
  if (!review) throw new Error("no /review page in the build");
  const largest = routes.reduce((m, [, v]) => Math.max(m, v.gzipKb), 0);
  console.log(
    `review page ${review.gzipKb} kB (target <= ${REVIEW_TARGET_KB} kB); largest page ${largest} kB`,
  );
  console.log(
    JSON.stringify({
      review_first_load_kb: review.gzipKb,
      largest_first_load_kb: largest,
      pages: Object.fromEntries(routes.map(([r, v]) => [r, v.gzipKb])),
    }),
  );
}

if (require.main === module) main();
