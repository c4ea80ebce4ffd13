// Fuzzes every management endpoint from its OpenAPI schema (GET
// /api/v1/openapi.json, built from the contracts): per operation, RUNS
// schema-valid requests — path, query and body values derived from the JSON
// Schemas (types, enums, consts, patterns, formats, lengths, bounds, required
// and optional fields, anyOf/oneOf branches), ids drawn from objects that exist
// — and RUNS invalid ones: a valid request with mutations (wrong types, missing
// required fields, unknown and prototype keys, odd and huge strings, NUL,
// unpaired surrogates, numbers out of range, deep nesting, bytes that are not
// JSON or not UTF-8, an oversized body, the wrong content type, bad path, query
// and percent-escapes; tests/integration/helpers/fuzz-requests.ts). Sent as an
// admin with a session cookie (and a same-origin Origin), so every handler path
// is reachable. For every answer:
// - no 5xx, except an upstream failure the contract declares (502/504 of live
//   discovery, which only ever reaches a closed port on 127.0.0.1);
// - a 4xx is problem+json whose `code` matches its status; a 2xx has the
//   contract's status; Object.prototype is untouched;
// - never a partial write: a refused request leaves every table as it was (a
//   fingerprint of all tables, helpers/fuzz-db.ts; REFUSALS_RECORDED would list
//   refusals meant to leave an audit trace — none does today), a read writes
//   nothing but audit events, and a successful change appended an audit event
//   carrying this request's id.
// At the end the audit chain verifies and no request resolved or reached
// another host (helpers/fuzz-fixtures.ts guards DNS, TCP and UDP).
//
// Runs in a fresh database of each provider: the check compares whole tables,
// which other test files write to concurrently. Requests go one at a time, in
// rounds that interleave the operations (creates feed later updates and
// deletes). Reproducible: a fixed seed (WARDEN_FUZZ_SEED) and one generator
// per (seed, operation, kind, index); WARDEN_FUZZ_ONLY=opA,opB fuzzes only
// those, WARDEN_FUZZ_RUNS changes the count, WARDEN_FUZZ_VERBOSE=1 prints what
// each operation answered. Which existing id a request picks
// depends on the database, so every failure prints the exact request sent.
import path from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import type { Contract } from "@/lib/api/contract";
import { CONTRACTS } from "@/lib/api/contracts";
import type { RouteHandler } from "@/lib/api/handle";
import { buildOpenApiDocument } from "@/lib/api/openapi";
import { verifyAuditChain } from "@/lib/audit/verify";
import { env } from "@/lib/config/env";
import { db, dbProvider } from "@/lib/db/client";
import { pauseNotificationKicks } from "@/lib/notifications/dispatch";
import { seedServer, seedUser, sessionCookieFor, uniqueSuffix } from "@/lib/seed/factories";
import { withFreshDatabase } from "./helpers/fresh-database";
import { answerProblems, captureErrors, describeCase, excerpt, send, settle, writeProblems, type ProblemBody, type Sent } from "./helpers/fuzz-checks";
import { fingerprinter, type Fingerprint } from "./helpers/fuzz-db";
import { guardNetwork, hintsFor, seedWorld } from "./helpers/fuzz-fixtures";
import { invalidCase, operationsOf, validCase, type Operation } from "./helpers/fuzz-requests";
import { rngFor } from "./helpers/fuzz-rng";
import { IdPool, type Gen } from "./helpers/fuzz-schema";
import { withGlobalDatabase } from "./helpers/global-database";
import { call } from "./helpers/http";

const SEED = Number(process.env.WARDEN_FUZZ_SEED ?? 0x0a91f022);
const RUNS = Number(process.env.WARDEN_FUZZ_RUNS ?? 30);
const ONLY = process.env.WARDEN_FUZZ_ONLY ? new Set(process.env.WARDEN_FUZZ_ONLY.split(",")) : null;
/** WARDEN_FUZZ_VERBOSE=1 prints the statuses each operation answered (always printed when something failed). */
const VERBOSE = Boolean(process.env.WARDEN_FUZZ_VERBOSE);

/** Contracts not fuzzed, each with the reason. Every other contract is: the first test fails otherwise. */
const EXCLUDED: Record<string, string> = {};

/**
 * Fewer runs where one request is expensive (the count is per kind, valid and
 * invalid): each of these hashes or checks a password with scrypt, or makes
 * an RSA key, or builds the OpenAPI document or walks the whole audit chain.
 * Operations without any input (no path, query or body) get INPUTLESS_RUNS:
 * their valid requests are all the same one.
 */
const RUNS_FOR: Record<string, number> = { resetUserPassword: 12, changeMyPassword: 12, createUser: 20, rotateSigningKey: 10, getOpenApi: 6, verifyAuditChain: 8 };
const INPUTLESS_RUNS = 8;

/** Operations that cannot be undone: they never name the fixture's kept objects (World.keep). */
const IRREVERSIBLE = new Set(["revokeIdentity", "deactivateUser", "launchCampaign", "closeCampaign", "deleteWebhook", "deleteAuditSink"]);

/**
 * Refusals that are meant to write: operationId → the audit actions a refused
 * request of it may append (and nothing else). Everything else that answers
 * 4xx must leave every table exactly as it was.
 */
const REFUSALS_RECORDED: Record<string, string[]> = {};

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.resolve(here, "../..");

async function handlerFor(contract: Contract): Promise<RouteHandler> {
  const segments = contract.path.split("/").filter(Boolean).map((segment) => segment.replace(/^\{(.+)\}$/, "[$1]"));
  const routeModule = (await import(path.join(root, "app", ...segments, "route.ts"))) as Record<string, RouteHandler | undefined>;
  const handler = routeModule[contract.method];
  if (!handler) throw new Error(`${contract.path} does not export ${contract.method}`);
  return handler;
}

const fuzzed = CONTRACTS.filter((contract) => !(contract.operationId in EXCLUDED) && (!ONLY || ONLY.has(contract.operationId)));
const operations = new Map(operationsOf(buildOpenApiDocument() as never).map((operation) => [operation.operationId, operation]));
const inputless = (operation: Operation) => !operation.pathParams.length && !operation.queryParams.length && !operation.body;
const runsOf = (operationId: string) => Math.min(RUNS, RUNS_FOR[operationId] ?? (inputless(operations.get(operationId)!) ? INPUTLESS_RUNS : RUNS));

describe("management API fuzzing", () => {
  it("covers every contract, or excludes it with a reason", () => {
    const operationIds = CONTRACTS.map((contract) => contract.operationId);
    expect(Object.keys(EXCLUDED).filter((id) => !operationIds.includes(id)), "these exclusions name no contract").toEqual([]);
    expect(Object.entries(EXCLUDED).filter(([, reason]) => reason.trim().length < 20), "say why each exclusion is needed").toEqual([]);
    expect([...Object.keys(RUNS_FOR), ...Object.keys(REFUSALS_RECORDED), ...IRREVERSIBLE].filter((id) => !operationIds.includes(id)), "these entries name no contract").toEqual([]);
    expect([...operations.keys()].sort(), "the OpenAPI document and the contracts differ").toEqual([...operationIds].sort());
    if (!ONLY) expect(fuzzed.length + Object.keys(EXCLUDED).length).toBe(CONTRACTS.length);
  });

  it(
    "never answers 5xx, answers problem+json, and refused requests write nothing",
    async () => {
      await withFreshDatabase(async (_client, target) =>
        withGlobalDatabase(target, async () => {
          const provider = dbProvider();
          const started = Date.now();
          pauseNotificationKicks(true);
          const databaseHost = target.provider === "postgresql" ? new URL(target.url).hostname : "localhost";
          const network = guardNetwork([databaseHost]);
          let closeFingerprinter = async () => {};
          // what a 500 logged, by request id: printed with the failure
          const errors = captureErrors();
          try {
            const ids = new IdPool();
            const world = await seedWorld(ids);
            const hint = hintsFor(world);
            const untouchable = new Set([...world.protectedIds, ...world.keep]);
            const handlers = new Map<string, RouteHandler>();
            for (const contract of fuzzed) handlers.set(contract.operationId, await handlerFor(contract));
            const maxBodyBytes = env().WARDEN_MAX_BODY_BYTES;
            const fingerprint = await fingerprinter(target);
            closeFingerprinter = fingerprint.close;
            // the detector detects: a text column growing by one character, with no other trace, is a change
            const probe = await fingerprint.take();
            await db().$executeRawUnsafe(`UPDATE "User" SET "name" = "name" || 'x' WHERE "id" = '${world.admin.id}'`);
            const probed = fingerprint.changes(probe, await fingerprint.take());
            await db().$executeRawUnsafe(`UPDATE "User" SET "name" = '${world.admin.name.replace(/'/g, "''")}' WHERE "id" = '${world.admin.id}'`);
            expect(probed).toEqual([{ table: "User", parts: ["name:length"] }]);
            let before: Fingerprint = await fingerprint.take();

            const failures: string[] = [];
            const statuses = new Map<string, Map<number, number>>();
            const recorded = new Map<string, number>();
            const elapsed = new Map<string, number>();
            /** Why valid-shaped requests were refused, per operation: shows where the generator could go deeper. */
            const refusedValid = new Map<string, Map<string, number>>();
            let sent = 0;
            const maxRuns = Math.max(...fuzzed.map((contract) => runsOf(contract.operationId)));
            for (let round = 0; round < maxRuns * 2; round += 1) {
              const kind = round % 2 === 0 ? "valid" : "invalid";
              const index = Math.floor(round / 2);
              const orderRng = rngFor(SEED, "order", round);
              const order = fuzzed.filter((contract) => index < runsOf(contract.operationId));
              for (let at = order.length - 1; at > 0; at -= 1) {
                const other = orderRng.int(at + 1);
                [order[at], order[other]] = [order[other]!, order[at]!];
              }
              for (const contract of order) {
                const operation = operations.get(contract.operationId)!;
                const g: Gen = { rng: rngFor(SEED, contract.operationId, kind, index), ids, hint, now: Date.now(), chosen: [], exclude: IRREVERSIBLE.has(contract.operationId) ? untouchable : world.protectedIds };
                const c = kind === "valid" ? validCase(operation, g) : invalidCase(operation, g, maxBodyBytes);
                const requestId = `fz-${SEED.toString(36)}-${sent}`;
                const label = describeCase(operation, c, kind, index);
                let answer: Sent;
                const sentAt = performance.now();
                try {
                  answer = await send(operation, handlers.get(contract.operationId)!, c, world.cookie, requestId);
                } catch (error) {
                  failures.push(`${label}\n    threw ${String(error)}`);
                  continue;
                } finally {
                  sent += 1;
                  elapsed.set(contract.operationId, (elapsed.get(contract.operationId) ?? 0) + performance.now() - sentAt);
                }
                const perOperation = statuses.get(contract.operationId) ?? new Map<number, number>();
                perOperation.set(answer.status, (perOperation.get(answer.status) ?? 0) + 1);
                statuses.set(contract.operationId, perOperation);
                const problem = (answer.json ?? {}) as ProblemBody;
                if (kind === "valid" && answer.status >= 400) {
                  const reason = `${answer.status} ${problem.detail ?? ""}${problem.errors?.length ? ` (${problem.errors[0]!.path}: ${problem.errors[0]!.message})` : ""}`.slice(0, 160);
                  const reasons = refusedValid.get(contract.operationId) ?? new Map<string, number>();
                  reasons.set(reason, (reasons.get(reason) ?? 0) + 1);
                  refusedValid.set(contract.operationId, reasons);
                }
                const problems = answerProblems(contract, answer);
                if (answer.status < 300 && contract.method !== "GET") await settle();
                const after = await fingerprint.take();
                const writes = await writeProblems(contract, answer.status, fingerprint.changes(before, after), requestId, REFUSALS_RECORDED[contract.operationId] ?? []);
                before = after;
                if (writes === "recorded") recorded.set(contract.operationId, (recorded.get(contract.operationId) ?? 0) + 1);
                else problems.push(...writes);
                if (answer.status < 300) ids.harvest(answer.json);
                if (problems.length) failures.push(`${label}\n    → ${answer.status} ${problems.join("; ")}: ${excerpt(answer.text, 300)}${errors.logged.has(requestId) ? `\n    logged: ${errors.logged.get(requestId)}` : ""}`);
              }
            }

            const seconds = ((Date.now() - started) / 1000).toFixed(1);
            const histogram = [...statuses]
              .sort(([a], [b]) => a.localeCompare(b))
              .map(([operationId, counts]) => `  ${operationId}: ${[...counts].sort(([a], [b]) => a - b).map(([status, count]) => `${status}×${count}`).join(" ")}`);
            console.info(`api fuzz on ${provider}: ${sent} requests to ${fuzzed.length} operations in ${seconds} s (seed ${SEED}, up to ${RUNS} valid + ${RUNS} invalid each, ${ids.size()} ids seen, ${[...recorded.values()].reduce((a, b) => a + b, 0)} recorded refusals, ${failures.length} failures)\nslowest: ${[...elapsed]
                .sort((a, b) => b[1] - a[1])
                .slice(0, 8)
                .map(([operationId, ms]) => `${operationId} ${(ms / 1000).toFixed(1)} s`)
                .join(", ")}${VERBOSE || failures.length ? `\n${histogram.join("\n")}` : ""}`);
            const neverSucceeded = [...statuses].filter(([, counts]) => ![...counts.keys()].some((status) => status < 300));
            if (neverSucceeded.length) {
              console.info(
                `operations no request succeeded on (their valid requests were refused for):\n${neverSucceeded
                  .map(([operationId]) => `  ${operationId}: ${[...(refusedValid.get(operationId) ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]).slice(0, 3).map(([reason, count]) => `${count}× ${reason}`).join(" | ")}`)
                  .join("\n")}`,
              );
            }
            if (failures.length) console.info(`failures (reproduce with WARDEN_FUZZ_SEED=${SEED} WARDEN_FUZZ_ONLY=<operationId>):\n${failures.slice(0, 100).join("\n")}`);
            expect(failures.slice(0, 30), `${failures.length} failures; see the log for the requests`).toEqual([]);
            expect(sent).toBe(fuzzed.reduce((sum, contract) => sum + 2 * runsOf(contract.operationId), 0));
            expect(fuzzed.filter((contract) => !statuses.has(contract.operationId)).map((contract) => contract.operationId), "operations that got no answer").toEqual([]);
            expect(network.attempts, "requests tried to resolve or reach another host").toEqual([]);
            const chain = await verifyAuditChain(db());
            expect(chain.firstBreak).toBeNull();
            expect(chain.ok).toBe(true);
          } finally {
            await closeFingerprinter();
            network.restore();
            pauseNotificationKicks(false);
            errors.restore();
          }
        }),
      );
    },
    600_000,
  );
});

// What the fuzzer found, pinned: each was a 500 (on PostgreSQL, or on both).
describe("management API fuzz findings", () => {
  type Answer = { status: number; body: { code?: string; errors?: { path: string; message: string }[] } };
  const expectRefused = (answer: Answer, path: string) => {
    expect(answer.status).toBe(422);
    expect(answer.body.code).toBe("validation_failed");
    expect(answer.body.errors?.map((error) => error.path)).toContain(path);
  };
  let cookie: string;
  let serverId: string;
  beforeAll(async () => {
    const admin = await seedUser({ role: "admin" });
    cookie = (await sessionCookieFor(admin.id)).cookie;
    serverId = (await seedServer({ owner: admin })).id;
  });

  it("refuses NUL in a query filter (was a 500 on PostgreSQL)", async () => {
    const { GET } = await import("@/app/api/v1/directory/users/route");
    expectRefused(await call(GET, { path: "/api/v1/directory/users?q=a%00", cookie }), "query.q");
  });

  it("refuses NUL in a path id (was a 500 on PostgreSQL)", async () => {
    const { GET } = await import("@/app/api/v1/audit/events/[id]/chain/route");
    expectRefused(await call(GET, { path: "/api/v1/audit/events/%00/chain", params: { id: "\u0000" }, cookie }), "path.id");
  });

  it("refuses NUL in a body field and writes nothing (was a 500 on PostgreSQL)", async () => {
    const { POST } = await import("@/app/api/v1/users/route");
    const email = `nul-${uniqueSuffix()}@example.test`;
    expectRefused(await call(POST, { method: "POST", path: "/api/v1/users", body: { email, name: "a\u0000b", role: "owner", signIn: "sso_only" }, cookie }), "name");
    expect(await db().user.count({ where: { email } })).toBe(0);
  });

  it("refuses an unpaired surrogate in a JSON document (was a 500 on PostgreSQL)", async () => {
    const { POST } = await import("@/app/api/v1/servers/[id]/tools/proposals/route");
    const answer = await call(POST, {
      method: "POST",
      path: `/api/v1/servers/${serverId}/tools/proposals`,
      params: { id: serverId },
      rawBody: '{"source":"manual","tools":[{"name":"t","annotations":{"title":"x\\udfffy"}}]}',
      headers: { "content-type": "application/json" },
      cookie,
    });
    expectRefused(answer, "tools.0.annotations.title");
    expect(await db().catalogProposal.count({ where: { serverId } })).toBe(0);
  });

  it("refuses an audit cursor past the largest sequence number (was a 500)", async () => {
    const { GET } = await import("@/app/api/v1/audit/events/route");
    expectRefused(await call(GET, { path: "/api/v1/audit/events?cursor=9223372036854775808", cookie }), "query.cursor");
    expect((await call(GET, { path: "/api/v1/audit/events?cursor=9223372036854775807&limit=1", cookie })).status).toBe(200);
  });

  it("refuses a catalog version cursor past 32 bits (was a 500 on PostgreSQL)", async () => {
    const { GET } = await import("@/app/api/v1/servers/[id]/catalog/versions/route");
    expectRefused(await call(GET, { path: `/api/v1/servers/${serverId}/catalog/versions?cursor=2147483648`, params: { id: serverId }, cookie }), "query.cursor");
    expect((await call(GET, { path: `/api/v1/servers/${serverId}/catalog/versions?cursor=2147483647`, params: { id: serverId }, cookie })).status).toBe(200);
  });
});
