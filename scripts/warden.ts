// npm run warden -- <command> — Warden's command line, on the same database as
// the app (WARDEN_DATA_DIR / DATABASE_URL). Commands call the same domain
// functions as the API, as the system actor, and are audited like them.
import { parseArgs } from "node:util";
import { ConfigError, env, publicUrl } from "@/lib/config/env";
import { applyMigrations } from "@/lib/db/migrate/apply";
import { generateClients } from "@/lib/db/migrate/generate-client";
import { describeTarget, resolveDbTarget } from "@/lib/db/target";
import { parseDuration } from "@/scripts/cli/duration";
import { printChainReport } from "@/scripts/cli/print-chain-report";
import { UsageError } from "@/scripts/cli/usage-error";
import { printFirstRunBanner } from "@/scripts/lib/banner";

const USAGE = `Usage: npm run warden -- <command> [options]

Commands:
  migrate                                   apply pending database migrations
  setup                                     migrate, then create the first admin if none exists
  api-token create --name <name> --role <admin|owner|auditor>
                   [--expires-in 30d] [--user <email>] [--scopes a,b]
                                            create an API token; prints the token alone on the last line
  api-token list                            list API tokens (never their secrets)
  api-token revoke <id>                     revoke an API token
  user reset-password --email <email>       give a user a new temporary password (e.g. a locked-out admin)
  signing-key list                          Warden's signing keys (next, active, retiring)
  signing-key rotate [--alg ES256|EdDSA|PS256]
                                            rotate: the published next key starts signing
  audit verify                              verify the audit hash chain; exits 1 on a break
  kek generate                              print a new key-encryption key (32 random bytes, base64url)
  kek reseal                                KEK rotation, step 2: re-seal every stored secret that opens only with
                                            WARDEN_KEK_PREVIOUS under WARDEN_KEK (docs/deployment.md, "Rotating the KEK")
  backup <file> [--force]                   copy the SQLite database to <file> while Warden runs
                                            (--force overwrites <file>; PostgreSQL: prints the pg_dump command, exits 2)
  restore <file> [--force]                  restore a backup into the data directory, migrate it, verify the audit chain
                                            (--force replaces an existing database, keeping it renamed; stop Warden first;
                                            PostgreSQL: prints the pg_restore commands, exits 2)
`;

async function migrate(): Promise<void> {
  const target = resolveDbTarget();
  const applied = await applyMigrations(target);
  console.error(`${describeTarget(target)}: ${applied.length ? `applied ${applied.join(", ")}` : "up to date"}`);
}

async function main(argv: string[]): Promise<number> {
  const [command, sub, ...rest] = argv;
  env();
  generateClients();
  if (!command || command === "help" || command === "--help") {
    console.log(USAGE);
    return command ? 0 : 2;
  }
  if (command === "migrate") {
    await migrate();
    return 0;
  }
  if (command === "kek" && sub === "generate") {
    // printed alone, so `WARDEN_KEK=$(npm run -s warden -- kek generate)` works
    console.log((await import("node:crypto")).randomBytes(32).toString("base64url"));
    return 0;
  }
  if (command === "backup" || command === "restore") {
    const { runBackupCommand } = await import("@/scripts/cli/backup-commands");
    return runBackupCommand(command, argv.slice(1));
  }
  await migrate();
  const { SYSTEM_ACTOR } = await import("@/lib/auth/actor");
  const { db, disconnectDb } = await import("@/lib/db/client");
  try {
    if (command === "setup") {
      const { ensureFirstAdmin } = await import("@/lib/bootstrap/ensure-first-admin");
      const result = await ensureFirstAdmin({ email: env().WARDEN_ADMIN_EMAIL });
      if (result.created) printFirstRunBanner(result.email, result.temporaryPassword, publicUrl());
      else console.error("An active admin exists; nothing to do.");
      return 0;
    }
    if (command === "api-token" && sub === "create") {
      const { values } = parseArgs({
        args: rest,
        options: { name: { type: "string" }, role: { type: "string" }, "expires-in": { type: "string" }, user: { type: "string" }, scopes: { type: "string" } },
        strict: true,
      });
      if (!values.name || !values.role) throw new UsageError("api-token create needs --name and --role");
      let forUserId: string | null = null;
      if (values.user) {
        const user = await db().user.findUnique({ where: { email: values.user.toLowerCase() }, select: { id: true } });
        if (!user) throw new UsageError(`No user with email ${values.user}`);
        forUserId = user.id;
      }
      const { createApiToken } = await import("@/lib/api-tokens/create-api-token");
      const { token, secret } = await createApiToken({
        actor: SYSTEM_ACTOR,
        forUserId,
        input: {
          name: values.name,
          role: values.role as "admin",
          ...(values.scopes ? { scopes: values.scopes.split(",").map((scope) => scope.trim()) } : {}),
          ...(values["expires-in"] ? { expiresAt: new Date(Date.now() + parseDuration(values["expires-in"])).toISOString() } : {}),
        },
      });
      console.error(`Created API token ${token.id} "${token.name}" (role ${token.role}${token.expiresAt ? `, expires ${token.expiresAt}` : ", no expiry"}).`);
      console.error("Store it now; Warden keeps only its hash. The token:");
      console.log(secret);
      return 0;
    }
    if (command === "api-token" && sub === "list") {
      const rows = await db().apiToken.findMany({ orderBy: { id: "desc" }, include: { user: { select: { email: true } } } });
      if (rows.length === 0) console.log("No API tokens.");
      for (const row of rows) {
        const state = row.revokedAt ? "revoked" : row.expiresAt && row.expiresAt <= new Date() ? "expired" : "active";
        console.log([row.id, row.prefix + "…", row.name, row.role, row.user?.email ?? "(service)", state, `last used ${row.lastUsedAt?.toISOString() ?? "never"}`].join("  "));
      }
      return 0;
    }
    if (command === "api-token" && sub === "revoke") {
      const id = rest[0];
      if (!id) throw new UsageError("api-token revoke needs the token id (tok_…)");
      const { revokeApiToken } = await import("@/lib/api-tokens/revoke-api-token");
      await revokeApiToken({ actor: SYSTEM_ACTOR, tokenId: id });
      console.log(`Revoked ${id}`);
      return 0;
    }
    if (command === "user" && sub === "reset-password") {
      const { values } = parseArgs({ args: rest, options: { email: { type: "string" } }, strict: true });
      if (!values.email) throw new UsageError("user reset-password needs --email");
      const user = await db().user.findUnique({ where: { email: values.email.toLowerCase() }, select: { id: true, email: true } });
      if (!user) throw new UsageError(`No user with email ${values.email}`);
      const { resetUserPassword } = await import("@/lib/users/reset-user-password");
      const { temporaryPassword } = await resetUserPassword({ actor: SYSTEM_ACTOR, userId: user.id });
      console.error(`New temporary password for ${user.email} (must be changed at next sign-in):`);
      console.log(temporaryPassword);
      return 0;
    }
    if (command === "signing-key" && sub === "list") {
      const { listSigningKeys } = await import("@/lib/signing-keys/list-signing-keys");
      const { ensureSigningKeys } = await import("@/lib/signing-keys/rotate-signing-key");
      await ensureSigningKeys();
      const { items } = await listSigningKeys({ actor: SYSTEM_ACTOR });
      for (const key of items) console.log([key.kid, key.alg, key.status, key.published ? "published" : "not published", key.publishUntil ? `until ${key.publishUntil}` : ""].join("  ").trim());
      return 0;
    }
    if (command === "signing-key" && sub === "rotate") {
      const { values } = parseArgs({ args: rest, options: { alg: { type: "string" } }, strict: true });
      if (values.alg && !["ES256", "EdDSA", "PS256"].includes(values.alg)) throw new UsageError("--alg must be ES256, EdDSA or PS256");
      const { ensureSigningKeys, rotateSigningKey } = await import("@/lib/signing-keys/rotate-signing-key");
      await ensureSigningKeys();
      const result = await rotateSigningKey({ actor: SYSTEM_ACTOR, alg: values.alg as "ES256" | undefined });
      console.log(`Rotated. Active: ${result.active}; retiring: ${result.retiring ?? "none"}; next: ${result.next}.`);
      console.log("Running instances pick up the new key within 30 s; the retiring key stays published until every token it signed has expired.");
      return 0;
    }
    if (command === "kek" && sub === "reseal") {
      if (!env().WARDEN_KEK_PREVIOUS) throw new UsageError("Set WARDEN_KEK to the new key and WARDEN_KEK_PREVIOUS to the old one (on every instance too) before re-sealing");
      const { resealSecrets } = await import("@/lib/signing-keys/reseal-secrets");
      const report = await resealSecrets({ actor: SYSTEM_ACTOR });
      const line = (name: string, counts: { resealed: number; current: number; unreadable: string[] }) =>
        `${name}: ${counts.resealed} re-sealed, ${counts.current} already under WARDEN_KEK${counts.unreadable.length ? `, ${counts.unreadable.length} opening with neither key: ${counts.unreadable.join(", ")}` : ""}`;
      console.log([line("Signing keys", report.signingKeys), line("Notification webhooks", report.webhooks), line("Audit sinks", report.sinks)].join("\n"));
      const unreadable = report.signingKeys.unreadable.length + report.webhooks.unreadable.length + report.sinks.unreadable.length;
      if (unreadable) {
        console.error("Some secrets open with neither key; keep WARDEN_KEK_PREVIOUS until you have found the key they were sealed with.");
        return 1;
      }
      console.log("Done. Remove WARDEN_KEK_PREVIOUS from every instance; the old key can then be destroyed.");
      return 0;
    }
    if (command === "audit" && sub === "verify") {
      const { verifyAuditChain } = await import("@/lib/audit/verify");
      return printChainReport(await verifyAuditChain(db()));
    }
    throw new UsageError(`Unknown command: ${[command, sub].filter(Boolean).join(" ")}`);
  } finally {
    await disconnectDb();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n\n${USAGE}`);
      process.exit(2);
    }
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(78);
    }
    const message = (error as { issues?: { path: string; message: string }[]; message?: string }).issues?.map((issue) => `${issue.path}: ${issue.message}`).join("\n") || (error as Error).message;
    console.error(`Error: ${message}`);
    process.exit(1);
  },
);
