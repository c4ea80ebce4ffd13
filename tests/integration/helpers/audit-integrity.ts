// Shared by the audit integrity tests: a signing key in a fresh database (as
// start-up would create it) and a realistic mix of events.
import { appendAuditEvents, type AuditInput } from "@/lib/audit/append";
import type { Db } from "@/lib/db/client";
import { transact } from "@/lib/db/transaction";
import { generateSigningKey, type SigningAlgorithm } from "@/lib/signing-keys/generate-key";
import { encryptSecret } from "@/lib/signing-keys/kek";

export async function seedSigningKey(client: Db, options: { status?: "active" | "retired"; alg?: SigningAlgorithm } = {}): Promise<string> {
  const key = await generateSigningKey(options.alg ?? "ES256");
  await client.signingKey.create({
    data: { kid: key.kid, alg: key.alg, publicJwk: key.publicJwk as object, encryptedPrivateKey: encryptSecret(JSON.stringify(key.privateJwk), key.kid), status: options.status ?? "active", activatedAt: new Date() },
  });
  return key.kid;
}

export async function append(client: Db, inputs: AuditInput[]) {
  return transact((tx) => appendAuditEvents(tx, inputs), client);
}

const AGENT = { type: "identity" as const, id: "agt_01jtamperagent0000000000000", label: "billing agent" };
const GATEWAY = { type: "identity" as const, id: "gwy_01jtampergateway00000000000", label: "edge gateway" };

/** What the token service and an enforcement point write: tokens, decisions, tool calls, and an admin change. */
export function realisticEvents(count: number, at?: (index: number) => Date): AuditInput[] {
  return Array.from({ length: count }, (_, index): AuditInput => {
    const when = at?.(index);
    const jti = `jti-${index}`;
    switch (index % 4) {
      case 0:
        return {
          action: "token.issued",
          actor: AGENT,
          target: { type: "server", id: "srv_01jtamperserver00000000000" },
          details: { grantType: "client_credentials", agentId: AGENT.id, clientId: "billing", serverId: "srv_01jtamperserver00000000000", scopes: ["invoices.read"], tiers: { "invoices.read": "read" }, jti, tokenType: "DPoP" },
          at: when,
        };
      case 1:
        return {
          action: "mcp.decision",
          actor: GATEWAY,
          outcome: index % 8 === 1 ? "denied" : "success",
          target: { type: "identity", id: "srv_01jtamperserver00000000000" },
          details: { gatewayId: GATEWAY.id, agentId: AGENT.id, serverId: "srv_01jtamperserver00000000000", tool: "delete_invoice", scope: "invoices.delete", tier: "irreversible", jti: `jti-${index - 1}`, decision: index % 8 === 1 ? "deny" : "allow" },
          at: when,
        };
      case 2:
        return {
          action: "mcp.tool_call",
          actor: GATEWAY,
          target: { type: "identity", id: "srv_01jtamperserver00000000000" },
          details: { gatewayId: GATEWAY.id, agentId: AGENT.id, tool: "list_invoices", scope: "invoices.read", tier: "read", jti: `jti-${index - 2}`, result: "success", durationMs: 12 },
          context: { requestId: `req_${index}`, ip: "203.0.113.7", userAgent: "warden-gateway/1.0" },
          at: when,
        };
      default:
        return { action: "grant.created", actor: { type: "user", id: "usr_01jtamperadmin000000000000", label: "Ada Admin" }, target: { type: "grant", id: `grt_${index}` }, details: { agentId: AGENT.id, scope: "invoices.read" }, at: when };
    }
  });
}
