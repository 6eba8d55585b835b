import { createRouter } from "../../lib/router";
import { getHealth, getRoot } from "./health.handlers";
import { health, root } from "./health.routes";

export const healthRouter = createRouter().openapi(root, getRoot).openapi(health, getHealth);
