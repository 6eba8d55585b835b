// The unprivileged user that root runs Postgres and PgBouncer as (both refuse to run as
// root), and what that user can reach.

import { execFileSync, spawnSync } from "node:child_process";
import os from "node:os";

export interface User {
  uid: number;
  gid: number;
}

/** uid and gid of the system user `name`, or null if there is no such user. */
export function systemUser(name: string): User | null {
  try {
    return {
      uid: Number(execFileSync("id", ["-u", name], { encoding: "utf8" }).trim()),
      gid: Number(execFileSync("id", ["-g", name], { encoding: "utf8" }).trim()),
    };
  } catch {
    return null;
  }
}

/** Whether `test ...args` succeeds as `user`: asks the system, so ACLs and modes both count. */
export function testAs(user: User, args: string[]): boolean {
  const result = spawnSync("test", args, { ...user, stdio: "ignore" });
  // No `test` binary to ask: assume yes, the server's own error will say otherwise.
  if (result.error) return true;
  return result.status === 0;
}

/** Whether `user` can enter dir and create files in it. */
export function canUseDir(user: User, dir: string): boolean {
  return testAs(user, ["-w", dir, "-a", "-x", dir]);
}

/** Directories for files that user must reach, in order: the system temp dir, else /tmp. */
export function tempBases(): string[] {
  return [...new Set([os.tmpdir(), "/tmp"])];
}
