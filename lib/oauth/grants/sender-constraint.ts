// What a new access token is bound to (its `cnf`), from the client's token
// binding, its DPoP proof and the client certificate a trusted proxy
// forwarded: DPoP (RFC 9449: cnf.jkt, token_type DPoP) or the certificate
// (RFC 8705 §3: cnf["x5t#S256"], token_type Bearer, as the RFC's examples).
import type { AuthenticatedClient } from "@/lib/oauth/client-auth";
import { TOKEN_ENDPOINT } from "@/lib/oauth/config";
import { verifyDpopProof, type VerifiedProof } from "@/lib/oauth/dpop";
import { OAuthError } from "@/lib/oauth/errors";
import type { OAuthRequest } from "@/lib/oauth/request";

export type Cnf = { jkt: string } | { "x5t#S256": string };

export type SenderConstraint = {
  cnf: Cnf | null;
  proof: VerifiedProof | null;
  tokenType: "DPoP" | "Bearer";
  binding: "dpop" | "mtls" | null;
};

const UNBOUND: SenderConstraint = { cnf: null, proof: null, tokenType: "Bearer", binding: null };

function certificateBound(client: AuthenticatedClient, why: string): SenderConstraint {
  if (client.certificate) return { cnf: { "x5t#S256": client.certificate.thumbprint }, proof: null, tokenType: "Bearer", binding: "mtls" };
  if (client.certificateProblem) throw new OAuthError("invalid_client", client.certificateProblem);
  throw new OAuthError("invalid_request", why);
}

async function dpopBound(request: OAuthRequest): Promise<SenderConstraint> {
  const proof = await verifyDpopProof(request.header("dpop")!, { htm: "POST", htu: TOKEN_ENDPOINT() });
  return { cnf: { jkt: proof.jkt }, proof, tokenType: "DPoP", binding: "dpop" };
}

/** The constraint for an agent's own token (client_credentials). */
export async function agentTokenConstraint(request: OAuthRequest, client: AuthenticatedClient): Promise<SenderConstraint> {
  const hasProof = request.header("dpop") !== null;
  switch (client.tokenBinding) {
    case "dpop":
      if (!hasProof) throw new OAuthError("invalid_dpop_proof", "This agent must present a DPoP proof (DPoP header)");
      return dpopBound(request);
    case "mtls":
      return certificateBound(client, "This agent's tokens are bound to its client certificate (mTLS): connect through Warden's TLS-terminating proxy with the certificate");
    case "dpop_or_mtls":
      if (hasProof) return dpopBound(request);
      return certificateBound(client, "This agent's tokens must be sender-constrained: present a DPoP proof (DPoP header) or connect with its client certificate (mTLS)");
    case "bearer":
      // an agent allowed Bearer tokens may still ask for a DPoP-bound one
      return hasProof ? dpopBound(request) : UNBOUND;
  }
}

/** The constraint for a token an MCP server obtains by exchange: bound to the server itself, as firmly as the subject token was bound. */
export async function exchangedTokenConstraint(request: OAuthRequest, client: AuthenticatedClient, subjectCnf: { jkt?: string; "x5t#S256"?: string } | undefined): Promise<SenderConstraint> {
  if (request.header("dpop") !== null) {
    const bound = await dpopBound(request);
    // the new token is bound to the server, never to a key it merely generated for the occasion
    if (!client.keyThumbprints.includes(bound.proof!.jkt)) throw new OAuthError("invalid_dpop_proof", "The DPoP proof must be made with one of the server's own registered keys");
    return bound;
  }
  if (subjectCnf?.jkt && !client.certificate) throw new OAuthError("invalid_dpop_proof", "The subject token is DPoP-bound: present a DPoP proof made with the server's own key");
  if (client.certificate) return certificateBound(client, "");
  if (subjectCnf?.["x5t#S256"]) {
    if (client.certificateProblem) throw new OAuthError("invalid_client", client.certificateProblem);
    throw new OAuthError("invalid_request", "The subject token is certificate-bound: present a DPoP proof made with the server's own key, or connect with the server's client certificate (mTLS)");
  }
  return UNBOUND;
}
