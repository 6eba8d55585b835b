import { defineProject } from "vitest/config";

// Pure-function tests of the web app (money, card numbers, dates), run in Node by
// the root `npm test` as the "web" project.
export default defineProject({
  test: {
    name: "web",
    include: ["src/**/*.test.ts"],
    environment: "node",
  },
});
