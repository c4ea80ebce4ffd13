// /dashboard/[card] — the list behind one posture card (?view=mine for one's own): exactly what the card counts
import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { PostureItems } from "@/components/posture/posture-items";
import { AppError } from "@/lib/errors/app-error";
import { Forbidden } from "@/components/shell/forbidden";
import { hasPermission, requireConsoleSession } from "@/lib/next/console-session";
import { listCardItems } from "@/lib/posture/list-card-items";
import { POSTURE_CARD_IDS, type PostureCardId, type TPostureItems } from "@/lib/posture/schemas";

export const metadata: Metadata = { title: "Posture" };

const first = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);
const isCard = (value: string): value is PostureCardId => (POSTURE_CARD_IDS as readonly string[]).includes(value);

export default async function Page({ params, searchParams }: { params: Promise<{ card: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const session = await requireConsoleSession();
  if (!hasPermission(session, "identities:read")) return <Forbidden what="The posture dashboard" />;
  const { card } = await params;
  if (!isCard(card)) notFound();
  const view = first((await searchParams).view) === "mine" || !hasPermission(session, "audit:read") ? "mine" : "estate";
  let result: TPostureItems;
  try {
    result = await listCardItems({ actor: session.actor, query: { card, view } });
  } catch (error) {
    if (error instanceof AppError && error.code === "not_found") notFound();
    throw error;
  }
  return <PostureItems result={result} />;
}
