import next from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import { importRules } from "./eslint.imports.mjs";

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
    // The app's own dialogs (components/ui/confirm-button.tsx, modal.tsx), never the browser's.
    files: ["app/**/*.tsx", "components/**/*.tsx"],
    rules: { "no-alert": "error" },
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
  ...importRules,
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
