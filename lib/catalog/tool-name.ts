// MCP tool names: 1-128 characters of letters, digits, "_", "-", "." and "/"
// (the MCP specification's tool-name guidance). Case-sensitive.
import { z } from "zod";

export const TOOL_NAME_PATTERN = /^[A-Za-z0-9_.\-/]{1,128}$/;

export const ZToolName = z
  .string()
  .regex(TOOL_NAME_PATTERN, "Tool names are 1-128 characters: letters, digits and _ - . /");

export function isValidToolName(name: string): boolean {
  return TOOL_NAME_PATTERN.test(name);
}
