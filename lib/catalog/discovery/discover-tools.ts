// Live discovery: connect to a registered MCP server's Streamable HTTP endpoint
// with the official SDK client, list its tools (following pagination) and
// return them checked. The owner's bearer credential is used for this call only:
// it is never stored, logged or echoed in an error.
import "server-only";
import { WARDEN_VERSION } from "@/lib/runtime/version";
import { Client } from "@modelcontextprotocol/sdk/client/index.js";
import { StreamableHTTPClientTransport } from "@modelcontextprotocol/sdk/client/streamableHttp.js";
import { z } from "zod";
import { AppError } from "@/lib/errors/app-error";
import { zodIssues } from "@/lib/errors/normalize";
import { findOutboundError } from "@/lib/http/outbound/errors";
import { outboundFetch } from "@/lib/http/outbound/fetch";
import {
  classifyFailure,
  discoveryError,
  excerpt,
  type DiscoveryPhase,
  type DiscoveryTarget,
  type LastResponse,
} from "@/lib/catalog/discovery/discovery-errors";
import { toReportedTool, ZListedTool, ZToolsPage, type ReportedTool } from "@/lib/catalog/discovery/reported-tool";

// One tool-name rule for discovery and the catalog.
export { ZToolName, isValidToolName, TOOL_NAME_PATTERN } from "@/lib/catalog/tool-name";
export type { ReportedTool } from "@/lib/catalog/discovery/reported-tool";

export type DiscoverToolsOptions = {
  url: string;
  bearer?: string;
  /** For the whole discovery, from connecting to the last page. */
  timeoutMs?: number;
  maxTools?: number;
  maxPages?: number;
};

export type DiscoveredTools = {
  server: { name: string; version: string; title?: string };
  protocolVersion: string | null;
  tools: ReportedTool[];
  pages: number;
};

const ZOptions = z.object({
  url: z
    .string()
    .trim()
    .min(1, "The URL is required")
    .max(2048, "The URL is at most 2048 characters")
    .refine((value) => URL.canParse(value), "Must be an absolute URL")
    .refine((value) => !URL.canParse(value) || ["http:", "https:"].includes(new URL(value).protocol), "Must be an http: or https: URL")
    .refine((value) => !URL.canParse(value) || (!new URL(value).username && !new URL(value).password), "Must not contain a user name or password; give a bearer credential instead"),
  // Pasting the whole header value ("Bearer abc") is forgiven; an empty one means none.
  bearer: z
    .string()
    .transform((value) => value.trim().replace(/^bearer\s+/i, ""))
    .refine((value) => value === "" || /^[\x21-\x7e]+$/.test(value), "The credential may contain only printable ASCII characters without spaces")
    .transform((value) => (value === "" ? undefined : value))
    .optional(),
  timeoutMs: z.number().int().min(100).max(300_000).default(10_000),
  maxTools: z.number().int().min(1).max(100_000).default(1000),
  maxPages: z.number().int().min(1).max(10_000).default(50),
});

// The page envelope is checked by ZToolsPage after the call, so a malformed answer
// gets Warden's message rather than the SDK's.
const ZAnyResult = z.unknown();

const CLIENT_INFO = { name: "warden-discovery", version: WARDEN_VERSION };

function describeValue(value: unknown): string {
  const name = value && typeof value === "object" ? (value as { name?: unknown }).name : undefined;
  return name === undefined ? "" : ` (${excerpt(JSON.stringify(name) ?? String(name), 60)})`;
}

/** Checks every tool of a page; a malformed one fails the whole discovery. */
function checkTools(target: DiscoveryTarget, raw: unknown[], firstIndex: number): ReportedTool[] {
  return raw.map((value, offset) => {
    const index = firstIndex + offset;
    const parsed = ZListedTool.safeParse(value);
    if (parsed.success) return toReportedTool(parsed.data);
    const issues = zodIssues(parsed.error, ["tools", String(index)]);
    const first = parsed.error.issues[0];
    const field = first && first.path.length > 0 ? first.path.map(String).join(".") : "(the tool itself)";
    return failTool(target, `${target.shown} reported a malformed tool: tools[${index}]${describeValue(value)}, field ${field}: ${first?.message ?? "invalid"}`, issues);
  });
}

function failTool(target: DiscoveryTarget, message: string, issues: { path: string; message: string }[]): never {
  throw discoveryError(target, "bad_gateway", message, { issues: issues.slice(0, 20) });
}

export async function discoverTools(options: DiscoverToolsOptions): Promise<DiscoveredTools> {
  const checked = ZOptions.safeParse(options);
  if (!checked.success) {
    throw new AppError("validation_failed", "The discovery request is not valid", { issues: zodIssues(checked.error) });
  }
  const { url: rawUrl, bearer, timeoutMs, maxTools, maxPages } = checked.data;
  const url = new URL(rawUrl);
  const target: DiscoveryTarget = { shown: `${url.origin}${url.pathname}`, origin: url.origin, bearer };

  const deadline = new AbortController();
  const timer = setTimeout(() => deadline.abort(new DOMException("Discovery timed out", "TimeoutError")), timeoutMs);
  let last: LastResponse | undefined;
  // Invalid messages inside an event stream reach onerror only, and the request
  // then waits for the deadline; remembering them explains that timeout.
  let streamProblem: unknown;

  const transport = new StreamableHTTPClientTransport(url, {
    requestInit: bearer ? { headers: { Authorization: `Bearer ${bearer}` } } : undefined,
    // The transport overrides requestInit.signal with its own, so the deadline joins here.
    fetch: async (input, init) => {
      const signal = init?.signal ? AbortSignal.any([init.signal, deadline.signal]) : deadline.signal;
      const response = await outboundFetch(input, { ...init, signal });
      // Only POSTs carry requests; the optional GET stream must not mask their answer.
      if (init?.method === "POST") last = { status: response.status, contentType: response.headers.get("content-type") };
      return response;
    },
  });
  const client = new Client(CLIENT_INFO, { capabilities: {} });
  client.onerror = (error) => {
    // An event stream stopped by the guard (too large, our timeout) also reaches onerror only.
    if (!deadline.signal.aborted && streamProblem === undefined && (error.name === "ZodError" || error instanceof SyntaxError || findOutboundError(error))) streamProblem = error;
  };
  // The SDK's own per-request timer must never fire before the deadline.
  const requestOptions = { signal: deadline.signal, timeout: timeoutMs + 5_000 };

  let phase: DiscoveryPhase = { step: "initialize" };
  try {
    await client.connect(transport, requestOptions);
    const info = client.getServerVersion();
    if (!client.getServerCapabilities()?.tools) {
      throw discoveryError(target, "bad_gateway", `${target.shown} is an MCP server but does not offer tools (its initialize answer has no tools capability)`);
    }

    const tools: ReportedTool[] = [];
    const seenCursors = new Set<string>();
    const seenNames = new Map<string, number>();
    let cursor: string | undefined;
    let pages = 0;
    do {
      if (pages === maxPages) {
        throw discoveryError(target, "bad_gateway", `${target.shown} reported more than ${maxPages} pages of tools; Warden stops there`);
      }
      pages += 1;
      phase = { step: "list", page: pages };
      const result = await client.request({ method: "tools/list", params: cursor === undefined ? {} : { cursor } }, ZAnyResult, requestOptions);
      const page = ZToolsPage.safeParse(result);
      if (!page.success) {
        const issue = page.error.issues[0];
        throw discoveryError(target, "bad_gateway", `${target.shown} answered tools/list (page ${pages}) with a malformed result: ${issue?.path.join(".") || "(root)"}: ${issue?.message ?? "invalid"}`);
      }
      if (tools.length + page.data.tools.length > maxTools) {
        throw discoveryError(target, "bad_gateway", `${target.shown} reported more than ${maxTools} tools; Warden stops there`);
      }
      const pageTools = checkTools(target, page.data.tools, tools.length);
      for (const [offset, tool] of pageTools.entries()) {
        const index = tools.length + offset;
        const earlier = seenNames.get(tool.name);
        if (earlier !== undefined) {
          failTool(target, `${target.shown} reported the tool "${tool.name}" twice: tools[${earlier}] and tools[${index}]`, [{ path: `tools.${index}.name`, message: "is reported twice" }]);
        }
        seenNames.set(tool.name, index);
      }
      tools.push(...pageTools);
      cursor = page.data.nextCursor;
      if (cursor !== undefined) {
        if (seenCursors.has(cursor)) {
          throw discoveryError(target, "bad_gateway", `${target.shown} repeated a pagination cursor on page ${pages} of tools/list; its pagination loops`);
        }
        seenCursors.add(cursor);
      }
    } while (cursor !== undefined);

    return {
      server: { name: info?.name ?? "", version: info?.version ?? "", ...(info?.title ? { title: info.title } : {}) },
      protocolVersion: transport.protocolVersion ?? null,
      tools,
      pages,
    };
  } catch (error) {
    if (deadline.signal.aborted && streamProblem !== undefined) {
      throw classifyFailure({ error: streamProblem, target, phase, timedOut: false, timeoutMs, last });
    }
    throw classifyFailure({ error, target, phase, timedOut: deadline.signal.aborted, timeoutMs, last });
  } finally {
    // Stateful servers keep a session until told; stateless ones have no id.
    // This still runs under the deadline, so a slow server cannot hold it.
    if (transport.sessionId !== undefined && !deadline.signal.aborted) {
      await transport.terminateSession().catch(() => undefined);
    }
    clearTimeout(timer);
    await client.close().catch(() => undefined);
  }
}
