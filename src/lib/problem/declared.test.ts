import { env } from "cloudflare:test";
import { describe, expect, it, vi } from "vitest";
import { call } from "../../../test/worker/http";
import { createApp } from "../../app";
import type { Config } from "../../config";
import { defineRoute, jsonContent } from "../openapi";
import { createRouter } from "../router";
import { ApiError } from "./api-error";
import { LANGUAGES, PROBLEM_CODES, type ProblemCode } from "./codes";
import { declaredProblems } from "./declared";
import { onError, onNotFound } from "./handler";
import { PROBLEM_DETAILS } from "./messages";

/** A tiny app whose one operation declares CARD_NOT_FOUND and answers whatever `?code=` names. */
function appAnswering(strict: boolean) {
  const route = defineRoute({
    method: "get",
    path: "/declared-test/cards/{id}",
    responses: { 200: jsonContent({}, "never") },
    errors: ["CARD_NOT_FOUND"],
  });
  const app = createRouter();
  app.use((c, next) => {
    c.set("config", { STRICT_PROBLEM_CODES: strict } as Config);
    return next();
  });
  app.openapi(route, (c) => {
    throw new ApiError(c.req.query("code") as ProblemCode);
  });
  app.notFound(onNotFound);
  app.onError(onError);
  return app;
}

const codeOf = async (response: Response) => ((await response.json()) as { code: string }).code;

describe("a route answers only the problems it declares", () => {
  it("under STRICT_PROBLEM_CODES, an undeclared problem is a logged 500", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const app = appAnswering(true);
      const response = await app.request("/declared-test/cards/1?code=CARD_LIMIT");
      expect(response.status).toBe(500);
      expect(await codeOf(response)).toBe("INTERNAL_ERROR");
      expect(errors).toHaveBeenCalledWith(
        expect.stringContaining(
          "undeclared problem: GET /declared-test/cards/:id answered CARD_LIMIT",
        ),
      );
    } finally {
      errors.mockRestore();
    }
  });

  it("a declared problem passes, and so does NOT_FOUND for a path no operation matches", async () => {
    const app = appAnswering(true);
    const declared = await app.request("/declared-test/cards/1?code=CARD_NOT_FOUND");
    expect(declared.status).toBe(404);
    expect(await codeOf(declared)).toBe("CARD_NOT_FOUND");
    const unknown = await app.request("/declared-test/nothing-here");
    expect(unknown.status).toBe(404);
    expect(await codeOf(unknown)).toBe("NOT_FOUND");
  });

  it("without the flag (production) the problem is answered as it was raised", async () => {
    const response = await appAnswering(false).request("/declared-test/cards/1?code=CARD_LIMIT");
    expect(response.status).toBe(409);
    expect(await codeOf(response)).toBe("CARD_LIMIT");
  });

  it("the test bindings turn the check on", () => {
    expect(env.STRICT_PROBLEM_CODES).toBe("true");
  });

  it("every operation the app serves declares its problems", () => {
    const undeclared = createApp()
      .routes.filter((route) => route.method !== "ALL")
      // Not API operations: the document itself and its viewer.
      .filter((route) => !["/openapi.json", "/docs"].includes(route.path))
      .filter((route) => !declaredProblems(route.method, route.path))
      .map((route) => `${route.method} ${route.path}`);
    expect(undeclared).toEqual([]);
  });
});

describe("the document lists each operation's problems by status", () => {
  type Responses = Record<
    string,
    {
      description: string;
      content?: Record<
        string,
        { schema: { allOf?: { properties?: { code?: { enum: string[] } } }[] } }
      >;
    }
  >;
  const codesIn = (responses: Responses, status: number) =>
    responses[status]?.content?.["application/problem+json"]?.schema.allOf?.[1]?.properties?.code
      ?.enum;

  it("with the codes its handler raises and those its kind implies, exactly", async () => {
    const document = (await (await call("/openapi.json")).json()) as {
      paths: Record<string, Record<string, { responses: Responses }>>;
    };
    const unfreeze = document.paths["/api/card/{id}/unfreeze"]?.patch?.responses ?? {};
    expect(Object.keys(unfreeze).sort()).toEqual(
      ["200", "400", "401", "404", "409", "413", "422", "503"].sort(),
    );
    expect(codesIn(unfreeze, 409)).toEqual(["CARD_BLOCKED_BY_BANK", "ACTIVE_CARD_LIMIT"]);
    expect(codesIn(unfreeze, 401)).toEqual(["INVALID_TOKEN"]);
    expect(codesIn(unfreeze, 503)).toEqual(["CONFIG_INVALID", "SERVICE_UNAVAILABLE"]);
    expect(unfreeze[404]?.description).toContain("`CARD_NOT_FOUND`: Card not found");

    const deposit = document.paths["/api/admin/deposit"]?.post?.responses ?? {};
    expect(codesIn(deposit, 403)).toEqual(["FORBIDDEN"]);
    expect(codesIn(deposit, 400)).toEqual(
      expect.arrayContaining(["MALFORMED_REQUEST", "IDEMPOTENCY_KEY_MISSING", "SAME_CARD"]),
    );

    // A status answered with its own body and with a problem describes both.
    const health = document.paths["/api/health"]?.get?.responses ?? {};
    expect(Object.keys(health[503]?.content ?? {}).sort()).toEqual([
      "application/json",
      "application/problem+json",
    ]);
    expect(codesIn(health, 503)).toEqual(["CONFIG_INVALID"]);
  });
});

describe("problem texts", () => {
  it("every code has a text in every language, with the same placeholders", () => {
    const placeholders = (text: string) => [...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const code of Object.keys(PROBLEM_CODES) as ProblemCode[]) {
      const uz = PROBLEM_DETAILS.uz[code];
      for (const language of LANGUAGES) {
        expect(PROBLEM_DETAILS[language][code], `${code} ${language}`).toMatch(/\S/);
        expect(placeholders(PROBLEM_DETAILS[language][code]), `${code} ${language}`).toEqual(
          placeholders(uz),
        );
      }
    }
  });
});
