// Inventory lists: search, filters, sorting with keyset pagination, "mine",
// tags, orphans and the cross-kind list.
import { describe, expect, it } from "vitest";
import { GET as listAgentsRoute } from "@/app/api/v1/agents/route";
import { GET as listIdentitiesRoute } from "@/app/api/v1/identities/route";
import { seedIdentity, uniqueSuffix } from "@/lib/seed/factories";
import { call } from "./helpers/http";
import { principal, type Principal } from "./helpers/registry";

type Page = { items: { id: string; name: string; kind: string; status: string; orphaned: boolean }[]; nextCursor: string | null; total: number };

async function allPages(who: Principal, path: string): Promise<{ names: string[]; pages: number }> {
  const names: string[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const page: { body: Page } = await call<Page>(listAgentsRoute, { path: `${path}&limit=2${cursor ? `&cursor=${cursor}` : ""}`, bearer: who.token });
    names.push(...page.body.items.map((item) => item.name));
    cursor = page.body.nextCursor;
    pages += 1;
  } while (cursor);
  return { names, pages };
}

describe("identity lists", () => {
  it("sorts by name both ways and by age, paginating without gaps or repeats", async () => {
    const owner = await principal("owner");
    const tag = `t${uniqueSuffix()}`;
    for (const name of ["delta", "alpha", "echo", "charlie", "bravo"]) {
      await seedIdentity({ kind: "agent", owner, name: `${tag} ${name}`, extra: { tags: [tag] } });
    }
    const base = `/api/v1/agents?tag=${tag}`;
    const byName = await allPages(owner, `${base}&sort=name`);
    expect(byName).toEqual({ names: ["alpha", "bravo", "charlie", "delta", "echo"].map((n) => `${tag} ${n}`), pages: 3 });
    expect((await allPages(owner, `${base}&sort=-name`)).names).toEqual(["echo", "delta", "charlie", "bravo", "alpha"].map((n) => `${tag} ${n}`));
    expect((await allPages(owner, `${base}&sort=-created`)).names).toEqual(["bravo", "charlie", "echo", "alpha", "delta"].map((n) => `${tag} ${n}`));
    expect((await allPages(owner, `${base}&sort=created`)).names).toEqual(["delta", "alpha", "echo", "charlie", "bravo"].map((n) => `${tag} ${n}`));
  });

  it("filters by status, environment, owner and search text", async () => {
    const owner = await principal("owner");
    const other = await principal("owner");
    const tag = `f${uniqueSuffix()}`;
    const pending = await seedIdentity({ kind: "agent", owner, status: "pending", environment: "production", extra: { tags: [tag] } });
    const active = await seedIdentity({ kind: "agent", owner, status: "active", environment: "staging", extra: { tags: [tag] } });
    await seedIdentity({ kind: "agent", owner: other, status: "active", environment: "development", extra: { tags: [tag] } });
    const ids = async (query: string) => (await call<Page>(listAgentsRoute, { path: `/api/v1/agents?tag=${tag}&${query}`, bearer: owner.token })).body.items.map((item) => item.id);
    expect(await ids("status=pending")).toEqual([pending.id]);
    expect(await ids("environment=staging")).toEqual([active.id]);
    expect((await ids("mine=true")).sort()).toEqual([pending.id, active.id].sort());
    expect(await ids(`q=${active.clientId!.toUpperCase()}`)).toEqual([active.id]);
    const total = (await call<Page>(listAgentsRoute, { path: `/api/v1/agents?tag=${tag}`, bearer: owner.token })).body.total;
    expect(total).toBe(3);
  });

  it("lists every kind together, and orphans once their owner is deactivated", async () => {
    const admin = await principal("admin");
    const owner = await principal("owner");
    const server = await seedIdentity({ kind: "server", owner });
    const gateway = await seedIdentity({ kind: "gateway", owner });
    const mine = await call<Page>(listIdentitiesRoute, { path: `/api/v1/identities?ownerId=${owner.id}`, bearer: admin.token });
    expect(mine.body.items.map((item) => [item.id, item.kind]).sort()).toEqual([[server.id, "server"], [gateway.id, "gateway"]].sort());
    const orphansBefore = await call<Page>(listIdentitiesRoute, { path: `/api/v1/identities?orphaned=true&ownerId=${owner.id}`, bearer: admin.token });
    expect(orphansBefore.body.items).toEqual([]);
    const { deactivateUser } = await import("@/lib/users/deactivate-user");
    await deactivateUser({ actor: admin.actor, userId: owner.id });
    const orphans = await call<Page>(listIdentitiesRoute, { path: `/api/v1/identities?orphaned=true&ownerId=${owner.id}`, bearer: admin.token });
    expect(orphans.body.items.map((item) => item.id).sort()).toEqual([server.id, gateway.id].sort());
    expect(orphans.body.items.every((item) => item.orphaned)).toBe(true);
  });

  it("refuses a forged cursor and bad filters", async () => {
    const owner = await principal("owner");
    for (const query of ["cursor=bm90LWpzb24", "sort=size", "status=deleted", "kind=user"]) {
      const result = await call<{ code: string }>(listIdentitiesRoute, { path: `/api/v1/identities?${query}`, bearer: owner.token });
      expect(result.status, query).toBe(422);
    }
  });
});
