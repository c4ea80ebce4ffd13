// npm run bench -- <name> — benchmark scripts (figures go to BENCHMARKS.md).
const BENCHES: Record<string, () => Promise<unknown>> = {
  audit: () => import("./audit"),
  policy: () => import("./policy"),
  posture: () => import("./posture"),
  registry: () => import("./registry"),
  soak: () => import("./soak"),
  token: () => import("./token"),
};

const name = process.argv[2];
if (!name || !BENCHES[name]) {
  console.error(`Usage: npm run bench -- <${Object.keys(BENCHES).join("|")}> [options]`);
  process.exit(2);
}
await BENCHES[name]!();
export {};
