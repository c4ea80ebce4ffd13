// /servers — the MCP server inventory: search, filters, sorting and registration
import type { Metadata } from "next";
import { InventoryView } from "@/components/identities/inventory-view";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "MCP servers" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The MCP server inventory" />;
  const { mine } = await searchParams;
  const initialMine = mine === "1" || mine === "true";
  return <InventoryView kind="server" canRegister={hasPermission(session, "identities:register")} initialMine={initialMine} />;
}
