"use client";
// The filters that name things: servers (from the server inventory) and owners (from the people directory).
import { ChecklistPicker } from "@/components/campaigns/checklist-picker";
import { useDebouncedSearch } from "@/components/ui/search-select";
import { useDirectoryUsers } from "@/lib/query/identities/use-directory-users";
import { useNames } from "@/lib/query/campaigns/use-names";
import { useIdentities } from "@/lib/query/identities/use-identities";

type PickerProps = { id: string; value: string[]; onChange: (ids: string[]) => void; error?: string; disabled?: boolean };

export function ServerFilter(props: PickerProps) {
  const search = useDebouncedSearch();
  const nameOf = useNames("server", props.value);
  const servers = useIdentities("server", { q: search.query || undefined, sort: "name", limit: 25 });
  const results = (servers.data?.items ?? []).map((server) => ({ value: server.id, label: `${server.name} (${server.slug})` }));
  const status = servers.error ? `Could not load servers: ${servers.error.message}` : servers.data && results.length === 0 ? (search.query ? `No servers match “${search.query}”.` : "No MCP servers are registered yet.") : undefined;
  return <ChecklistPicker {...props} nameOf={nameOf} legend="Servers" search={search} searchPlaceholder="Search MCP servers by name, slug or URI" results={results} status={status} noun={["server", "servers"]} noneChosen="Any server." />;
}

export function OwnerFilter(props: PickerProps) {
  const search = useDebouncedSearch();
  const nameOf = useNames("user", props.value);
  const directory = useDirectoryUsers(search.query);
  const results = (directory.data?.items ?? []).map((user) => ({ value: user.id, label: `${user.name} (${user.email})` }));
  const status = directory.error ? `Could not search people: ${directory.error.message}` : directory.data && results.length === 0 ? (search.query ? `Nobody matches “${search.query}”.` : "No active users.") : undefined;
  return <ChecklistPicker {...props} nameOf={nameOf} legend="Owners" search={search} searchPlaceholder="Search people by name or email" results={results} status={status} noun={["owner", "owners"]} noneChosen="Any owner." />;
}
