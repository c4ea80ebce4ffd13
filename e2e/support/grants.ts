// Grants through the management API as e2e tests need them: an admin's direct
// grant of irreversible tools waits for a second admin (four-eyes, answered
// 202 with the pending access request), so a second admin — made once per
// worker with the real CLI — confirms it, and the grant is returned.
import { expect, type APIRequestContext } from "@playwright/test";
import { adminHeaders, cliApiToken, createUserViaApi, unique } from "./api";

let secondAdmin: Record<string, string> | null = null;

async function secondAdminHeaders(request: APIRequestContext): Promise<Record<string, string>> {
  if (secondAdmin) return secondAdmin;
  const email = `${unique("second-admin")}@example.test`;
  await createUserViaApi(request, { email, name: "Second Admin", role: "admin" });
  secondAdmin = { authorization: `Bearer ${cliApiToken({ role: "admin", userEmail: email })}` };
  return secondAdmin;
}

export type GrantInput = { agentId: string; serverId: string; toolIds: string[]; justification: string };

/** Creates the grant as the admin; when it waits for a second admin, confirms it as another admin. */
export async function grantConfirmed(request: APIRequestContext, data: GrantInput, headers: Record<string, string> = adminHeaders()): Promise<{ id: string }> {
  const created = await request.post("/api/v1/grants", { headers, data });
  const text = await created.text();
  expect([201, 202], text).toContain(created.status());
  if (created.status() === 201) return JSON.parse(text) as { id: string };
  const pending = JSON.parse(text) as { id: string };
  const decided = await request.post(`/api/v1/access-requests/${pending.id}/decision`, { headers: await secondAdminHeaders(request), data: { step: "admin", decision: "approve", comment: "second pair of eyes (e2e)" } });
  expect(decided.status(), await decided.text()).toBe(200);
  const approved = (await decided.json()) as { status: string; grantId: string | null };
  expect(approved.status).toBe("approved");
  return { id: approved.grantId! };
}
