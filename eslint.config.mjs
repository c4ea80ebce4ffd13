// ESLint: Next.js core-web-vitals and TypeScript rules, plus the project's own:
// no `any`, no console in library code (use lib/log.ts), and no client
// component importing the database or server-only modules.
import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [".next/**", "node_modules/**", "lib/db/generated/**", "prisma/.generated/**", "data/**", "test-results/**", "playwright-report/**", "next-env.d.ts"],
  },
  {
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
    },
  },
  {
    files: ["lib/**/*.ts"],
    ignores: ["lib/**/*.test.ts", "lib/db/testing/**"],
    rules: { "no-console": "error" },
  },
  {
    files: ["components/**/*.tsx", "lib/query/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["@/lib/db/*", "@/lib/sessions/*", "@/lib/api-tokens/create-*", "@/lib/auth/sign-in-*", "@/lib/next/*"], message: "Client code must not import server-only modules; call the API." },
          ],
        },
      ],
    },
  },
];

export default config;
