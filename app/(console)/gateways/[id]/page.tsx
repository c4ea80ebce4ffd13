// /gateways/[id] — one gateway: registration, owners, keys, lifecycle actions and audit history
import type { Metadata } from "next";
import { IdentityDetailPage } from "@/lib/next/identity-detail-page";

export const metadata: Metadata = { title: "Gateway" };

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  return <IdentityDetailPage kind="gateway" params={params} />;
}
