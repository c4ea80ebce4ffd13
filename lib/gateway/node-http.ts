// The enforcement SDK on node:http, in front of an MCP SDK Streamable HTTP
// transport (or anything with the same handleRequest/send shape):
// `enforceMcpRequest` decides each request with the McpEnforcer, answers
// refusals itself, and hands allowed requests to the transport with `req.auth`
// set (tool handlers see it as extra.authInfo). It also sits on the
// transport's outgoing messages: the answer to a tools/list is filtered to the
// tools the caller may call, and the answer to a tools/call becomes a
// tool_call event. `serveProtectedResourceMetadata` answers RFC 9728 metadata.
// No Next.js or database imports: usable from any Node service.
import type { IncomingMessage, ServerResponse } from "node:http";
import { clientCertificateOf, type ClientCertificateSource } from "@/lib/gateway/client-certificate";
import type { Allowed, JsonRpcId, McpEnforcer } from "@/lib/gateway/enforcer";

const MAX_BODY_BYTES = 4 * 1024 * 1024;

type OutgoingMessage = { id?: JsonRpcId; result?: { tools?: { name?: unknown }[]; isError?: unknown }; error?: unknown };

/** The part of the MCP SDK's StreamableHTTPServerTransport this module uses. */
export type McpHttpTransport = {
  handleRequest(req: IncomingMessage & { auth?: unknown }, res: ServerResponse, parsedBody?: unknown): Promise<void>;
  send(message: never, options?: never): Promise<void>;
};

type Pending = { allowed: Allowed } & ({ kind: "list" } | { kind: "call"; call: Allowed["toolCalls"][number] });

const pendingByTransport = new WeakMap<McpHttpTransport, Map<JsonRpcId, Pending>>();

function pendingFor(enforcer: McpEnforcer, transport: McpHttpTransport): Map<JsonRpcId, Pending> {
  let pending = pendingByTransport.get(transport);
  if (pending) return pending;
  const map = (pending = new Map<JsonRpcId, Pending>());
  pendingByTransport.set(transport, map);
  const send = transport.send.bind(transport) as (message: OutgoingMessage, options?: unknown) => Promise<void>;
  (transport as unknown as { send: typeof send }).send = async (message, options) => {
    const entry = message.id !== undefined && (message.result !== undefined || message.error !== undefined) ? map.get(message.id) : undefined;
    if (entry) {
      map.delete(message.id!);
      if (entry.kind === "list" && Array.isArray(message.result?.tools)) {
        const tools = message.result.tools.filter((tool) => typeof tool.name === "string" && entry.allowed.callableTools.has(tool.name));
        message = { ...message, result: { ...message.result, tools } };
      }
      if (entry.kind === "call") enforcer.recordToolCall(entry.allowed, entry.call, message.error !== undefined || message.result?.isError === true ? "error" : "success");
    }
    return send(message, options);
  };
  return map;
}

async function readJson(req: IncomingMessage): Promise<{ ok: true; body: unknown } | { ok: false; status: number; message: string }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY_BYTES) return { ok: false, status: 413, message: `The request body must be at most ${MAX_BODY_BYTES} bytes` };
    chunks.push(chunk);
  }
  try {
    return { ok: true, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) };
  } catch {
    return { ok: false, status: 400, message: "Parse error: the body is not JSON" };
  }
}

/** The absolute URL the client addressed: this server's public origin (from its resource URI) and the request's path. */
function requestUrl(enforcer: McpEnforcer, req: IncomingMessage): string {
  return `${new URL(enforcer.resourceUri).origin}${req.url ?? "/"}`;
}

export async function enforceMcpRequest(enforcer: McpEnforcer, transport: McpHttpTransport, req: IncomingMessage & { auth?: unknown }, res: ServerResponse, options: { clientCertificate?: ClientCertificateSource } = {}): Promise<void> {
  let body: unknown;
  if (req.method === "POST") {
    const read = await readJson(req);
    if (!read.ok) {
      res.writeHead(read.status, { "content-type": "application/json" });
      res.end(JSON.stringify({ jsonrpc: "2.0", error: { code: -32700, message: read.message }, id: null }));
      return;
    }
    body = read.body;
  }
  const clientCertificate = clientCertificateOf(req, options.clientCertificate);
  const decision = await enforcer.check({ method: req.method ?? "GET", url: requestUrl(enforcer, req), headers: req.headers, clientCertificate }, body);
  if (!decision.allowed) {
    res.writeHead(decision.status, decision.headers);
    res.end(decision.body);
    return;
  }
  if (decision.toolsList.length > 0 || decision.toolCalls.length > 0) {
    const pending = pendingFor(enforcer, transport);
    for (const id of decision.toolsList) pending.set(id, { kind: "list", allowed: decision });
    for (const call of decision.toolCalls) pending.set(call.id, { kind: "call", allowed: decision, call });
  }
  req.auth = decision.auth;
  await transport.handleRequest(req, res, body);
}

/** Answers GET <metadata URL> with the RFC 9728 document; false for any other request. */
export function serveProtectedResourceMetadata(enforcer: McpEnforcer, req: IncomingMessage, res: ServerResponse): boolean {
  if (req.method !== "GET" || new URL(requestUrl(enforcer, req)).pathname !== new URL(enforcer.resourceMetadataUrl).pathname) return false;
  res.writeHead(200, { "content-type": "application/json", "cache-control": "public, max-age=60" });
  res.end(JSON.stringify(enforcer.protectedResourceMetadata()));
  return true;
}
