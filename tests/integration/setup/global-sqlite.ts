// Global setup of the SQLite integration project.
import type { TestProject } from "vitest/node";
import { setUpDatabase } from "./database";

export default function setup(project: TestProject) {
  return setUpDatabase(project, "sqlite");
}
