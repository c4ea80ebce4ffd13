// Turns whatever failed during a discovery (fetch errors, SDK errors, HTTP
// statuses) into an AppError whose message tells the owner what to fix. Every
// message and kept cause is scrubbed of the bearer credential.
import "server-only";
import { StreamableHTTPError } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { McpError } from "@modelcontextprotocol/sdk/types.js";
import { AppError, type FieldIssue } from "@/lib/errors/app-error";
import { findOutboundError, type OutboundError } from "@/lib/http/outbound/errors";

export type DiscoveryTarget = {
  /** The URL without query or fragment (those may hold secrets). */
  shown: string;
  origin: string;
  bearer: string | undefined;
};

/** What Warden was doing when it failed. */
export type DiscoveryPhase = { step: "initialize" } | { step: "list"; page: number };

/** The last HTTP response the transport saw, recorded by the fetch wrapper. */
export type LastResponse = { status: number; contentType: string | null };

const REDACTED = "[redacted]";

export function redact(text: string, bearer: string | undefined): string {
  return bearer ? text.split(bearer).join(REDACTED) : text;
}

function chainText(error: unknown): string {
  const parts: string[] = [];
  for (let current: unknown = error, depth = 0; current !== undefined && current !== null && depth < 5; depth += 1) {
    if (current instanceof Error) {
      parts.push(current.message, current.stack ?? "");
      current = current.cause;
    } else {
      parts.push(String(current));
      break;
    }
  }
  return parts.join("\n");
}

export function discoveryError(target: DiscoveryTarget, code: "bad_gateway" | "gateway_timeout", message: string, options: { cause?: unknown; issues?: FieldIssue[] } = {}): AppError {
  // The cause is logged with 5xx errors: keep it only if it cannot leak the credential.
  const cause = target.bearer && chainText(options.cause).includes(target.bearer) ? undefined : options.cause;
  const issues = options.issues?.map((issue) => ({ path: issue.path, message: redact(issue.message, target.bearer) }));
  return new AppError(code, redact(message, target.bearer), { cause, issues });
}

/** A short, single-line excerpt of text a server sent. */
export function excerpt(text: string, max = 200): string {
  const line = text.replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max)}…` : line;
}

const NETWORK_REASONS: Record<string, string> = {
  ECONNREFUSED: "connection refused (is the server running, and on this port?)",
  ENOTFOUND: "the host name does not resolve (DNS)",
  EAI_AGAIN: "the DNS lookup failed; try again",
  ECONNRESET: "the connection was reset",
  EHOSTUNREACH: "the host is unreachable",
  ENETUNREACH: "the network is unreachable",
  ETIMEDOUT: "the connection timed out",
  UND_ERR_CONNECT_TIMEOUT: "the connection timed out",
  UND_ERR_SOCKET: "the connection was closed before an answer",
  UND_ERR_CLOSED: "the connection was closed before an answer",
  ERR_SSL_WRONG_VERSION_NUMBER: "TLS handshake failed (is the server really speaking https on this port?)",
};

/** The reason a fetch failed below HTTP (socket, DNS, TLS), or undefined when it did not. */
function networkReason(error: unknown): string | undefined {
  if (!(error instanceof TypeError) || !(error.cause instanceof Error)) return undefined;
  const cause = error.cause as Error & { code?: unknown; errors?: unknown };
  // Happy eyeballs reports several addresses at once; any of them says why.
  const first = Array.isArray(cause.errors) ? (cause.errors[0] as (Error & { code?: unknown }) | undefined) : undefined;
  const code = typeof cause.code === "string" ? cause.code : typeof first?.code === "string" ? first.code : "";
  if (NETWORK_REASONS[code]) return NETWORK_REASONS[code];
  if (/CERT|^ERR_TLS_|^ERR_SSL_/.test(code)) return `TLS error: ${excerpt(cause.message || code, 160)}`;
  if (cause.message === "bad port") return "fetch refuses this port (it is reserved for another protocol)";
  return excerpt(cause.message || first?.message || error.message, 160);
}

function isZodLike(error: unknown): boolean {
  return error instanceof Error && (error.name === "ZodError" || Array.isArray((error as { issues?: unknown }).issues));
}

const NOT_MCP = (target: DiscoveryTarget) => `${target.shown} does not look like an MCP server (Streamable HTTP)`;

function httpFailure(target: DiscoveryTarget, error: StreamableHTTPError, last: LastResponse | undefined): AppError {
  const status = error.code ?? 0;
  const body = error.message.replace(/^Streamable HTTP error: (Error POSTing to endpoint: )?/, "").replace(/ \(redirectPolicy: [^)]*\)/, "");
  const html = last?.contentType?.toLowerCase().includes("text/html") ?? false;
  if (status === 401 || status === 403) {
    const hint = target.bearer
      ? "The credential given was not accepted; check that it is valid for this server and not expired"
      : "If it needs a credential, give one for this discovery";
    return discoveryError(target, "bad_gateway", `The server refused Warden's request (HTTP ${status}). ${hint}`, { cause: error });
  }
  if (status === -1) {
    // The SDK's code for a 2xx answer that is neither JSON nor an event stream.
    const what = html ? "an HTML page" : `content of type ${last?.contentType ?? "unknown"}`;
    return discoveryError(target, "bad_gateway", `${NOT_MCP(target)}: it answered with ${what} instead of JSON-RPC. Check the URL of the MCP endpoint (often …/mcp)`, { cause: error });
  }
  if (status >= 300 && status < 400) {
    return discoveryError(target, "bad_gateway", `${target.shown} redirected Warden (HTTP ${status}): ${excerpt(body)}. Register the URL it redirects to`, { cause: error });
  }
  if (status >= 500) {
    const detail = html || !body ? "" : `: ${excerpt(body)}`;
    return discoveryError(target, "bad_gateway", `The server at ${target.shown} failed (HTTP ${status})${detail}`, { cause: error });
  }
  const detail = html ? " with an HTML page" : body ? `: ${excerpt(body)}` : "";
  const hint = status === 404 || status === 405 ? ". Check the URL of the MCP endpoint (often …/mcp)" : "";
  return discoveryError(target, "bad_gateway", `${NOT_MCP(target)}: it answered HTTP ${status}${detail}${hint}`, { cause: error });
}

/** What the outbound guard stopped (docs/outbound-requests.md). */
function outboundFailure(target: DiscoveryTarget, error: OutboundError, during: string): AppError {
  if (error.kind === "blocked") return discoveryError(target, "bad_gateway", `Warden does not connect to ${target.origin}: ${error.message}`, { cause: error });
  if (error.kind === "timeout") {
    return discoveryError(target, "gateway_timeout", `${target.shown} did not answer within ${Number(((error.limit ?? 0) / 1000).toFixed(2))} s${during}`, { cause: error });
  }
  return discoveryError(target, "bad_gateway", `${target.shown} failed${during}: ${error.message}`, { cause: error });
}

export function classifyFailure(input: {
  error: unknown;
  target: DiscoveryTarget;
  phase: DiscoveryPhase;
  timedOut: boolean;
  timeoutMs: number;
  last: LastResponse | undefined;
}): AppError {
  const { error, target, phase } = input;
  if (error instanceof AppError) return error;
  const during = phase.step === "initialize" ? "" : ` while listing its tools (page ${phase.page})`;
  if (input.timedOut) {
    const seconds = Number((input.timeoutMs / 1000).toFixed(2));
    return discoveryError(target, "gateway_timeout", `${target.shown} did not answer within ${seconds} s${during}`, { cause: error });
  }
  const outbound = findOutboundError(error);
  if (outbound) return outboundFailure(target, outbound, during);
  const network = networkReason(error);
  if (network) return discoveryError(target, "bad_gateway", `Could not reach ${target.origin}: ${network}`, { cause: error });
  if (error instanceof StreamableHTTPError) return httpFailure(target, error, input.last);

  const message = error instanceof Error ? error.message : String(error);
  if (phase.step === "initialize") {
    let why: string;
    if (isZodLike(error)) why = "its answer is not a valid JSON-RPC message or initialize result";
    else if (error instanceof SyntaxError) why = "its answer is not valid JSON";
    else if (error instanceof McpError) why = `initialize failed: ${excerpt(message)}`;
    else why = excerpt(message);
    return discoveryError(target, "bad_gateway", `${NOT_MCP(target)}: ${why}`, { cause: error });
  }
  const why = isZodLike(error) ? "its answer is not valid JSON-RPC" : error instanceof SyntaxError ? "its answer is not valid JSON" : excerpt(message);
  return discoveryError(target, "bad_gateway", `${target.shown} failed${during}: ${why}`, { cause: error });
}
