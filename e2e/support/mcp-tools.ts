// The tools of the MCP server the e2e run discovers: two read tools, a write
// tool and an irreversible one, with annotations as real servers report them.
import type { TestTool } from "../../lib/catalog/testing/mcp-test-server";

export const E2E_MCP_TOOLS: TestTool[] = [
  { name: "get_weather", title: "Current weather", description: "Weather for a city", annotations: { readOnlyHint: true } },
  { name: "get_forecast", description: "Five-day forecast", annotations: { readOnlyHint: true, openWorldHint: true } },
  { name: "save_location", description: "Save a favourite location", annotations: { readOnlyHint: false, destructiveHint: false } },
  { name: "delete_account", description: "Delete the user's account and data", annotations: { destructiveHint: true } },
];
