// The CA certificates tls_client_auth accepts (WARDEN_MTLS_CA_FILE, a PEM
// bundle). Read on first use and again when the file changes (checked at most
// every 10 s), so replacing the bundle needs no restart.
import { statSync, readFileSync } from "node:fs";
import { X509Certificate } from "node:crypto";
import { env } from "@/lib/config/env";
import { logger } from "@/lib/log";

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;
const RECHECK_MS = 10_000;

type Loaded = { path: string; mtimeMs: number; checkedAt: number; cas: X509Certificate[] };
let loaded: Loaded | null = null;

/** Parses every certificate of a PEM bundle; throws on a block that is not one. */
export function parseCaBundle(pem: string): X509Certificate[] {
  return (pem.match(PEM_BLOCK) ?? []).map((block) => new X509Certificate(block));
}

export function trustedCas(now = Date.now()): X509Certificate[] {
  const path = env().WARDEN_MTLS_CA_FILE;
  if (!path) return [];
  if (loaded && loaded.path === path && now - loaded.checkedAt < RECHECK_MS) return loaded.cas;
  try {
    const { mtimeMs } = statSync(path);
    if (!loaded || loaded.path !== path || loaded.mtimeMs !== mtimeMs) {
      const cas = parseCaBundle(readFileSync(path, "utf8")).filter((certificate) => certificate.ca);
      if (cas.length === 0) logger().error({ path }, "WARDEN_MTLS_CA_FILE holds no CA certificate: tls_client_auth refuses every client");
      loaded = { path, mtimeMs, checkedAt: now, cas };
    } else {
      loaded.checkedAt = now;
    }
    return loaded.cas;
  } catch (error) {
    logger().error({ err: error, path }, "could not read WARDEN_MTLS_CA_FILE: tls_client_auth refuses every client");
    loaded = { path, mtimeMs: -1, checkedAt: now, cas: [] };
    return [];
  }
}

/** The trusted CA that issued and signed `certificate`, if any is currently valid. */
export function issuingCa(certificate: X509Certificate, cas: X509Certificate[], now = Date.now()): X509Certificate | null {
  for (const ca of cas) {
    if (Date.parse(ca.validTo) < now || Date.parse(ca.validFrom) > now) continue;
    if (certificate.checkIssued(ca) && certificate.verify(ca.publicKey)) return ca;
  }
  return null;
}
