// Contracts: recertification campaigns and review items (docs/campaigns.md).
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";
import {
  ZBulkDecideInput,
  ZBulkDecideResult,
  ZCampaign,
  ZCloseCampaignInput,
  ZCampaignItem,
  ZCampaignPreview,
  ZCreateCampaignInput,
  ZDecideItemInput,
  ZEvidenceQuery,
  ZListCampaignsQuery,
  ZListItemsQuery,
  ZReviewItem,
  ZUpdateCampaignInput,
} from "@/lib/campaigns/schemas";

const TAG = "Campaigns";
const campaignId = z.object({ id: z.string().regex(/^cmp_[0-9a-z]{26}$/, "not a campaign id (cmp_…)") });
const itemId = z.object({ id: z.string().regex(/^citm_[0-9a-z]{26}$/, "not a review item id (citm_…)") });
const itemPage = z.object({ items: z.array(ZReviewItem), nextCursor: z.string().nullable() });

export const listCampaignsContract = defineContract({
  operationId: "listCampaigns",
  method: "GET",
  path: "/api/v1/campaigns",
  tag: TAG,
  summary: "Recertification campaigns, newest first",
  permission: "campaigns:read",
  query: ZListCampaignsQuery,
  response: { status: 200, description: "A page of campaigns", schema: z.object({ items: z.array(ZCampaign), nextCursor: z.string().nullable() }) },
});

export const createCampaignContract = defineContract({
  operationId: "createCampaign",
  method: "POST",
  path: "/api/v1/campaigns",
  tag: TAG,
  summary: "Define a campaign as a draft (admins)",
  permission: "campaigns:manage",
  body: ZCreateCampaignInput,
  errors: ["validation_failed"],
  response: { status: 201, description: "The draft campaign", schema: ZCampaign },
});

export const getCampaignContract = defineContract({
  operationId: "getCampaign",
  method: "GET",
  path: "/api/v1/campaigns/{id}",
  tag: TAG,
  summary: "One campaign with its generation progress",
  permission: "campaigns:read",
  params: campaignId,
  errors: ["not_found"],
  response: { status: 200, description: "The campaign", schema: ZCampaign },
});

export const updateCampaignContract = defineContract({
  operationId: "updateCampaign",
  method: "PATCH",
  path: "/api/v1/campaigns/{id}",
  tag: TAG,
  summary: "Change a draft campaign (admins)",
  permission: "campaigns:manage",
  params: campaignId,
  body: ZUpdateCampaignInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The campaign", schema: ZCampaign },
});

export const previewCampaignContract = defineContract({
  operationId: "previewCampaign",
  method: "GET",
  path: "/api/v1/campaigns/{id}/preview",
  tag: TAG,
  summary: "How many items launching now would generate, per reviewer",
  permission: "campaigns:read",
  params: campaignId,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The preview", schema: ZCampaignPreview },
});

export const launchCampaignContract = defineContract({
  operationId: "launchCampaign",
  method: "POST",
  path: "/api/v1/campaigns/{id}/launch",
  tag: TAG,
  summary: "Launch a draft: freeze its population and generate its items in the background (admins)",
  permission: "campaigns:manage",
  params: campaignId,
  errors: ["not_found", "conflict"],
  response: { status: 200, description: "The campaign, generating", schema: ZCampaign },
});

export const listCampaignItemsContract = defineContract({
  operationId: "listCampaignItems",
  method: "GET",
  path: "/api/v1/campaigns/{id}/items",
  tag: TAG,
  summary: "A campaign's items",
  permission: "campaigns:read",
  params: campaignId,
  query: ZListItemsQuery,
  errors: ["not_found"],
  response: { status: 200, description: "A page of items", schema: itemPage },
});

export const listMyReviewsContract = defineContract({
  operationId: "listMyReviews",
  method: "GET",
  path: "/api/v1/me/reviews",
  tag: TAG,
  summary: "The review items assigned to me, across campaigns",
  permission: "reviews:decide",
  query: ZListItemsQuery,
  response: { status: 200, description: "A page of items", schema: itemPage },
});

export const decideItemContract = defineContract({
  operationId: "decideReviewItem",
  method: "POST",
  path: "/api/v1/review-items/{id}/decision",
  tag: TAG,
  summary: "Certify, revoke or reassign an item assigned to me",
  description: "A comment is required to revoke, to reassign, and to certify irreversible-tier access. Send the item's version to be told when it changed meanwhile.",
  permission: "reviews:decide",
  params: itemId,
  body: ZDecideItemInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The decided item", schema: ZCampaignItem },
});

export const closeCampaignContract = defineContract({
  operationId: "closeCampaign",
  method: "POST",
  path: "/api/v1/campaigns/{id}/close",
  tag: TAG,
  summary: "Close a running campaign early, with a reason (admins); closed campaigns are not reopened",
  permission: "campaigns:manage",
  params: campaignId,
  body: ZCloseCampaignInput,
  errors: ["not_found", "conflict", "validation_failed"],
  response: { status: 200, description: "The closed campaign", schema: ZCampaign },
});

export const bulkDecideContract = defineContract({
  operationId: "bulkDecideReviewItems",
  method: "POST",
  path: "/api/v1/me/reviews/decisions",
  tag: TAG,
  summary: "Certify or revoke many of my items at once, by id or by filter; each is recorded on its own",
  permission: "reviews:decide",
  body: ZBulkDecideInput,
  errors: ["validation_failed"],
  response: { status: 200, description: "What was decided and what was refused, per item", schema: ZBulkDecideResult },
});

export const exportCampaignEvidenceContract = defineContract({
  operationId: "exportCampaignEvidence",
  method: "GET",
  path: "/api/v1/campaigns/{id}/evidence",
  tag: TAG,
  summary: "Evidence for auditors: every item with decision, reviewer, time, comment and resulting action — CSV, or JSON signed by Warden (a flattened JWS, RFC 7515 §7.2.2, verifiable against /.well-known/jwks.json)",
  permission: "campaigns:read",
  params: campaignId,
  query: ZEvidenceQuery,
  errors: ["not_found"],
  response: {
    status: 200,
    description: "format=json: the flattened JWS whose payload is the evidence document (docs/campaigns.md); format=csv: text/csv, one line per item",
    schema: z.object({ payload: z.string(), protected: z.string(), signature: z.string() }),
  },
});
