// The import rules (issue 12 #12, issue 13 #5), as one `no-restricted-imports` config per kind of
// file: in flat config a later block's rule config replaces an earlier one, so every block below
// carries the full list of patterns that apply to its files.
//
// - Domains: every lib/* folder with an index.ts. From outside a domain, `@/lib/<domain>/…` is
//   refused except `*.schema` (input schemas), `types`, `shared` (client-safe values) and `server`
//   (a domain's server-only part, kept out of an entry point that must load outside Next.js); unit
//   tests may also reach `testing` support. Inside a domain anything goes. e2e/ and scripts/ are
//   exempt: they run outside Next.js, where an entry point that imports server-only cannot load.
// - Model types come from lib/db, never from the generated Prisma clients.
// - One CSV writer (lib/security/csv.ts) guards every cell against spreadsheet formulas; tests,
//   e2e and scripts may use csv-stringify directly.
import fs from "node:fs";
import path from "node:path";

const lib = path.join(import.meta.dirname, "lib");

export const DOMAINS = fs
  .readdirSync(lib, { withFileTypes: true })
  .filter((d) => d.isDirectory() && fs.existsSync(path.join(lib, d.name, "index.ts")))
  .map((d) => d.name)
  .sort();

const CODE = ["**/*.ts", "**/*.tsx", "**/*.mjs"];
const UNIT_TESTS = ["**/*.test.ts"];
const OUTSIDE_NEXT = ["e2e/**", "scripts/**"];
const CSV_WRITER = "lib/security/csv.ts";

const csvPattern = {
  group: ["csv-stringify", "csv-stringify/*"],
  message: "Write CSV through lib/security/csv.ts: it guards every cell.",
};

const generatedPattern = {
  regex: "^(@/lib/|(\\.\\.?/)+(lib/)?)generated/",
  message: 'Import model types from "@/lib/db", not from the generated Prisma clients.',
};

const escape = (s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

function deepPattern(domain, testSupport) {
  const allowed = [
    "(.+/)?[^/]+\\.schema",
    "(.+/)?types",
    "shared",
    "server",
    ...(testSupport ? ["testing(/.+)?"] : []),
  ];
  return {
    regex: `^@/lib/${escape(domain)}/(?!(${allowed.join("|")})$).+`,
    message:
      `Import lib/${domain} through its entry point "@/lib/${domain}"; deep imports only for *.schema, ` +
      `types, shared and server${testSupport ? ", and testing from tests" : ""}.`,
  };
}

function rule({ inside = null, testSupport = false, csv = true, generated = false, domains = true }) {
  const patterns = [
    ...(csv ? [csvPattern] : []),
    ...(generated ? [] : [generatedPattern]),
    ...(domains ? DOMAINS.filter((d) => d !== inside).map((d) => deepPattern(d, testSupport)) : []),
  ];
  return { "no-restricted-imports": ["error", { patterns }] };
}

/** Files `scope` narrowed to those also matching one of `globs`. */
const within = (scope, globs) => scope.flatMap((s) => globs.map((g) => [s, g]));

function blocks(scope, inside) {
  return [
    { files: scope, ignores: [...UNIT_TESTS, ...OUTSIDE_NEXT, CSV_WRITER], rules: rule({ inside }) },
    { files: within(scope, UNIT_TESTS), rules: rule({ inside, testSupport: true, csv: false }) },
  ];
}

export const importRules = [
  ...blocks(CODE, null),
  { files: OUTSIDE_NEXT, rules: rule({ csv: false, domains: false }) },
  { files: [CSV_WRITER], rules: rule({ csv: false }) },
  { files: ["lib/db.ts"], rules: rule({ generated: true }) },
  ...DOMAINS.flatMap((d) =>
    blocks(
      CODE.map((g) => `lib/${d}/${g}`),
      d,
    ),
  ),
];
