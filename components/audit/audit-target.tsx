// An audit event's target: type and id, linking to the server page for servers.
import Link from "next/link";
import type { TAuditEvent } from "@/lib/audit/schemas";

export function AuditTarget({ target }: { target: TAuditEvent["target"] }) {
  if (!target) return <span className="text-slate-400">—</span>;
  return (
    <span className="flex flex-col">
      <span className="text-xs text-slate-500">{target.type}</span>
      {target.type === "server" ? (
        <Link href={`/servers/${target.id}`} className="font-mono text-xs text-indigo-700 hover:underline focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">
          {target.id}
        </Link>
      ) : (
        <span className="font-mono text-xs text-slate-700">{target.id}</span>
      )}
    </span>
  );
}

/** Who acted: the recorded label, or the actor type when there is none. */
export function AuditActor({ actor }: { actor: TAuditEvent["actor"] }) {
  return (
    <span className="flex flex-col">
      <span className="text-slate-900">{actor.label ?? actor.type}</span>
      {actor.label ? <span className="text-xs text-slate-500">{actor.type}</span> : null}
    </span>
  );
}
