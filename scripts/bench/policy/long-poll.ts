// Part 3 of `npm run bench -- policy`: long-poll capacity. The benchmark
// process opens --polls concurrent `GET /policy/v1/bundle?wait=60` requests,
// each with If-None-Match of its gateway's current ETag (spread over the fleet
// gateways, each poll on its own socket), and holds them for --hold seconds
// while it samples the Warden server process's RSS and open sockets and checks
// that Warden still answers a fresh conditional GET. Then it revokes a grant
// on the fleet server through the management API and waits for every held
// poll's 200. A poll answered before the change, or answered with anything but
// a newer bundle that verifies and contains the revocation (or a 304 with its
// old ETag at its own 60 s deadline, counted apart), fails the benchmark.
import http from "node:http";
import { verifyPolicyBundle } from "@/lib/gateway/verify-bundle";
import { bearer, BenchError, BUNDLE_PATH, fmt, JWKS_PATH, mib, percentile, request, revokeGrant, serverProcess, sleep, type Gateway } from "@/scripts/bench/policy/common";

export type LongPollOptions = {
  port: number;
  pid: number | undefined;
  issuer: string;
  gateways: Gateway[];
  polls: number;
  holdSeconds: number;
  apiToken: string;
  grantId: string;
};

type Memory = ReturnType<typeof serverProcess>;
export type LongPollResult = {
  polls: number;
  gateways: number;
  before: Memory;
  holding: { atSeconds: number; memory: Memory; probeMs: number }[];
  afterAnswers: Memory;
  afterIdle: Memory;
  answered: number;
  answeredOk: number;
  /** answered 304 at their own 60 s deadline, before their new bundle was ready */
  notModified: number;
  peakRssBytes: number;
  /** distinct signed bundles among the answers (one per gateway unless Warden signed a view more than once) */
  distinctBundles: number;
  unanswered: number;
  msFromReturn: { p50: number; p99: number; max: number };
  msFromStart: { max: number };
  revokeMs: number;
  openSeconds: number;
};

type Answer = { status: number; etag: string | undefined; revision: number; body: string; at: number };

function poll(port: number, agent: http.Agent, headers: Record<string, string>, onAnswer: (answer: Answer) => void, onError: (error: Error) => void): http.ClientRequest {
  const outgoing = http.request({ host: "127.0.0.1", port, path: `${BUNDLE_PATH}?wait=60`, headers, agent }, (response) => {
    const chunks: Buffer[] = [];
    response.on("data", (chunk: Buffer) => chunks.push(chunk));
    response.on("end", () =>
      onAnswer({
        status: response.statusCode ?? 0,
        etag: response.headers.etag,
        revision: Number(response.headers["x-warden-policy-revision"]),
        body: Buffer.concat(chunks).toString(),
        at: performance.now(),
      }),
    );
  });
  outgoing.on("error", onError);
  outgoing.end();
  return outgoing;
}

const describe = (memory: Memory) => (memory ? `RSS ${mib(memory.rssBytes)} (process tree ${mib(memory.treeRssBytes)}), ${memory.sockets} open sockets` : "RSS unavailable");

export async function measureLongPolls(options: LongPollOptions): Promise<LongPollResult> {
  const { port, gateways } = options;
  const bundleUrl = `${options.issuer}${BUNDLE_PATH}`;
  // each gateway's current bundle: its ETag and revision
  const current = new Map<string, { etag: string; revision: number; authorization: string }>();
  for (const gateway of gateways) {
    const authorization = await bearer(gateway, bundleUrl);
    const reply = await request(port, BUNDLE_PATH, { headers: { authorization } });
    if (reply.status !== 200 || !reply.headers.etag) throw new BenchError(`gateway ${gateway.id}: the bundle answered HTTP ${reply.status}`);
    current.set(gateway.id, { etag: reply.headers.etag, revision: Number(reply.headers["x-warden-policy-revision"]), authorization });
  }
  await sleep(1000);
  const before = serverProcess(options.pid);
  console.log(`    before: ${describe(before)}`);

  const agent = new http.Agent({ keepAlive: false, maxSockets: options.polls + 16 });
  const answers: (Answer | null)[] = new Array<Answer | null>(options.polls).fill(null);
  const errors: string[] = [];
  const requests: http.ClientRequest[] = [];
  let answeredCount = 0;
  let allAnswered: () => void = () => {};
  const done = new Promise<void>((resolve) => (allAnswered = resolve));
  const openStarted = performance.now();
  for (let index = 0; index < options.polls; index += 1) {
    const gateway = gateways[index % gateways.length]!;
    const { etag, authorization } = current.get(gateway.id)!;
    requests.push(
      poll(
        port,
        agent,
        { authorization, "if-none-match": etag },
        (answer) => {
          answers[index] = answer;
          answeredCount += 1;
          if (answeredCount === options.polls) allAnswered();
        },
        (error) => errors.push(error.message),
      ),
    );
    // let the sockets connect in waves rather than overflow the listen backlog at once
    if (index % 100 === 99) await sleep(10);
  }
  const openSeconds = (performance.now() - openStarted) / 1000;

  const holding: LongPollResult["holding"] = [];
  const samples = 6;
  const holdStarted = performance.now();
  for (let sample = 1; sample <= samples; sample += 1) {
    await sleep((options.holdSeconds * 1000) / samples);
    const probeStarted = performance.now();
    const probe = await request(port, BUNDLE_PATH, { headers: { authorization: current.get(gateways[0]!.id)!.authorization, "if-none-match": current.get(gateways[0]!.id)!.etag } });
    const probeMs = performance.now() - probeStarted;
    if (probe.status !== 304) throw new BenchError(`while holding the polls, a conditional GET answered HTTP ${probe.status}, expected 304`);
    const memory = serverProcess(options.pid);
    const atSeconds = (performance.now() - holdStarted) / 1000;
    holding.push({ atSeconds, memory, probeMs });
    console.log(`    holding, ${atSeconds.toFixed(0).padStart(2)} s: ${describe(memory)}; answered so far ${answeredCount}; a conditional GET meanwhile ${fmt(probeMs, 1)} ms`);
  }
  if (answeredCount > 0 || errors.length > 0) {
    throw new BenchError(`${answeredCount} polls were answered and ${errors.length} failed before any policy change (${errors[0] ?? `HTTP ${answers.find(Boolean)?.status}`}); they should have been held`);
  }

  const { startedAt, returnedAt } = await revokeGrant(port, options.apiToken, options.grantId, "policy benchmark: wake the held polls");
  console.log(`    revoked grant ${options.grantId} through the API (${fmt(returnedAt - startedAt)} ms)`);
  // every poll is answered by its 60 s deadline at the latest (a 304 then, when its new bundle was not ready)
  let finished = false;
  void done.then(() => (finished = true));
  let peakRssBytes = 0;
  const deadline = performance.now() + 45_000;
  while (!finished && performance.now() < deadline) {
    peakRssBytes = Math.max(peakRssBytes, serverProcess(options.pid)?.rssBytes ?? 0);
    await Promise.race([done, sleep(250)]);
  }
  const afterAnswers = serverProcess(options.pid);
  for (const outgoing of requests) outgoing.destroy();
  agent.destroy();

  // every answer: 200 with a newer bundle of its gateway that verifies and lists the revocation
  const jwks = JSON.parse((await request(port, JWKS_PATH)).body.toString()) as { keys: [] };
  const verified = new Set<string>();
  let answeredOk = 0;
  let notModified = 0;
  const fromReturn: number[] = [];
  let lastAt = 0;
  for (let index = 0; index < options.polls; index += 1) {
    const answer = answers[index];
    if (!answer) continue;
    const gateway = gateways[index % gateways.length]!;
    const before = current.get(gateway.id)!;
    // the poll's own deadline passed before Warden had its new bundle: a correct answer, but not a delivery
    if (answer.status === 304 && answer.etag === before.etag) {
      notModified += 1;
      continue;
    }
    if (answer.status !== 200 || answer.etag === before.etag || !(answer.revision > before.revision)) {
      throw new BenchError(`poll ${index} (gateway ${gateway.id}) answered HTTP ${answer.status}, ETag ${answer.etag}, revision ${answer.revision}; expected 200 with a newer bundle than revision ${before.revision}`);
    }
    const key = `${gateway.id}|${answer.body}`;
    if (!verified.has(key)) {
      const bundle = await verifyPolicyBundle(answer.body, { jwks, issuer: options.issuer, audience: gateway.id, currentRevision: before.revision }).catch((error: unknown) => {
        throw new BenchError(`poll ${index}: the bundle does not verify: ${(error as Error).message}`);
      });
      if (!bundle.revoked.grants.includes(options.grantId)) throw new BenchError(`poll ${index}: the new bundle (revision ${bundle.revision}) does not list the revoked grant`);
      verified.add(key);
    }
    answeredOk += 1;
    fromReturn.push(answer.at - returnedAt);
    lastAt = Math.max(lastAt, answer.at);
  }
  await sleep(2000);
  const afterIdle = serverProcess(options.pid);
  const result: LongPollResult = {
    polls: options.polls,
    gateways: gateways.length,
    before,
    holding,
    afterAnswers,
    afterIdle,
    answered: answeredCount,
    answeredOk,
    notModified,
    peakRssBytes,
    distinctBundles: verified.size,
    unanswered: options.polls - answeredCount,
    msFromReturn: { p50: percentile(fromReturn, 50), p99: percentile(fromReturn, 99), max: fromReturn.length ? Math.max(...fromReturn) : Number.NaN },
    msFromStart: { max: lastAt - startedAt },
    revokeMs: returnedAt - startedAt,
    openSeconds,
  };
  console.log(
    `    ${answeredOk} of ${options.polls} held polls answered 200 with the new bundle (${verified.size} distinct signed bundles for ${gateways.length} gateways, all verified); ` +
      `after the revoke call returned: p50 ${fmt(result.msFromReturn.p50)} ms, p99 ${fmt(result.msFromReturn.p99)} ms, all by ${fmt(result.msFromReturn.max)} ms (${fmt(result.msFromStart.max)} ms after it was sent)`,
  );
  if (notModified) console.log(`    ${notModified} polls were answered 304 at their 60 s deadline: Warden had not finished their new bundle by then`);
  if (result.unanswered) console.log(`    ${result.unanswered} polls got no answer within 45 s of the change`);
  console.log(`    peak while answering: RSS ${mib(peakRssBytes)}; after the answers: ${describe(afterAnswers)}; 2 s later: ${describe(afterIdle)}`);
  return result;
}
