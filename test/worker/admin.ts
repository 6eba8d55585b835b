import { setRole } from "./db";
import { newUser, type TestUser } from "./users";

/** A fresh admin (roles are set in the database, as the seed does). */
export async function newAdmin(): Promise<TestUser> {
  const admin = await newUser("Admin Adminov");
  await setRole(admin.id, "admin");
  return admin;
}
