// /servers/[id] — one mcp server: registration, owners, keys, lifecycle actions and audit history
import type { Metadata } from "next";
import { IdentityDetailPage } from "@/lib/next/identity-detail-page";

export const metadata: Metadata = { title: "MCP server" };

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  return <IdentityDetailPage kind="server" params={params} />;
}
