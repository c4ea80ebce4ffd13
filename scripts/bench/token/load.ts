// Drives one target with autocannon, handing each request the next prepared
// assertion and proof, until the duration ends or the prepared requests run
// out. Only 200 answers carrying an access_token count as issued tokens; a
// sample of them is kept for checking that the tokens are DPoP-bound.
import autocannon from "autocannon";
import { decodeJwt } from "jose";
import { baseHeaders, BenchError, type AgentKey, type Prepared, type Target } from "@/scripts/bench/token/prepare";

export type RoundResult = {
  target: string;
  prepared: number;
  issued: number;
  /** answers that were not 200 with an access token, by status */
  failed: number;
  failures: Map<string, number>;
  errors: number;
  seconds: number;
  tokensPerSecond: number;
  p50: number;
  p99: number;
  /** the prepared requests ran out before the duration */
  exhausted: boolean;
  samples: string[];
};

const SAMPLES = 20;

export function drive(target: Target, prepared: Prepared, options: { connections: number; duration: number }): Promise<RoundResult> {
  const count = prepared.bodies.length;
  const headers = baseHeaders(target);
  const path = new URL(target.tokenEndpoint).pathname;
  const sampleEvery = Math.max(1, Math.floor(count / SAMPLES));
  let next = 0;
  let issued = 0;
  let failed = 0;
  let last = 0;
  const failures = new Map<string, number>();
  const samples: string[] = [];
  const started = performance.now();

  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${target.port}`,
        connections: Math.min(options.connections, count),
        amount: count,
        timeout: 10,
        requests: [
          {
            method: "POST",
            path,
            setupRequest: (request) => {
              // autocannon asks exactly `amount` times; clamp anyway, a replayed request shows up as a failure
              const index = Math.min(next, count - 1);
              next += 1;
              request.body = prepared.bodies[index]!;
              request.headers = { ...headers, dpop: prepared.proofs[index]! };
              return request;
            },
            onResponse: (status, body) => {
              last = performance.now();
              if (status === 200 && body.includes('"access_token"')) {
                issued += 1;
                if (issued % sampleEvery === 1 && samples.length < SAMPLES) samples.push(body);
                return;
              }
              failed += 1;
              const key = `HTTP ${status}: ${body.slice(0, 240)}`;
              failures.set(key, (failures.get(key) ?? 0) + 1);
            },
          },
        ],
      },
      (error: Error | null, result) => {
        clearTimeout(timer);
        if (error) return reject(error);
        const seconds = ((last || performance.now()) - started) / 1000;
        resolve({
          target: target.name,
          prepared: count,
          issued,
          failed,
          failures,
          errors: result.errors,
          seconds,
          tokensPerSecond: seconds > 0 ? issued / seconds : 0,
          p50: result.latency.p50,
          p99: result.latency.p99,
          exhausted: next >= count && seconds < options.duration - 0.5,
          samples,
        });
      },
    );
    const timer = setTimeout(() => instance.stop(), options.duration * 1000);
  });
}

/** Every sampled answer is a DPoP token response whose access token is a JWT bound to the agent's key (cnf.jkt). */
export function checkSamples(target: Target, key: AgentKey, samples: string[]): void {
  for (const sample of samples) {
    const answer = JSON.parse(sample) as { access_token?: string; token_type?: string; expires_in?: number; scope?: string };
    if (answer.token_type?.toLowerCase() !== "dpop") throw new BenchError(`${target.name}: token_type is ${answer.token_type}, expected DPoP`);
    let claims: Record<string, unknown>;
    try {
      claims = decodeJwt(answer.access_token ?? "");
    } catch {
      throw new BenchError(`${target.name}: the access token is not a JWT, so its DPoP binding (cnf.jkt) cannot be checked`);
    }
    const jkt = (claims.cnf as { jkt?: string } | undefined)?.jkt;
    if (jkt !== key.thumbprint) throw new BenchError(`${target.name}: the access token's cnf.jkt is ${jkt ?? "missing"}, expected ${key.thumbprint}`);
    if (!answer.scope) throw new BenchError(`${target.name}: the token response has no scope`);
  }
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}
