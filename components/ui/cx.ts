// Tiny className joiner shared by the UI primitives (a dependency-free clsx).
export type ClassValue = string | false | null | undefined | 0;

export function cx(...classes: ClassValue[]): string {
  return classes.filter(Boolean).join(" ");
}
