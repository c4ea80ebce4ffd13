// RFC 8707 resource indicators: exactly one absolute URI without a fragment,
// naming an active identity of the expected kind.
import { OAuthError } from "@/lib/oauth/errors";
import { identityAtUri } from "@/lib/oauth/lookups";

export function singleResource(values: string[], name = "resource"): string {
  if (values.length === 0) throw new OAuthError("invalid_target", `${name} is required: the resource URI the token is for`);
  if (values.length > 1) throw new OAuthError("invalid_target", `Send exactly one ${name}; a token is for one resource`);
  const value = values[0]!;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthError("invalid_target", `${name} must be an absolute URI`);
  }
  if (value.includes("#") || url.hash) throw new OAuthError("invalid_target", `${name} must not contain a fragment`);
  return value;
}

export async function activeIdentityAt(uri: string, kinds: ("server" | "resource")[]) {
  const identity = await identityAtUri(uri);
  if (!identity || !kinds.includes(identity.kind as "server" | "resource")) throw new OAuthError("invalid_target", `No registered ${kinds.join(" or ")} has the resource URI ${uri}`);
  if (identity.status !== "active") throw new OAuthError("invalid_target", `The ${identity.kind} at ${uri} is ${identity.status}`);
  return identity;
}
