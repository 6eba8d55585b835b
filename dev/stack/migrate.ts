import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { drizzle } from "drizzle-orm/node-postgres";
import { migrate } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The database functions are source code, one file per function, kept beside
 * the feature that calls them. They are applied after the numbered
 * migrations on every migrate, folder by folder in this order, so a file's
 * history is the function's.
 */
export const FUNCTION_SOURCE_FOLDERS = [
  "src/features/ledger/sql",
  "src/features/subscriptions/sql",
  "src/features/payment-requests/sql",
  "src/features/admin/sql",
];

/** Every function source file, in the order they are applied. */
export async function functionSources(): Promise<{ file: string; sql: string }[]> {
  const sources: { file: string; sql: string }[] = [];
  for (const folder of FUNCTION_SOURCE_FOLDERS) {
    const names = (await readdir(path.join(root, folder))).filter((name) => name.endsWith(".sql"));
    for (const name of names.sort()) {
      const file = path.join(folder, name);
      sources.push({ file, sql: await readFile(path.join(root, file), "utf8") });
    }
  }
  return sources;
}

/**
 * Applies the drizzle-kit migrations in `migrations/` over a direct
 * connection, then (re)creates every database function from its source file,
 * all in one transaction.
 */
export async function migrateDatabase(url: string, migrationsFolder = "migrations"): Promise<void> {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  try {
    await migrate(drizzle({ client: pool }), {
      migrationsFolder: path.resolve(root, migrationsFolder),
    });
    const sources = await functionSources();
    const client = await pool.connect();
    try {
      await client.query("begin");
      // Bodies are checked when first run, not when created, so files need no order
      // among themselves (as pg_dump restores functions).
      await client.query("set local check_function_bodies = off");
      for (const source of sources) await client.query(source.sql);
      await client.query("commit");
    } catch (error) {
      await client.query("rollback").catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
  } finally {
    await pool.end();
  }
}
