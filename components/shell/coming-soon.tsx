// Placeholder for console sections that a later issue builds.
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";

export function ComingSoon({ title, description, arrives }: { title: string; description: string; arrives: string }) {
  return (
    <div className="flex flex-col gap-6">
      <PageHeader title={title} description={description} />
      <EmptyState title="Coming soon" description={`This section arrives with ${arrives}.`} />
    </div>
  );
}
