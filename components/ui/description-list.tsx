// DescriptionList: two-column label/value <dl> for detail pages.
import type { ReactNode } from "react";

export function DescriptionList({ items }: { items: { label: string; value: ReactNode }[] }) {
  return (
    <dl className="divide-y divide-slate-100 text-sm">
      {items.map((item, i) => (
        <div key={`${i}:${item.label}`} className="grid grid-cols-1 gap-1 py-2.5 sm:grid-cols-3 sm:gap-4">
          <dt className="font-medium text-slate-600">{item.label}</dt>
          <dd className="min-w-0 break-words text-slate-900 sm:col-span-2">
            {item.value === null || item.value === undefined || item.value === "" ? (
              <span className="text-slate-400">—</span>
            ) : (
              item.value
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}
