// `npm run db:migrate`: applies migrations/ to DATABASE_URL (a direct, unpooled URL).
import { devSetting } from "./env.ts";
import { migrateDatabase } from "./stack/migrate.ts";

const url = devSetting("DATABASE_URL");
if (!url) {
  console.error("Set DATABASE_URL to a direct (unpooled) Postgres URL.");
  process.exit(1);
}
migrateDatabase(url)
  .then(() => console.log("migrations applied"))
  .catch((error: Error) => {
    console.error(`migration failed: ${error.message}`);
    process.exit(1);
  });
