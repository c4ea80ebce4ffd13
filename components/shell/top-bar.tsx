// Top bar: product name, the signed-in user and role, sign-out.
import Link from "next/link";
import { SignOutButton } from "@/components/shell/sign-out-button";
import { Badge } from "@/components/ui/badge";
import { ROLE_LABELS, type Role } from "@/lib/auth/permissions";

export function TopBar({ user }: { user: { name: string; email: string; role: Role } }) {
  return (
    <header className="flex h-14 items-center justify-between border-b border-slate-200 bg-white px-4">
      <Link href="/dashboard" className="flex items-center gap-2 font-semibold text-slate-900">
        <span aria-hidden="true" className="grid h-7 w-7 place-items-center rounded-md bg-indigo-600 text-sm text-white">
          W
        </span>
        Warden
      </Link>
      <div className="flex items-center gap-3" data-testid="current-user">
        <div className="text-right leading-tight">
          <p className="text-sm font-medium text-slate-900">{user.name}</p>
          <p className="text-xs text-slate-500">{user.email}</p>
        </div>
        <Badge tone={user.role === "admin" ? "info" : "neutral"}>
          <span data-testid="current-role">{ROLE_LABELS[user.role]}</span>
        </Badge>
        <Link href="/account/password" className="text-sm text-slate-600 hover:text-slate-900">
          Account
        </Link>
        <SignOutButton />
      </div>
    </header>
  );
}
