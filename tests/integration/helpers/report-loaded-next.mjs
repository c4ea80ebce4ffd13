// Preloaded (node --import) into a Warden process by machine-role.test.ts:
// as the process exits, prints how many modules of the `next` package it had
// loaded. ESM imports of CommonJS packages (Next.js is one) go through the
// CommonJS loader, so they are in its module cache, which every require shares.
import fs from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

const cache = createRequire(import.meta.url).cache;
const marker = `${path.sep}node_modules${path.sep}next${path.sep}`;
process.on("exit", () => {
  const loaded = Object.keys(cache).filter((file) => file.includes(marker)).length;
  fs.writeSync(2, `WARDEN_TEST_NEXT_MODULES=${loaded}\n`);
});
