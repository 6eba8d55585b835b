import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { documentedOperations, openApi, routeKey, servedRoutes } from "./helpers";

describe("API9:2023 improper inventory management", () => {
  // "Every served route is documented and every documented route is served" is the
  // inventory test in src/app.test.ts; these add what that one does not check.

  it("documents only versionless /api/ paths, the banner and the key set, with no debug or test leftovers", async () => {
    const document = await openApi();
    const paths = Object.keys(document.paths);
    // Besides /api/: the banner and the receipt key set, at its well-known (RFC 8615) place.
    const outside = ["/", "/.well-known/chontak-receipt-keys.json"];
    expect(paths.filter((path) => !outside.includes(path) && !path.startsWith("/api/"))).toEqual(
      [],
    );
    expect(
      paths.filter((path) =>
        /\/(v\d+|debug|test|tests|internal|dev|tmp|temp|old|legacy|beta|staging|private|_\w*)(\/|$)/i.test(
          path,
        ),
      ),
    ).toEqual([]);
    const normalized = paths.map((path) => path.toLowerCase().replace(/\/+$/, "") || "/");
    expect(new Set(normalized).size).toBe(paths.length);
    for (const { method, path, operation } of await documentedOperations()) {
      expect(operation.summary, `${method} ${path}`).toBeTruthy();
      expect(operation.tags?.length, `${method} ${path}`).toBeGreaterThan(0);
    }
    expect(document.info.version).toBe(String(env.APP_VERSION));
  });

  it("hides nothing but the earlier client's saved-card alias and the documentation itself", async () => {
    const documented = new Set((await documentedOperations()).map(routeKey));
    expect(
      servedRoutes()
        .filter((route) => !documented.has(route))
        .sort(),
    ).toEqual(
      [
        "GET /docs",
        "GET /openapi.json",
        "POST /api/saved-card",
        "GET /api/saved-card",
        "GET /api/saved-card/{id}",
        "PATCH /api/saved-card/{id}",
        "DELETE /api/saved-card/{id}",
      ].sort(),
    );
  });
});
