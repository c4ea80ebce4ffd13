// tls_client_auth's subject check (RFC 8705 §2.1.2): the certificate must hold
// the registered value in the registered field. Subject DNs are compared as
// sets of attribute=value pairs (types case-insensitive, values exact), so the
// RDN order a CA happens to write — RFC 4514 strings list them in reverse of
// the DER order — does not matter. SANs come from node:crypto's
// subjectAltName text, in which Node quotes values holding separators.
import type { X509Certificate } from "node:crypto";
import { isIP } from "node:net";

export type SubjectField = "subject_dn" | "san_dns" | "san_uri" | "san_ip" | "san_email";

/** Splits an RFC 4514 string (or one of Node's newline-separated subjects) into TYPE=value pairs, unescaping values. */
export function dnPairs(dn: string): string[] {
  const pairs: string[] = [];
  let current = "";
  for (let index = 0; index < dn.length; index += 1) {
    const char = dn[index]!;
    if (char === "\\" && index + 1 < dn.length) {
      const hex = /^[0-9a-fA-F]{2}/.exec(dn.slice(index + 1, index + 3));
      current += hex ? String.fromCharCode(parseInt(hex[0], 16)) : dn[index + 1];
      index += hex ? 2 : 1;
    } else if (char === "," || char === "+" || char === "\n") {
      pairs.push(current);
      current = "";
    } else {
      current += char;
    }
  }
  pairs.push(current);
  return pairs
    .map((pair) => {
      const at = pair.indexOf("=");
      return at < 0 ? pair.trim() : `${pair.slice(0, at).trim().toUpperCase()}=${pair.slice(at + 1).trim()}`;
    })
    .filter(Boolean)
    .sort();
}

const SAN_LABELS: Record<Exclude<SubjectField, "subject_dn">, string> = { san_dns: "DNS", san_uri: "URI", san_ip: "IP Address", san_email: "email" };

/** The certificate's subjectAltName entries of one kind. */
export function sanValues(certificate: X509Certificate, field: Exclude<SubjectField, "subject_dn">): string[] {
  const text = certificate.subjectAltName ?? "";
  const values: string[] = [];
  const entry = /(DNS|URI|IP Address|email|othername|DirName|Registered ID):("(?:[^"\\]|\\.)*"|[^,]*)(?:, |$)/g;
  for (let match = entry.exec(text); match; match = entry.exec(text)) {
    if (match[1] !== SAN_LABELS[field]) continue;
    const raw = match[2]!;
    values.push(raw.startsWith('"') ? (JSON.parse(raw) as string) : raw);
  }
  return values;
}

function sameIp(a: string, b: string): boolean {
  if (isIP(a) === 0 || isIP(b) === 0) return false;
  // Node prints IPv6 SANs in full (0:0:…:1): compare expanded forms
  const expand = (ip: string) => (isIP(ip) === 6 ? new URL(`http://[${ip}]/`).hostname : ip);
  return expand(a) === expand(b);
}

export function subjectMatches(certificate: X509Certificate, field: SubjectField, expected: string): boolean {
  if (field === "subject_dn") {
    const want = dnPairs(expected);
    const have = dnPairs(certificate.subject);
    return want.length === have.length && want.every((pair, index) => pair === have[index]);
  }
  const values = sanValues(certificate, field);
  switch (field) {
    case "san_dns":
    case "san_email":
      return values.some((value) => value.toLowerCase() === expected.toLowerCase());
    case "san_ip":
      return values.some((value) => sameIp(value, expected));
    case "san_uri":
      return values.includes(expected);
  }
}
