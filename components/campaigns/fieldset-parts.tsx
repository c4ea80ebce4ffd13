// The hint and error lines of a fieldset (checkbox and radio groups, pickers), and its aria-describedby.

export function fieldsetDescribedBy(id: string, opts: { hint?: string; error?: string }): string | undefined {
  return [opts.hint ? `${id}-hint` : null, opts.error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
}

export function FieldsetHint({ id, hint }: { id: string; hint?: string }) {
  if (!hint) return null;
  return (
    <p id={`${id}-hint`} className="text-xs text-slate-500">
      {hint}
    </p>
  );
}

export function FieldsetError({ id, error }: { id: string; error?: string }) {
  if (!error) return null;
  return (
    <p id={`${id}-error`} role="alert" className="text-xs font-medium text-red-700">
      {error}
    </p>
  );
}
