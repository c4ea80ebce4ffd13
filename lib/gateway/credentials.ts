// How an enforcement point authenticates to Warden's policy endpoints (bundle,
// status, events): a short-lived JWT it signs with its registered key,
// iss = sub = its identity id, aud = the endpoint's URL, reused until a minute
// before it expires (lib/policy/bundle/endpoint-auth.ts checks it).
// No Next.js or database imports: usable from any Node service.
import crypto from "node:crypto";
import { SignJWT, type CryptoKey, type KeyObject } from "jose";

export type SigningKey = { privateKey: CryptoKey | KeyObject; kid: string; alg: string };

const LIFETIME_SECONDS = 300;

export class EndpointCredentials {
  readonly #cache = new Map<string, { jwt: string; renewAt: number }>();

  constructor(
    private readonly identityId: string,
    private readonly key: SigningKey,
  ) {}

  async bearer(audience: string): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const cached = this.#cache.get(audience);
    if (cached && cached.renewAt > now) return cached.jwt;
    const jwt = await new SignJWT({ jti: crypto.randomUUID() })
      .setProtectedHeader({ alg: this.key.alg, kid: this.key.kid })
      .setIssuer(this.identityId)
      .setSubject(this.identityId)
      .setAudience(audience)
      .setIssuedAt(now)
      .setExpirationTime(now + LIFETIME_SECONDS)
      .sign(this.key.privateKey);
    this.#cache.set(audience, { jwt, renewAt: now + LIFETIME_SECONDS - 60 });
    return jwt;
  }

  /** After a 401: the next request signs a new credential. */
  forget(audience: string): void {
    this.#cache.delete(audience);
  }
}
