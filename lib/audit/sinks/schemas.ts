// Audit sink inputs and views (docs/audit-forwarding.md). Shared by the API and
// the console's form; the deployment's target rules are checked by the domain
// functions (lib/audit/sinks/targets.ts).
import { z } from "zod";
import { AUDIT_ACTIONS } from "@/lib/audit/actions";
import { EVENT_CLASSES } from "@/lib/audit/event-classes";
import { AUDIT_SINK_KINDS, targetProblems } from "@/lib/audit/sinks/target-shape";

export const AUDIT_SINK_STATUSES = ["ok", "failing", "disabled"] as const;
export const START_FROM = ["now", "beginning"] as const;

const unique = <T>(values: T[]) => new Set(values).size === values.length;

export const ZAuditSinkFilter = z
  .object({
    classes: z.array(z.enum(EVENT_CLASSES)).max(EVENT_CLASSES.length).refine(unique, "Each class once").optional().describe("Event classes to forward"),
    actions: z.array(z.enum(AUDIT_ACTIONS)).max(AUDIT_ACTIONS.length).refine(unique, "Each action once").optional().describe("Further single actions to forward"),
  })
  .strict()
  .describe("An event is forwarded when its class or its action is listed; an empty filter forwards every event");
export type TAuditSinkFilter = z.infer<typeof ZAuditSinkFilter>;

const ZName = z.string().trim().min(1, "Name is required").max(100, "At most 100 characters");
const ZTarget = z.string().trim().min(1, "Target is required").max(2048, "At most 2048 characters");
const ZBatchSize = z.number().int().min(1, "At least 1").max(1000, "At most 1000").describe("Most events per request, write or syslog burst");

export const ZCreateAuditSinkInput = z
  .object({
    name: ZName,
    kind: z.enum(AUDIT_SINK_KINDS),
    target: ZTarget.describe("webhook: an https URL; file: an absolute path under the sink directory; syslog: [udp|tcp://]host:port"),
    filter: ZAuditSinkFilter.default({}),
    batchSize: ZBatchSize.default(100),
    enabled: z.boolean().default(true),
    startFrom: z.enum(START_FROM).default("now").describe("now: events from the current head of the chain on; beginning: the whole log"),
  })
  .strict()
  .superRefine((value, ctx) => {
    for (const message of targetProblems(value.kind, value.target)) ctx.addIssue({ code: "custom", path: ["target"], message });
  });
export type TCreateAuditSinkInput = z.input<typeof ZCreateAuditSinkInput>;

/** The target is checked against the sink's kind by the domain function (the kind cannot change). */
export const ZUpdateAuditSinkInput = z
  .object({
    name: ZName.optional(),
    target: ZTarget.optional(),
    filter: ZAuditSinkFilter.optional(),
    batchSize: ZBatchSize.optional(),
    enabled: z.boolean().optional(),
  })
  .strict()
  .refine((value) => Object.values(value).some((field) => field !== undefined), "Change at least one field");
export type TUpdateAuditSinkInput = z.input<typeof ZUpdateAuditSinkInput>;

export const ZAuditSink = z.object({
  id: z.string(),
  name: z.string(),
  kind: z.enum(AUDIT_SINK_KINDS),
  target: z.string(),
  filter: z.object({ classes: z.array(z.enum(EVENT_CLASSES)), actions: z.array(z.enum(AUDIT_ACTIONS)) }),
  batchSize: z.number().int(),
  enabled: z.boolean(),
  status: z.enum(AUDIT_SINK_STATUSES).describe("disabled; failing (the last attempt failed, retried with backoff); ok"),
  cursorSeq: z.string().describe("The last audit seq this sink is done with (forwarded, or skipped by the filter)"),
  headSeq: z.string().describe("The seq of the newest audit event"),
  lag: z.number().int().describe("headSeq − cursorSeq: events not yet examined"),
  failures: z.number().int().describe("Consecutive failed attempts; 0 after a success"),
  nextAttemptAt: z.iso.datetime().nullable().describe("When a failing sink is tried next"),
  lastSuccessAt: z.iso.datetime().nullable(),
  lastError: z.string().nullable().describe("The last error, short; kept after a later success"),
  createdById: z.string().nullable(),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type TAuditSink = z.infer<typeof ZAuditSink>;

export const ZCreatedAuditSink = z.object({
  sink: ZAuditSink,
  secret: z.string().nullable().describe("webhook sinks: the signing secret (whsec_…), shown once; null for other kinds"),
});
export type TCreatedAuditSink = z.infer<typeof ZCreatedAuditSink>;

export const ZListAuditSinksQuery = z.object({
  cursor: z.string().regex(/^snk_[0-9a-z]{26}$/, "not a cursor returned by this API").optional(),
  limit: z.coerce.number().int().min(1).max(100).default(25),
});
export type TListAuditSinksQuery = z.input<typeof ZListAuditSinksQuery>;
