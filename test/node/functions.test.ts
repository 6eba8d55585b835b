// The database functions are source files (src/features/*/sql/); migrate applies
// them. This proves the database runs exactly what the files say: a file edited
// without being applied, or a function changed behind the files' back, fails here.
import pg from "pg";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { functionSources } from "../../dev/stack/migrate.ts";

const DEFINITION = /CREATE OR REPLACE FUNCTION\s+(\w+)\s*\([\s\S]*?\bAS \$\$\n?([\s\S]*?)\$\$;/g;

describe("database functions", () => {
  const client = new pg.Client({ connectionString: inject("directDatabaseUrl") });
  beforeAll(() => client.connect());
  afterAll(() => client.end());

  it("are defined one per file, and the database's bodies equal the files", async () => {
    const sources = await functionSources();
    expect(sources.length).toBeGreaterThanOrEqual(5);
    for (const source of sources) {
      const definitions = [...source.sql.matchAll(DEFINITION)];
      expect(
        definitions.map((match) => match[1]),
        source.file,
      ).toHaveLength(1);
      const [, name, body] = definitions[0] as RegExpMatchArray;
      expect(source.file.endsWith(`/${name}.sql`), `${source.file} defines ${name}`).toBe(true);
      const { rows } = await client.query<{ prosrc: string }>(
        "select prosrc from pg_proc where proname = $1 and pronamespace = 'public'::regnamespace",
        [name],
      );
      // One version of each: a changed signature must drop the old one in a migration.
      expect(rows, `${name} overloads`).toHaveLength(1);
      expect(rows[0]?.prosrc.trim(), `${name} as applied`).toBe(body?.trim());
    }
  });
});
