import bcrypt from "bcryptjs";

export async function hashPassword(password: string, cost: number): Promise<string> {
  return bcrypt.hash(password, cost);
}

// A well-formed hash that matches no password: comparing against it costs
// the same bcrypt work as a real check, so an unknown phone takes as long as
// a wrong password.
const DUMMY_HASH_BODY = "N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy";
const dummyHash = (cost: number) => `$2b$${String(cost).padStart(2, "0")}$${DUMMY_HASH_BODY}`;

/** Constant-time check (bcrypt compares in constant time); a null hash still spends the work. */
export async function verifyPassword(
  password: string,
  hash: string | null,
  cost: number,
): Promise<boolean> {
  const valid = await bcrypt.compare(password, hash ?? dummyHash(cost));
  return hash !== null && valid;
}
