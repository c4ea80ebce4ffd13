// The public view of a server identity row.
import type { TServer } from "@/lib/identities/servers/schemas";

export const SERVER_INCLUDE = { owner: { select: { id: true, email: true, name: true, active: true } } } as const;

type Row = {
  id: string;
  name: string;
  description: string | null;
  resourceUri: string | null;
  createdById: string | null;
  createdAt: Date;
  updatedAt: Date;
  owner: { id: string; email: string; name: string; active: boolean };
};

export function presentServer(row: Row): TServer {
  return {
    id: row.id,
    kind: "server",
    name: row.name,
    description: row.description,
    resourceUri: row.resourceUri ?? "",
    owner: row.owner,
    createdById: row.createdById,
    createdAt: row.createdAt.toISOString(),
    updatedAt: row.updatedAt.toISOString(),
  };
}
