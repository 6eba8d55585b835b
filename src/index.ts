import { createApp } from "./app";
import { runScheduled } from "./scheduled";
import type { Bindings } from "./types";

const app = createApp();

export default {
  fetch: app.fetch,
  scheduled(_controller, env, ctx) {
    ctx.waitUntil(runScheduled(env));
  },
} satisfies ExportedHandler<Bindings>;
