// PATCH, DELETE /api/v1/capability-tags/{tag} — rename or re-describe a capability tag, delete an unused one
import { handle } from "@/lib/api/handle";
import { deleteCapabilityTagContract, updateCapabilityTagContract } from "@/lib/api/contracts/capabilities";
import { deleteCapabilityTag } from "@/lib/capabilities/delete-capability-tag";
import { updateCapabilityTag } from "@/lib/capabilities/update-capability-tag";

export const PATCH = handle(updateCapabilityTagContract, ({ actor, params, body, context }) => updateCapabilityTag({ actor, tag: params.tag, input: body, context }));
export const DELETE = handle(deleteCapabilityTagContract, ({ actor, params, context }) => deleteCapabilityTag({ actor, tag: params.tag, context }));
