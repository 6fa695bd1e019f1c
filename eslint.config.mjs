import nextCoreWebVitals from "eslint-config-next/core-web-vitals";
import nextTypescript from "eslint-config-next/typescript";

const config = [
  ...nextCoreWebVitals,
  ...nextTypescript,
  {
    ignores: [
      ".next/**",
      ".data/**",
      "lib/generated/**",
      "node_modules/**",
      "test-results/**",
      "playwright-report/**",
      "scratch/**",
      "next-env.d.ts",
    ],
  },
  {
    // Playwright fixtures call `use()`, which is not React's hook.
    files: ["e2e/**"],
    rules: { "react-hooks/rules-of-hooks": "off" },
  },
  {
    // Layering: lib/ is below app/ and components/ and never imports them.
    files: ["lib/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "lib/ must not import from app/ or components/ (they sit above it).",
            },
          ],
        },
      ],
      "import/no-cycle": ["error", { ignoreExternal: true }],
    },
  },
  {
    // Domain modules know neither Next.js nor React; only the request adapters
    // (lib/http, lib/auth) speak HTTP.
    files: ["lib/**"],
    ignores: ["lib/http/**", "lib/auth/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [{ name: "react", message: "Domain code in lib/ is free of React." }],
          patterns: [
            {
              group: ["@/app/*", "@/components/*", "**/app/*", "**/components/*"],
              message: "lib/ must not import from app/ or components/ (they sit above it).",
            },
            {
              group: ["next", "next/*", "next-auth", "next-auth/*"],
              message: "Domain code in lib/ is free of HTTP: use lib/http or lib/auth.",
            },
            { group: ["@/lib/http/*", "../http/*"], message: "Domain code must not depend on the request guards." },
          ],
        },
      ],
    },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "no-console": "off",
    },
  },
];

export default config;
