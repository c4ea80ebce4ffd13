// If-None-Match against a current ETag, for every conditional GET Warden answers (JWKS, policy bundles,
// identity JWK Sets, protected-resource metadata). RFC 9110 §13.1.2: the weak comparison (W/ prefixes
// ignored), and "*" matches any current representation. No closure per call: the JWKS's 304s use it.

function opaque(tag: string): string {
  return tag.startsWith("W/") ? tag.slice(2) : tag;
}

export function matchesIfNoneMatch(header: string | null | undefined, etag: string): boolean {
  if (!header) return false;
  const wanted = opaque(etag);
  for (const part of header.split(",")) {
    const tag = part.trim();
    if (tag === "*" || opaque(tag) === wanted) return true;
  }
  return false;
}
