// Contracts: the API's own description.
import { z } from "zod";
import { defineContract } from "@/lib/api/contract";

export const getOpenApiContract = defineContract({
  operationId: "getOpenApi",
  method: "GET",
  path: "/api/v1/openapi.json",
  tag: "Meta",
  summary: "This OpenAPI 3.1 document",
  permission: "public",
  response: { status: 200, description: "The OpenAPI document", schema: z.record(z.string(), z.unknown()) },
});
