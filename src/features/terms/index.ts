import { createRouter } from "../../lib/router";
import { getTerms } from "./terms.handlers";
import * as routes from "./terms.routes";

export const termsRouter = createRouter().openapi(routes.getTerms, getTerms);
