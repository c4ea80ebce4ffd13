// The console shell: top bar and side navigation around every signed-in page.
import type { ReactNode } from "react";
import { ChainBreakBanner } from "@/components/audit/chain-break-banner";
import { SideNav } from "@/components/shell/side-nav";
import { TopBar } from "@/components/shell/top-bar";
import { requireConsoleSession } from "@/lib/next/console-session";

export default async function ConsoleLayout({ children }: { children: ReactNode }) {
  const session = await requireConsoleSession({ allowPasswordChange: true });
  return (
    <div className="flex min-h-screen flex-col">
      <TopBar user={session.user} />
      <div className="flex flex-1">
        <aside className="w-56 shrink-0 border-r border-slate-200 bg-white">
          <SideNav permissions={[...session.actor.permissions]} />
        </aside>
        <main id="main" className="min-w-0 flex-1 p-6">
          <ChainBreakBanner actor={session.actor} />
          {children}
        </main>
      </div>
    </div>
  );
}
