// Creates the first admin from ADMIN_PHONE / ADMIN_PASSWORD (spec §11),
// idempotently: an existing phone is left as it is. `npm run seed` runs it
// against DATABASE_URL; `npm run dev` runs it against the local stack.
import bcrypt from "bcryptjs";
import pg from "pg";
import { devSetting } from "./env.ts";

export interface SeedAdmin {
  phone: string;
  password: string;
  fullName?: string;
}

const PHONE = /^\+998\d{9}$/;

export async function seedAdmin(databaseUrl: string, admin: SeedAdmin, bcryptCost = 10) {
  if (!PHONE.test(admin.phone))
    throw new Error(`ADMIN_PHONE must look like +998901234567, got ${admin.phone}`);
  const bytes = new TextEncoder().encode(admin.password).length;
  if (bytes < 8 || bytes > 72) throw new Error("ADMIN_PASSWORD must be 8–72 bytes");
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const hash = await bcrypt.hash(admin.password, bcryptCost);
    const { rowCount } = await client.query(
      `insert into users (full_name, phone_number, password_hash, role)
       values ($1, $2, $3, 'admin') on conflict (phone_number) do nothing`,
      [admin.fullName ?? "Cho'ntak Admin", admin.phone, hash],
    );
    return { created: rowCount === 1 };
  } finally {
    await client.end();
  }
}

// `npm run seed`
if (import.meta.url === `file://${process.argv[1]}`) {
  const databaseUrl = devSetting("DATABASE_URL");
  const phone = devSetting("ADMIN_PHONE");
  const password = devSetting("ADMIN_PASSWORD");
  if (!databaseUrl || !phone || !password) {
    console.error(
      "Set DATABASE_URL (direct URL), ADMIN_PHONE and ADMIN_PASSWORD (environment or .dev.vars).",
    );
    process.exit(1);
  }
  seedAdmin(databaseUrl, { phone, password }, Number(devSetting("BCRYPT_COST", "10")))
    .then(({ created }) =>
      console.log(created ? `admin ${phone} created` : `admin ${phone} already exists`),
    )
    .catch((error: Error) => {
      console.error(`seed failed: ${error.message}`);
      process.exit(1);
    });
}
