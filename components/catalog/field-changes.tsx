// Before/after of a tool's changed fields: text as two blocks, schemas and annotations as pretty JSON.
import { cx } from "@/components/ui/cx";

const FIELD_LABELS: Record<string, string> = { title: "Title", description: "Description", inputSchema: "Input schema", annotations: "Annotations" };
const HASH = /^[0-9a-f]{64}$/;

function shown(field: string, value: unknown): string {
  if (value === null || value === undefined || value === "") return "(none)";
  // proposals compare schemas by fingerprint; only drift keeps the approved schema itself
  if (field === "inputSchema" && typeof value === "string" && HASH.test(value)) return `Schema fingerprint (SHA-256) ${value.slice(0, 16)}…`;
  if (typeof value === "string") return value;
  return JSON.stringify(value, null, 2);
}

function Block({ label, text, tone }: { label: string; text: string; tone: "before" | "after" }) {
  return (
    <div className="min-w-0">
      <p className="text-[11px] font-semibold uppercase tracking-wide text-slate-500">{label}</p>
      <pre
        className={cx(
          "mt-0.5 max-h-64 overflow-auto whitespace-pre-wrap break-words rounded-md border px-2 py-1.5 font-mono text-xs",
          tone === "before" ? "border-red-200 bg-red-50 text-red-900" : "border-emerald-200 bg-emerald-50 text-emerald-900",
        )}
      >
        {text}
      </pre>
    </div>
  );
}

export function FieldChanges({ fields }: { fields: Record<string, { from?: unknown; to?: unknown }> }) {
  return (
    <dl className="space-y-3">
      {Object.entries(fields).map(([field, change]) => (
        <div key={field}>
          <dt className="text-xs font-semibold text-slate-800">{FIELD_LABELS[field] ?? field}</dt>
          <dd className="mt-1 grid gap-2 md:grid-cols-2">
            <Block label="Before" text={shown(field, change.from)} tone="before" />
            <Block label="After" text={shown(field, change.to)} tone="after" />
          </dd>
        </div>
      ))}
    </dl>
  );
}

export const fieldLabel = (field: string) => FIELD_LABELS[field] ?? field;
