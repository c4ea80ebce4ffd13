// /gateways — the gateway inventory (search, filters, sorting, registration) and
// the fleet's policy distribution status
import type { Metadata } from "next";
import { FleetStatus } from "@/components/gateways/fleet-status";
import { InventoryView } from "@/components/identities/inventory-view";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";

export const metadata: Metadata = { title: "Gateways" };

export default async function Page({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The gateway inventory" />;
  const { mine } = await searchParams;
  const initialMine = mine === "1" || mine === "true";
  return (
    <div className="flex flex-col gap-8">
      <InventoryView kind="gateway" canRegister={hasPermission(session, "identities:register")} initialMine={initialMine} />
      <FleetStatus />
    </div>
  );
}
