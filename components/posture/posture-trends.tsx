"use client";
// The dashboard's trends, drawn with recharts in the browser (the server
// renders the container and the table; the charts size themselves once
// mounted): denied calls and token refusals per UTC day, and the share of
// tokens issued DPoP-bound. A bar opens the audit explorer for that day.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import { Card } from "@/components/ui/card";
import type { TPostureTrends } from "@/lib/posture/schemas";

const DENIED = "#dc2626";
const REFUSED = "#d97706";
const BOUND = "#4f46e5";

/** Percent of the day's tokens that were DPoP-bound; null (a gap in the line) on days without tokens. */
const boundShare = (point: TPostureTrends["points"][number]) => (point.issued === 0 ? null : Math.round((point.senderConstrained / point.issued) * 1000) / 10);

export function PostureTrends({ trends }: { trends: TPostureTrends }) {
  const router = useRouter();
  const data = trends.points.map((point) => ({ ...point, day: point.date.slice(5), share: boundShare(point) }));
  const quiet = trends.points.every((point) => point.denied === 0 && point.refusals === 0 && point.issued === 0);
  const open = (key: "denied" | "refusals") => (_bar: unknown, index: number) => {
    const point = trends.points[index];
    if (point) router.push(point.hrefs[key]);
  };

  return (
    <div className="grid gap-4 lg:grid-cols-2" data-testid="posture-trends">
      <Card title={`Denied calls and token refusals, last ${trends.days} days`} description="Per UTC day. Select a bar to see that day's events.">
        {quiet ? <p className="text-sm text-slate-500">No denied calls, refusals or tokens in this period.</p> : null}
        <BarChart responsive style={{ width: "100%", height: 240 }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis allowDecimals={false} tick={{ fontSize: 11 }} />
          <Tooltip />
          <Legend wrapperStyle={{ fontSize: 12 }} />
          <Bar dataKey="denied" name="Denied calls" fill={DENIED} cursor="pointer" onClick={open("denied")} />
          <Bar dataKey="refusals" name="Token refusals" fill={REFUSED} cursor="pointer" onClick={open("refusals")} />
        </BarChart>
      </Card>
      <Card title={`Tokens issued sender-constrained, last ${trends.days} days`} description="Share of each day's tokens that were DPoP-bound; gaps are days without tokens.">
        <LineChart responsive style={{ width: "100%", height: 240 }} data={data} margin={{ top: 8, right: 8, bottom: 0, left: -16 }} accessibilityLayer>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="day" tick={{ fontSize: 11 }} />
          <YAxis domain={[0, 100]} unit="%" tick={{ fontSize: 11 }} />
          <Tooltip />
          <Line type="monotone" dataKey="share" name="DPoP-bound" unit="%" stroke={BOUND} strokeWidth={2} dot={trends.days <= 14} connectNulls={false} isAnimationActive={false} />
        </LineChart>
      </Card>
      <details className="text-sm lg:col-span-2">
        <summary className="cursor-pointer rounded text-indigo-700 focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-indigo-500">Show the numbers</summary>
        <table className="mt-2 text-left text-xs" data-testid="posture-trends-table">
          <caption className="sr-only">Events per UTC day</caption>
          <thead>
            <tr className="text-slate-600">
              {["Day (UTC)", "Denied calls", "Token refusals", "Tokens issued", "DPoP-bound"].map((label) => (
                <th key={label} scope="col" className="pr-6 font-semibold">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {trends.points.map((point) => (
              <tr key={point.date} className="tabular-nums">
                <td className="pr-6">{point.date}</td>
                <td className="pr-6">
                  <Link className="text-indigo-700 hover:underline" href={point.hrefs.denied}>
                    {point.denied}
                  </Link>
                </td>
                <td className="pr-6">
                  <Link className="text-indigo-700 hover:underline" href={point.hrefs.refusals}>
                    {point.refusals}
                  </Link>
                </td>
                <td className="pr-6">
                  <Link className="text-indigo-700 hover:underline" href={point.hrefs.issued}>
                    {point.issued}
                  </Link>
                </td>
                <td className="pr-6">{point.senderConstrained}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </details>
    </div>
  );
}
