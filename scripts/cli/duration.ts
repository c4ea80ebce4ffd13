// Parses CLI durations such as 30d, 12h, 90m into milliseconds.
const UNITS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

export function parseDuration(text: string): number {
  const match = /^(\d{1,5})([mhdw])$/.exec(text.trim());
  if (!match) throw new Error(`"${text}" is not a duration; use e.g. 90m, 12h, 30d or 4w`);
  const value = Number(match[1]);
  if (value <= 0) throw new Error("The duration must be positive");
  return value * UNITS[match[2]!]!;
}
