"use client";
// ServerPicker: the MCP servers a gateway fronts — search servers, tick them, see (and remove) the chosen ones.
import { useEffect, useRef, useState } from "react";
import { CheckboxField } from "@/components/identities/checkbox-field";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/input";
import { useIdentities } from "@/lib/query/identities/use-identities";

export function ServerPicker({ id, value, onChange, error, disabled }: { id: string; value: string[]; onChange: (ids: string[]) => void; error?: string; disabled?: boolean }) {
  const [search, setSearch] = useState("");
  const [q, setQ] = useState("");
  const [names, setNames] = useState<Record<string, string>>({});
  const debounce = useRef<number | undefined>(undefined);
  const servers = useIdentities("server", { q: q || undefined, sort: "name", limit: 25 });
  const results = servers.data?.items ?? [];

  useEffect(() => () => window.clearTimeout(debounce.current), []);

  function onSearchChange(text: string) {
    setSearch(text);
    window.clearTimeout(debounce.current);
    debounce.current = window.setTimeout(() => setQ(text.trim()), 250);
  }

  function toggle(serverId: string, name: string, checked: boolean) {
    setNames((known) => ({ ...known, [serverId]: name }));
    onChange(checked ? [...value, serverId] : value.filter((item) => item !== serverId));
  }

  const nameOf = (serverId: string) => names[serverId] ?? results.find((server) => server.id === serverId)?.name ?? serverId;

  return (
    <fieldset className="space-y-2" aria-describedby={error ? `${id}-error` : undefined} disabled={disabled}>
      <legend className="text-sm font-medium text-slate-800">Servers</legend>
      <Input id={`${id}-search`} type="search" aria-label="Find servers" placeholder="Search MCP servers by name, slug or URI" value={search} onChange={(e) => onSearchChange(e.target.value)} autoComplete="off" spellCheck={false} />
      <div className="max-h-48 space-y-1.5 overflow-y-auto rounded-md border border-slate-200 p-2">
        {servers.error ? <p className="text-xs text-red-700">Could not load servers: {servers.error.message}</p> : null}
        {servers.data && results.length === 0 ? <p className="text-xs text-slate-500">{q ? `No servers match “${q}”.` : "No MCP servers are registered yet."}</p> : null}
        {results.map((server) => (
          <CheckboxField
            key={server.id}
            id={`${id}-${server.id}`}
            label={`${server.name} (${server.slug})`}
            checked={value.includes(server.id)}
            onChange={(e) => toggle(server.id, server.name, e.target.checked)}
          />
        ))}
      </div>
      <div aria-live="polite">
        <p className="text-xs text-slate-600">{value.length === 0 ? "No servers chosen." : value.length === 1 ? "1 server chosen:" : `${value.length} servers chosen:`}</p>
        {value.length > 0 ? (
          <ul className="mt-1 flex flex-wrap gap-1.5">
            {value.map((serverId) => (
              <li key={serverId} className="inline-flex items-center gap-1 rounded-md bg-slate-100 py-0.5 pl-2 text-xs text-slate-700">
                {nameOf(serverId)}
                <Button variant="ghost" size="sm" aria-label={`Remove ${nameOf(serverId)}`} onClick={() => onChange(value.filter((item) => item !== serverId))}>
                  ×
                </Button>
              </li>
            ))}
          </ul>
        ) : null}
      </div>
      {error ? (
        <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
