// Creates the first admin from ADMIN_PHONE / ADMIN_PASSWORD,
// idempotently: an existing phone is left as it is. `npm run seed` runs it
// against DATABASE_URL; `npm run dev` runs it against the local stack.
import bcrypt from "bcryptjs";
import pg from "pg";
import { generateCardNumber } from "../src/lib/card-number.ts";
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

export interface DemoUser {
  fullName: string;
  phone: string;
  password: string;
  role: "user" | "premium";
}

export const DEMO_USERS: DemoUser[] = [
  {
    fullName: "Alisher Valiyev",
    phone: "+998901111111",
    password: "demo-password-1",
    role: "user",
  },
  { fullName: "Bobur Karimov", phone: "+998902222222", password: "demo-password-2", role: "user" },
  {
    fullName: "Dilnoza Rahimova",
    phone: "+998903333333",
    password: "demo-password-3",
    role: "premium",
  },
];

const DEMO_FUNDS_TIYIN = 1_000_000_00n; // 1 000 000 so'm each

/**
 * Demo people for local development, each with an active card funded through
 * the ledger (ledger_post, the same function as every deposit). Idempotent:
 * existing users are left alone and the deposit key is fixed per user.
 */
export async function seedDemoUsers(databaseUrl: string, adminPhone: string, bcryptCost = 10) {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const admin = await client.query<{ id: string }>(
      "select id from users where phone_number = $1",
      [adminPhone],
    );
    const adminId = admin.rows[0]?.id;
    if (!adminId) throw new Error("seed the admin first");
    for (const demo of DEMO_USERS) {
      const hash = await bcrypt.hash(demo.password, bcryptCost);
      const user = await client.query<{ id: string }>(
        `insert into users (full_name, phone_number, password_hash, role) values ($1, $2, $3, $4)
         on conflict (phone_number) do update set phone_number = excluded.phone_number returning id`,
        [demo.fullName, demo.phone, hash, demo.role],
      );
      const userId = user.rows[0]?.id as string;
      const existing = await client.query<{ card_number: string }>(
        "select card_number from cards where user_id = $1 and status = 'active' limit 1",
        [userId],
      );
      let cardNumber = existing.rows[0]?.card_number;
      if (!cardNumber) {
        cardNumber = generateCardNumber();
        await client.query(
          `insert into cards (user_id, card_number, status, expiry_date)
           values ($1, $2, 'active', (now() at time zone 'Asia/Tashkent')::date + interval '5 years')`,
          [userId, cardNumber],
        );
      }
      await client.query(
        `select ledger_post(p_type => 'deposit', p_initiator => $1, p_idempotency_key => $2,
           p_request_hash => 'seed', p_to_card_number => $3, p_amount => $4,
           p_platform_card_number => '7777000000000000', p_description => 'Demo funds')`,
        [adminId, `seed:${demo.phone}`, cardNumber, DEMO_FUNDS_TIYIN.toString()],
      );
    }
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
