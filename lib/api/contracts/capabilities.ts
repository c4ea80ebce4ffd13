// Contracts: capability tags (the vocabulary of toxic-combination policies) and the tags on a server's tools.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import {
  ZCapabilityTag,
  ZCapabilityTagId,
  ZCreateCapabilityTagInput,
  ZSetToolCapabilitiesInput,
  ZSetToolCapabilitiesResult,
  ZToolCapability,
  ZUpdateCapabilityTagInput,
} from "@/lib/capabilities/schemas";

const TAG = "Capability tags";
const tagParam = z.object({ tag: ZCapabilityTagId });
const server = z.object({ id: z.string().regex(/^srv_[0-9a-z]{26}$/, "not a server id (srv_…)") });
const tool = server.extend({ toolId: z.string().regex(/^tool_[0-9a-z]{26}$/, "not a tool id (tool_…)") });

export const listCapabilityTagsContract = defineContract({
  operationId: "listCapabilityTags",
  method: "GET",
  path: "/api/v1/capability-tags",
  tag: TAG,
  summary: "Capability tags, built-in first, with the tools and toxic-combination policies that use each",
  permission: "identities:read",
  response: { status: 200, description: "The tags", schema: z.object({ items: z.array(ZCapabilityTag) }) },
});

export const createCapabilityTagContract = defineContract({
  operationId: "createCapabilityTag",
  method: "POST",
  path: "/api/v1/capability-tags",
  tag: TAG,
  summary: "Define a capability tag (admins)",
  permission: "grants:manage",
  body: ZCreateCapabilityTagInput,
  errors: ["conflict", "validation_failed"],
  response: { status: 201, description: "The tag", schema: ZCapabilityTag },
});

export const updateCapabilityTagContract = defineContract({
  operationId: "updateCapabilityTag",
  method: "PATCH",
  path: "/api/v1/capability-tags/{tag}",
  tag: TAG,
  summary: "Change a capability tag's name or description (its id never changes)",
  permission: "grants:manage",
  params: tagParam,
  body: ZUpdateCapabilityTagInput,
  errors: ["not_found", "validation_failed"],
  response: { status: 200, description: "The tag", schema: ZCapabilityTag },
});

export const deleteCapabilityTagContract = defineContract({
  operationId: "deleteCapabilityTag",
  method: "DELETE",
  path: "/api/v1/capability-tags/{tag}",
  tag: TAG,
  summary: "Delete a capability tag nothing uses (built-in tags cannot be deleted)",
  description: "Refused (409, naming the tools and policies) while a tool carries the tag or a toxic-combination policy names it.",
  permission: "grants:manage",
  params: tagParam,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The deleted tag", schema: ZCapabilityTag },
});

export const listToolCapabilitiesContract = defineContract({
  operationId: "listToolCapabilities",
  method: "GET",
  path: "/api/v1/servers/{id}/tools/capabilities",
  tag: TAG,
  summary: "The capability tags on a server's tools: approved, and proposed from annotations and descriptions",
  permission: "identities:read",
  params: server,
  errors: ["not_found"],
  response: { status: 200, description: "Tags by tool", schema: z.object({ items: z.array(ZToolCapability) }) },
});

export const setToolCapabilitiesContract = defineContract({
  operationId: "setToolCapabilities",
  method: "PUT",
  path: "/api/v1/servers/{id}/tools/{toolId}/capabilities",
  tag: TAG,
  summary: "Set a tool's approved capability tags and reject proposals (the server's owners and admins)",
  description:
    "The body names the tool's complete set of approved tags. Changing it re-evaluates every agent holding the tool against the toxic-combination policies; the agents it newly flags are returned.",
  permission: "identities:register",
  params: tool,
  body: ZSetToolCapabilitiesInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The tool's tags and the agents flagged", schema: ZSetToolCapabilitiesResult },
});
