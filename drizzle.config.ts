import { defineConfig } from "drizzle-kit";

// Migrations always go through a direct (unpooled) connection: see README.
export default defineConfig({
  dialect: "postgresql",
  schema: "./src/db/schema.ts",
  out: "./migrations",
  dbCredentials: {
    url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres",
  },
  strict: true,
  verbose: true,
});
