// Placeholder cards shown while the dashboard's numbers are counted.
const GROUPS = [4, 4, 4, 2];

export function PostureSkeleton() {
  return (
    <div className="flex flex-col gap-6" aria-busy="true" aria-label="Loading the dashboard" data-testid="posture-skeleton">
      <div className="mb-6 border-b border-slate-200 pb-4">
        <h1 className="text-xl font-semibold tracking-tight text-slate-900">Dashboard</h1>
        <div className="mt-2 h-4 w-80 animate-pulse rounded bg-slate-200" />
      </div>
      {GROUPS.map((cards, group) => (
        <div key={group} className="flex flex-col gap-2">
          <div className="h-3 w-40 animate-pulse rounded bg-slate-200" />
          <div className="grid gap-3 sm:grid-cols-2 xl:grid-cols-4">
            {Array.from({ length: cards }, (_, card) => (
              <div key={card} className="flex h-32 flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4">
                <div className="h-3 w-32 animate-pulse rounded bg-slate-200" />
                <div className="h-6 w-16 animate-pulse rounded bg-slate-200" />
                <div className="h-3 w-full animate-pulse rounded bg-slate-100" />
              </div>
            ))}
          </div>
        </div>
      ))}
    </div>
  );
}
