// Stand-in for the `server-only` package when code runs under tsx or Vitest
// (see tsconfig.node.json): there is no client bundle to protect outside Next.js.
export {};
