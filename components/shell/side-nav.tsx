"use client";
// Side navigation of the console, grouped by section, with the current page marked.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { NAV_GROUP_LABELS, NAV_ITEMS, type NavItem } from "@/components/shell/nav-items";
import { cx } from "@/components/ui/cx";

export function SideNav({ permissions }: { permissions: string[] }) {
  const pathname = usePathname();
  const visible = NAV_ITEMS.filter((item) => !item.permission || permissions.includes(item.permission));
  const groups = [...new Set(visible.map((item) => item.group))] as NavItem["group"][];
  // the most specific section wins (/access/requests is not also "Effective access")
  const current = visible.filter((item) => pathname === item.href || pathname.startsWith(`${item.href}/`)).sort((a, b) => b.href.length - a.href.length)[0]?.href;
  return (
    <nav aria-label="Console" className="flex flex-col gap-5 px-3 py-4">
      {groups.map((group) => (
        <div key={group}>
          <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-400">{NAV_GROUP_LABELS[group]}</p>
          <ul className="flex flex-col gap-0.5">
            {visible
              .filter((item) => item.group === group)
              .map((item) => {
                const active = item.href === current;
                return (
                  <li key={item.href}>
                    <Link
                      href={item.href}
                      aria-current={active ? "page" : undefined}
                      className={cx(
                        "block rounded-md px-2 py-1.5 text-sm focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500",
                        active ? "bg-indigo-50 font-medium text-indigo-700" : "text-slate-700 hover:bg-slate-100",
                      )}
                    >
                      {item.label}
                    </Link>
                  </li>
                );
              })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
