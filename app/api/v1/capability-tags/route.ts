// GET, POST /api/v1/capability-tags — list capability tags, define one
import { handle } from "@/lib/api/handle";
import { createCapabilityTagContract, listCapabilityTagsContract } from "@/lib/api/contracts/capabilities";
import { createCapabilityTag } from "@/lib/capabilities/create-capability-tag";
import { listCapabilityTags } from "@/lib/capabilities/list-capability-tags";

export const GET = handle(listCapabilityTagsContract, ({ actor }) => listCapabilityTags({ actor }));
export const POST = handle(createCapabilityTagContract, ({ actor, body, context }) => createCapabilityTag({ actor, input: body, context }));
