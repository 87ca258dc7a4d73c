import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...next,
  ...nextTs,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_" },
      ],
    },
  },
  {
    // Settings change only through lib/settings/store.ts, which audits every write (issue 12 #17).
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/settings/store.ts", "lib/review/lock.ts", "**/*.test.ts", "e2e/**"],
    rules: {
      "no-restricted-syntax": [
        "error",
        {
          selector:
            "CallExpression[callee.object.property.name='setting'][callee.property.name=/^(create|createMany|update|updateMany|upsert|delete|deleteMany)$/]",
          message: "Write settings through writeSettings (lib/settings/store.ts): it audits every change.",
        },
      ],
    },
  },
  {
    // One CSV writer (lib/security/csv.ts) guards every cell against spreadsheet formulas (issue 12 #12).
    files: ["**/*.ts", "**/*.tsx"],
    ignores: ["lib/security/csv.ts", "**/*.test.ts", "e2e/**", "scripts/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["csv-stringify", "csv-stringify/*"],
              message: "Write CSV through lib/security/csv.ts: it guards every cell.",
            },
          ],
        },
      ],
    },
  },
  {
    ignores: [
      "lib/generated/**",
      ".next/**",
      ".data/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
];

export default config;
