// /resources/[id] — one downstream resource: registration, owners, keys, lifecycle actions and audit history
import type { Metadata } from "next";
import { IdentityDetailPage } from "@/lib/next/identity-detail-page";

export const metadata: Metadata = { title: "Downstream resource" };

export default function Page({ params }: { params: Promise<{ id: string }> }) {
  return <IdentityDetailPage kind="resource" params={params} />;
}
