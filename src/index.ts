import { createApp } from "./app";
import type { Bindings } from "./types";

const app = createApp();

export default {
  fetch: app.fetch,
} satisfies ExportedHandler<Bindings>;
