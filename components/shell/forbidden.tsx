// Shown in place of a page the signed-in user may not open.
import { EmptyState } from "@/components/ui/empty-state";

export function Forbidden({ what }: { what: string }) {
  return (
    <div data-testid="forbidden">
      <EmptyState title="You do not have access to this page" description={`${what} is limited to roles with the right permission. Ask an admin if you need it.`} />
    </div>
  );
}
