// Starts the real local stack once per test run: a fresh database created and
// migrated for this run, PgBouncer, the WebSocket proxy and the Upstash bridge.
// The Worker under test receives their addresses as bindings.
import { randomBytes } from "node:crypto";
import type { TestProject } from "vitest/node";
import { type StackBindings, startStack } from "../dev/stack/index.ts";

declare module "vitest" {
  export interface ProvidedContext {
    stackBindings: StackBindings;
    directDatabaseUrl: string;
  }
}

export default async function setup(project: TestProject) {
  const stack = await startStack({
    databaseName: `chontak_test_${Date.now()}_${randomBytes(3).toString("hex")}`,
    ephemeral: !process.env.KEEP_TEST_DB,
    log: (message) => process.env.DEBUG_STACK && console.log(message),
  });
  project.provide("stackBindings", stack.bindings);
  project.provide("directDatabaseUrl", stack.directDatabaseUrl);
  return () => stack.close();
}
