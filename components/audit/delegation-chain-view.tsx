"use client";
// The delegation chain as a picture: the agent, the MCP server it called and
// the downstream resources the server reached on its behalf, joined by the
// tokens that carried each hop (scopes, time, sender constraint, revocation),
// with what each token was used for under it; then the same hops as a
// timeline. Each event links back to its record in the explorer.
import Link from "next/link";
import { OutcomeBadge } from "@/components/audit/outcome-badge";
import { Alert } from "@/components/ui/alert";
import { Badge } from "@/components/ui/badge";
import { Spinner } from "@/components/ui/spinner";
import type { TChainToken, TChainUse, TDelegationChain } from "@/lib/audit/chain-schemas";
import { formatDateTime } from "@/lib/format/date";
import { useDelegationChain } from "@/lib/query/audit/use-delegation-chain";

const short = (jti: string) => (jti.length > 14 ? `${jti.slice(0, 6)}…${jti.slice(-6)}` : jti);
const eventHref = (eventId: string) => `/audit?event=${encodeURIComponent(eventId)}`;

function Node({ role, id, names }: { role: string; id: string | null; names: Record<string, string> }) {
  return (
    <div className="min-w-40 rounded-lg border border-slate-300 bg-white px-3 py-2 shadow-sm" data-testid="chain-node">
      <p className="text-xs font-medium tracking-wide text-slate-500 uppercase">{role}</p>
      <p className="font-medium text-slate-900">{id ? (names[id] ?? id) : "unknown"}</p>
      {id ? <p className="font-mono text-[11px] break-all text-slate-500">{id}</p> : null}
    </div>
  );
}

function Hop({ token, focusJti }: { token: TChainToken; focusJti: string | null }) {
  return (
    <div className={`flex min-w-56 flex-1 flex-col items-stretch gap-1 px-2 ${token.jti === focusJti ? "rounded-md bg-indigo-50 ring-1 ring-indigo-200" : ""}`} data-testid="chain-hop">
      <div className="flex items-center gap-1 text-xs text-slate-600">
        <Link href={eventHref(token.eventId)} className="font-mono text-indigo-700 hover:underline" title={token.jti}>
          {token.action === "token.issued" ? "token" : "exchanged token"} {short(token.jti)}
        </Link>
        {token.tokenType ? <Badge tone={token.tokenType === "DPoP" ? "success" : "warning"}>{token.tokenType}</Badge> : null}
        {token.revoked ? <Badge tone="danger">revoked</Badge> : null}
      </div>
      <div className="flex items-center" aria-hidden="true">
        <div className="h-0.5 flex-1 bg-slate-400" />
        <div className="h-0 w-0 border-y-[6px] border-l-[10px] border-y-transparent border-l-slate-400" />
      </div>
      <p className="text-xs text-slate-600">
        <time dateTime={token.at}>{formatDateTime(token.at)}</time>
        {token.act ? <span> · on behalf of the agent (act depth {token.depth})</span> : null}
      </p>
      <ul className="flex flex-wrap gap-1" aria-label="Scopes">
        {token.scopes.map((scope) => (
          <li key={scope} className="rounded bg-slate-100 px-1.5 py-0.5 font-mono text-[11px] text-slate-700">
            {scope}
          </li>
        ))}
      </ul>
    </div>
  );
}

function Uses({ uses, names }: { uses: TChainUse[]; names: Record<string, string> }) {
  if (uses.length === 0) return <p className="text-xs text-slate-500">No decisions or tool calls reported with this token.</p>;
  return (
    <ul className="flex flex-col gap-1" data-testid="chain-uses">
      {uses.map((use) => (
        <li key={use.eventId} className="flex flex-wrap items-center gap-2 text-xs">
          <time dateTime={use.at} className="text-slate-500">{formatDateTime(use.at)}</time>
          <Link href={eventHref(use.eventId)} className="font-mono text-indigo-700 hover:underline">
            {use.action === "mcp.tool_call" ? "tool call" : "decision"} {use.tool ?? use.method ?? ""}
          </Link>
          <OutcomeBadge outcome={use.outcome} />
          {use.reason ? <span className="text-slate-600">{use.reason}</span> : null}
          {use.gatewayId ? <span className="text-slate-500">via {names[use.gatewayId] ?? use.gatewayId}</span> : null}
        </li>
      ))}
    </ul>
  );
}

function ChainPicture({ chain }: { chain: TDelegationChain }) {
  const root = chain.tokens.find((token) => token.action === "token.issued") ?? null;
  const exchanges = chain.tokens.filter((token) => token.action === "token.exchanged");
  const usesOf = (jti: string) => chain.uses.filter((use) => use.jti === jti);
  const focusJti = chain.focus.jti;
  return (
    <figure className="flex flex-col gap-6" aria-label="Delegation chain" data-testid="delegation-chain">
      {root ? (
        <div className="flex flex-col gap-2">
          <div className="flex flex-wrap items-center gap-2">
            <Node role="Agent" id={root.agentId} names={chain.names} />
            <Hop token={root} focusJti={focusJti} />
            <Node role="MCP server" id={root.serverId} names={chain.names} />
          </div>
          <Uses uses={usesOf(root.jti)} names={chain.names} />
        </div>
      ) : (
        <Alert tone="warning" title="The agent's own token is not in the log">
          The chain starts at a token whose issuance was pruned by retention or happened elsewhere; what follows is what the log still holds.
        </Alert>
      )}
      {exchanges.map((token) => (
        <div key={token.jti} className="flex flex-col gap-2 border-l-2 border-dashed border-slate-300 pl-4">
          <div className="flex flex-wrap items-center gap-2">
            <Node role={token.depth > 1 ? `Server (hop ${token.depth})` : "MCP server"} id={token.clientId} names={chain.names} />
            <Hop token={token} focusJti={focusJti} />
            <Node role="Downstream resource" id={token.resourceId} names={chain.names} />
          </div>
          <Uses uses={usesOf(token.jti)} names={chain.names} />
        </div>
      ))}
      {chain.tokens.length === 0 && chain.uses.length > 0 ? <Uses uses={chain.uses} names={chain.names} /> : null}
    </figure>
  );
}

export function DelegationChainView({ eventId }: { eventId: string }) {
  const { data, isPending, error } = useDelegationChain(eventId);
  if (isPending) return <Spinner label="Following the chain" />;
  if (error) return <Alert tone="danger" title="Could not load the chain">{error.message}</Alert>;
  if (data.tokens.length === 0 && data.uses.length === 0) {
    return (
      <Alert tone="info" title="No delegation chain">
        This event ({data.focus.action}) is not about a token Warden issued, so there is no chain to follow. <Link href={eventHref(data.focus.eventId)} className="underline">Back to the event</Link>
      </Alert>
    );
  }
  const timeline = [
    ...data.tokens.map((token) => ({ id: token.eventId, at: token.at, text: `${token.action === "token.issued" ? "Token issued to" : "Token exchanged by"} ${data.names[token.clientId ?? ""] ?? token.clientId} for ${data.names[token.resourceId ?? token.serverId ?? ""] ?? token.resource ?? "?"}`, outcome: "success" })),
    ...data.uses.map((use) => ({ id: use.eventId, at: use.at, text: `${use.action === "mcp.tool_call" ? "Tool call" : "Decision"} ${use.tool ?? use.method ?? ""} at ${data.names[use.serverId ?? ""] ?? use.serverId}`, outcome: use.outcome })),
    ...data.tokens.flatMap((token) => (token.revoked ? [{ id: token.revoked.eventId, at: token.revoked.at, text: `Token ${short(token.jti)} revoked${token.revoked.reason ? `: ${token.revoked.reason}` : ""}`, outcome: "success" }] : [])),
  ].sort((a, b) => a.at.localeCompare(b.at));
  return (
    <div className="flex flex-col gap-8">
      {data.truncated ? <Alert tone="warning" title="Long chain">Only the first 50 tokens and the latest 200 uses are shown; filter the explorer by token for the rest.</Alert> : null}
      <ChainPicture chain={data} />
      <section aria-labelledby="chain-timeline">
        <h2 id="chain-timeline" className="mb-2 text-sm font-semibold text-slate-900">Timeline</h2>
        <ol className="flex flex-col gap-1 border-l border-slate-200 pl-4" data-testid="chain-timeline">
          {timeline.map((item) => (
            <li key={item.id} className="flex flex-wrap items-center gap-2 text-sm">
              <time dateTime={item.at} className="text-xs text-slate-500">{formatDateTime(item.at)}</time>
              <Link href={eventHref(item.id)} className="text-indigo-700 hover:underline">{item.text}</Link>
              <OutcomeBadge outcome={item.outcome} />
            </li>
          ))}
        </ol>
      </section>
    </div>
  );
}
