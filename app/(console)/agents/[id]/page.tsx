// /agents/[id] — one agent: registration, owners, keys, lifecycle actions and audit history
import type { Metadata } from "next";
import { IdentityDetailPage } from "@/lib/next/identity-detail-page";

export const metadata: Metadata = { title: "Agent" };

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  return <IdentityDetailPage kind="agent" params={params} />;
}
