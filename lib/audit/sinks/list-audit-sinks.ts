// Audit sinks as admins and auditors see them: one, or a page (newest first),
// with their delivery status and lag. Never the secret.
import "server-only";
import type { z } from "zod";
import { auditHeadSeq } from "@/lib/audit/sinks/head";
import { OMIT_SECRET, presentAuditSink } from "@/lib/audit/sinks/present";
import type { TAuditSink, ZListAuditSinksQuery } from "@/lib/audit/sinks/schemas";
import { assertCan, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { notFound } from "@/lib/errors/app-error";
import { pageWhere, toPage, type Page } from "@/lib/pagination";

export async function listAuditSinks(options: { actor: Actor; query: z.output<typeof ZListAuditSinksQuery> }): Promise<Page<TAuditSink>> {
  assertCan(options.actor, "audit:read");
  const { cursor, limit } = options.query;
  // the head first: a sink's cursor read after it may pass it, which shows as lag 0, never as negative
  const head = await auditHeadSeq();
  const rows = await db().auditSink.findMany({ where: pageWhere(cursor), orderBy: { id: "desc" }, take: limit + 1, omit: OMIT_SECRET });
  return toPage(rows, limit, (row) => presentAuditSink(row, head));
}

export async function getAuditSink(options: { actor: Actor; sinkId: string }): Promise<TAuditSink> {
  assertCan(options.actor, "audit:read");
  const head = await auditHeadSeq();
  const row = await db().auditSink.findUnique({ where: { id: options.sinkId }, omit: OMIT_SECRET });
  if (!row) throw notFound("Audit sink");
  return presentAuditSink(row, head);
}
