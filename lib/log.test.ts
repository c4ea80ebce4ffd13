import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { runWithRequestContext } from "@/lib/http/request-context";
import { createLogger } from "@/lib/log";

function capture() {
  const lines: Record<string, unknown>[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line) lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { log: createLogger({ level: "trace", destination }), lines, text: () => JSON.stringify(lines) };
}

describe("the logger", () => {
  it("redacts secret-bearing fields at the top level, one object down, and in headers", () => {
    const { log, lines, text } = capture();
    const secrets: Record<string, string> = {};
    const value = (name: string) => (secrets[name] = `SECRET-${name}-${Math.random().toString(36).slice(2)}`);
    const fields = ["password", "newPassword", "secret", "secretEnc", "token", "access_token", "refresh_token", "client_assertion", "assertion", "authorization", "cookie", "dpop", "privateKey", "private_key", "kek", "passwordHash", "subject_token", "actor_token", "client_secret"];
    log.info(Object.fromEntries(fields.map((field) => [field, value(field)])), "top level");
    log.info({ body: Object.fromEntries(fields.map((field) => [field, value(`body.${field}`)])) }, "one down");
    log.info({ headers: { authorization: value("h.authorization"), cookie: value("h.cookie"), dpop: value("h.dpop"), "set-cookie": value("h.set-cookie") } }, "headers");
    log.info({ req: { headers: { authorization: value("req.authorization"), cookie: value("req.cookie") } } }, "nested headers");
    log.info({ jwk: { kty: "EC", crv: "P-256", x: "public-x", d: value("jwk.d") }, key: { d: value("key.d") }, signer: { jwk: { d: value("signer.jwk.d") } } }, "keys");
    log.info({ signingKey: { privateJwk: { d: value("privateJwk.d") } }, encryptedPrivateKey: value("encrypted") }, "stored key");
    expect(lines).toHaveLength(6);
    for (const [name, secret] of Object.entries(secrets)) expect(text().includes(secret), name).toBe(false);
    expect(text()).toContain("[redacted]");
    // public parts stay
    expect(lines[4]).toMatchObject({ jwk: { kty: "EC", x: "public-x", d: "[redacted]" } });
  });

  it("leaves a field named d alone outside a JWK", () => {
    const { log, lines } = capture();
    log.info({ d: 4, stats: { d: 5 } }, "not a key");
    expect(lines[0]).toMatchObject({ d: 4, stats: { d: 5 } });
  });

  it("adds the request id of the request context to every line, the call's own fields winning", () => {
    const { log, lines } = capture();
    runWithRequestContext({ requestId: "req_context", ip: null, userAgent: null }, () => {
      log.info("inside");
      log.info({ requestId: "req_explicit" }, "explicit");
    });
    log.info("outside");
    expect(lines.map((line) => line.requestId)).toEqual(["req_context", "req_explicit", undefined]);
    expect(lines[0]).toMatchObject({ service: "warden", level: 30, msg: "inside" });
    expect(typeof lines[0]!.time).toBe("string");
  });
});
