import type { RouteHandler } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { AppEnv, AuthedEnv, SessionEnv } from "../../types";
import { statementLabels } from "./labels";
import { openStatement } from "./statement.service";
import { statementCsv } from "./statement-csv";
import { statementJson } from "./statement-json";
import type * as routes from "./statements.routes";
import { textStream } from "./stream";

type Format = "json" | "csv" | "pdf";

async function respond<E extends AppEnv>(
  c: Context<E>,
  query: { cardId: string; ownerId: string | null; from: string; to: string; format: Format },
): Promise<Response> {
  const statement = await openStatement(c.var.db(), query);
  const labels = statementLabels(c.var.language);
  const name = `statement-${statement.head.cardNumber.slice(-4)}-${query.from}-${query.to}`;
  const headers = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
  };
  if (query.format === "pdf") {
    // Loaded on first use: the font modules are Worker-only, and no other route needs them.
    const { statementPdf } = await import("./statement-pdf");
    const bytes = await statementPdf(statement, labels);
    return new Response(bytes, {
      headers: {
        ...headers,
        "Content-Type": "application/pdf",
        "Content-Disposition": `attachment; filename="${name}.pdf"`,
      },
    });
  }
  if (query.format === "csv") {
    return new Response(textStream(statementCsv(statement, labels)), {
      headers: {
        ...headers,
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="${name}.csv"`,
      },
    });
  }
  return new Response(textStream(statementJson(statement)), {
    headers: { ...headers, "Content-Type": "application/json" },
  });
}

export const cardStatement: RouteHandler<typeof routes.cardStatement, SessionEnv> = async (c) => {
  const { from, to, format } = c.req.valid("query");
  const cardId = c.req.valid("param").id;
  return respond(c, { cardId, ownerId: c.var.session.sub, from, to, format });
};

export const adminCardStatement: RouteHandler<typeof routes.adminCardStatement, AuthedEnv> = async (
  c,
) => {
  const { from, to, format } = c.req.valid("query");
  const cardId = c.req.valid("param").card_id;
  return respond(c, { cardId, ownerId: null, from, to, format });
};
