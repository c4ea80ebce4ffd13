// The burn-down as inline SVG: open items at the end of each day from the launch (the solid line)
// against a straight line from everything open at the launch to nothing open at the end (dashed).
// Days still to come are left blank. The same numbers are available as a table.
import type { TCampaignStats } from "@/lib/campaigns/stats-schema";

const WIDTH = 640;
const HEIGHT = 220;
const PAD = { left: 40, right: 12, top: 12, bottom: 28 };

export function BurndownChart({ burndown, total }: { burndown: NonNullable<TCampaignStats["burndown"]>; total: number }) {
  const { points } = burndown;
  const plotWidth = WIDTH - PAD.left - PAD.right;
  const plotHeight = HEIGHT - PAD.top - PAD.bottom;
  const top = Math.max(1, total);
  // the launch is x = 0; point i (the end of its day) is at (i + 1) / n
  const x = (index: number) => PAD.left + (plotWidth * (index + 1)) / points.length;
  const y = (open: number) => PAD.top + plotHeight * (1 - open / top);
  const known = points.flatMap((point, index) => (point.open === null ? [] : [{ ...point, index }]));
  const line = [`${PAD.left},${y(total)}`, ...known.map((point) => `${x(point.index)},${y(point.open!)}`)].join(" ");
  const last = known[known.length - 1];
  const summary = last
    ? `Burn-down: ${total} open at the launch, ${last.open} open on ${last.date}; the campaign runs until ${points[points.length - 1]!.date}.`
    : `Burn-down: ${total} open at the launch.`;

  return (
    <figure className="flex flex-col gap-2">
      <svg viewBox={`0 0 ${WIDTH} ${HEIGHT}`} role="img" aria-label={summary} className="h-auto w-full max-w-3xl" data-testid="burndown-chart">
        <title>{summary}</title>
        {[0, 0.5, 1].map((fraction) => {
          const value = Math.round(top * fraction);
          return (
            <g key={fraction}>
              <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(value)} y2={y(value)} className="stroke-slate-200" strokeWidth={1} />
              <text x={PAD.left - 6} y={y(value) + 4} textAnchor="end" className="fill-slate-500 text-[11px]">
                {value}
              </text>
            </g>
          );
        })}
        <line x1={PAD.left} y1={y(total)} x2={WIDTH - PAD.right} y2={y(0)} className="stroke-slate-400" strokeWidth={1.5} strokeDasharray="5 4" />
        <polyline points={line} fill="none" className="stroke-indigo-600" strokeWidth={2.5} strokeLinejoin="round" />
        {known.map((point) => (
          <circle key={point.date} cx={x(point.index)} cy={y(point.open!)} r={points.length > 60 ? 0 : 3} className="fill-indigo-600" />
        ))}
        <text x={PAD.left} y={HEIGHT - 8} className="fill-slate-500 text-[11px]">
          {burndown.from.slice(0, 10)}
        </text>
        <text x={WIDTH - PAD.right} y={HEIGHT - 8} textAnchor="end" className="fill-slate-500 text-[11px]">
          {points[points.length - 1]!.date}
        </text>
      </svg>
      <figcaption className="text-xs text-slate-500">
        Open items at the end of each {burndown.bucketDays === 1 ? "day" : `${burndown.bucketDays} days`} (UTC); dashed: an even pace to the end.
      </figcaption>
      <details className="text-sm">
        <summary className="cursor-pointer rounded text-indigo-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">Show the numbers</summary>
        <table className="mt-2 text-left text-xs">
          <caption className="sr-only">Open items per day</caption>
          <thead>
            <tr>
              <th scope="col" className="pr-6 font-semibold text-slate-600">
                Day (UTC)
              </th>
              <th scope="col" className="font-semibold text-slate-600">
                Open
              </th>
            </tr>
          </thead>
          <tbody>
            {points.map((point) => (
              <tr key={point.date}>
                <td className="pr-6 tabular-nums">{point.date}</td>
                <td className="tabular-nums">{point.open ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </figure>
  );
}
