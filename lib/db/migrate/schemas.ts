// One schema source (prisma/schema.prisma, written for SQLite) and the
// provider-specific variants derived from it for client generation and migrations.
import fs from "node:fs";
import path from "node:path";
import type { Provider } from "@/lib/db/target";

export const PROVIDERS: readonly Provider[] = ["sqlite", "postgresql"];

export function projectRoot(): string {
  return process.cwd();
}

export function sourceSchemaPath(root = projectRoot()): string {
  return path.join(root, "prisma", "schema.prisma");
}

export function readSourceSchema(root = projectRoot()): string {
  return fs.readFileSync(sourceSchemaPath(root), "utf8");
}

const PROVIDER_LINE = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
const OUTPUT_LINE = /(output\s*=\s*")\.\.\/lib\/db\/generated\/sqlite(")/;

/** The schema text for one provider; `outputFromDir` rewrites the client output path for a schema file written elsewhere. */
export function schemaFor(provider: Provider, source: string, outputFromDir?: string): string {
  if (!PROVIDER_LINE.test(source) || !OUTPUT_LINE.test(source)) {
    throw new Error('prisma/schema.prisma must declare provider = "sqlite" and output = "../lib/db/generated/sqlite"');
  }
  let text = source.replace(PROVIDER_LINE, `$1"${provider}"`);
  const generated = path.join(projectRoot(), "lib", "db", "generated", provider);
  const output = outputFromDir ? path.relative(outputFromDir, generated).split(path.sep).join("/") : `../lib/db/generated/${provider}`;
  text = text.replace(OUTPUT_LINE, `$1${output}$2`);
  return text;
}
