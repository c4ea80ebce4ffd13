// Vitest: unit tests beside the code (lib/**/*.test.ts), and the integration
// suite (tests/integration) run twice — on a fresh SQLite file and on a
// throwaway PostgreSQL database — through the real Prisma clients. Files named
// *.postgres.test.ts test PostgreSQL-only behaviour and run on PostgreSQL only.
import path from "node:path";
import { defineConfig } from "vitest/config";

const root = path.dirname(new URL(import.meta.url).pathname);
const alias = {
  "@": root,
  // outside Next.js there is no client bundle for `server-only` to protect
  "server-only": path.join(root, "lib/runtime/server-only-node.ts"),
};

const integration = (provider: "sqlite" | "postgresql") => ({
  resolve: { alias },
  test: {
    name: `integration-${provider === "postgresql" ? "postgres" : "sqlite"}`,
    include: ["tests/integration/**/*.test.ts"],
    exclude: ["**/node_modules/**", ...(provider === "sqlite" ? ["tests/integration/**/*.postgres.test.ts"] : [])],
    environment: "node",
    globalSetup: [`tests/integration/setup/global-${provider}.ts`],
    setupFiles: ["tests/integration/setup/worker.ts"],
    testTimeout: 30_000,
    hookTimeout: 60_000,
    env: { WARDEN_LOG_LEVEL: "silent", WARDEN_LOGIN_LOCKOUT_SECONDS: "60" },
  },
});

export default defineConfig({
  test: {
    projects: [
      {
        resolve: { alias },
        test: { name: "unit", include: ["lib/**/*.test.ts", "scripts/**/*.test.ts"], environment: "node", testTimeout: 20_000 },
      },
      integration("sqlite"),
      integration("postgresql"),
    ],
  },
});
