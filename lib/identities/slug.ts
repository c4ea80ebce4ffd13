// Slugs: explicit ones must be free; derived ones get a short suffix when taken.
import crypto from "node:crypto";
import type { Tx } from "@/lib/db/transaction";
import { conflict } from "@/lib/errors/app-error";

export function slugFromName(name: string): string {
  const base = name
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 50)
    .replace(/-+$/g, "");
  return base.length >= 3 ? base : `id-${base || crypto.randomBytes(3).toString("hex")}`.replace(/-+$/g, "");
}

export async function chooseSlug(tx: Tx, explicit: string | undefined, name: string): Promise<string> {
  if (explicit) {
    if (await tx.identity.findUnique({ where: { slug: explicit }, select: { id: true } })) {
      throw conflict("Another identity already uses this slug", [{ path: "slug", message: "already in use" }]);
    }
    return explicit;
  }
  const base = slugFromName(name);
  if (!(await tx.identity.findUnique({ where: { slug: base }, select: { id: true } }))) return base;
  for (let attempt = 0; attempt < 5; attempt += 1) {
    const candidate = `${base}-${crypto.randomBytes(2).toString("hex")}`;
    if (!(await tx.identity.findUnique({ where: { slug: candidate }, select: { id: true } }))) return candidate;
  }
  throw conflict("Could not derive a free slug from the name; choose one", [{ path: "slug", message: "choose a slug" }]);
}
