// 404 page.
import { ButtonLink } from "@/components/ui/button";
import { EmptyState } from "@/components/ui/empty-state";

export default function NotFound() {
  return (
    <main className="mx-auto max-w-lg p-10">
      <EmptyState title="Page not found" description="The page you asked for does not exist or was moved." action={<ButtonLink href="/dashboard">Go to the dashboard</ButtonLink>} />
    </main>
  );
}
