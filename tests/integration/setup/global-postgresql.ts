// Global setup of the PostgreSQL integration project (a throwaway database, dropped afterwards).
import type { TestProject } from "vitest/node";
import { setUpDatabase } from "./database";

export default function setup(project: TestProject) {
  return setUpDatabase(project, "postgresql");
}
