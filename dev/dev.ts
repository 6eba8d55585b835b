// `npm run dev`: the whole product on this machine. Starts (or finds) Postgres,
// PgBouncer, the WebSocket proxy, Redis and its Upstash bridge; migrates and
// seeds; then runs the API under `wrangler dev` and the web app under Vite.
// Ctrl-C stops everything it started.
import { type ChildProcess, spawn } from "node:child_process";
import { devSetting } from "./env.ts";
import { DEMO_USERS, seedAdmin, seedDemoUsers } from "./seed.ts";
import { type Stack, startStack } from "./stack/index.ts";
import { sleep } from "./stack/ports.ts";

const API_PORT = Number(process.env.PORT ?? 8787);
const WEB_PORT = Number(process.env.WEB_PORT ?? 5173);
const DEV_JWT_SECRET = "local-development-secret-not-for-production-0123456789";

const children: ChildProcess[] = [];
let stack: Stack | undefined;
let stopping = false;

async function stop(code: number): Promise<never> {
  if (!stopping) {
    stopping = true;
    for (const child of children) child.kill("SIGTERM");
    await stack?.close();
  }
  process.exit(code);
}
process.on("SIGINT", () => void stop(0));
process.on("SIGTERM", () => void stop(0));

function run(command: string, args: string[], env: NodeJS.ProcessEnv = {}): ChildProcess {
  const child = spawn(command, args, { stdio: "inherit", env: { ...process.env, ...env } });
  child.on("exit", (code) => {
    if (!stopping) {
      console.error(`\n${command} exited (${code ?? "signal"}); stopping the stack.`);
      void stop(code ?? 1);
    }
  });
  children.push(child);
  return child;
}

async function waitForApi(url: string, timeoutMs: number): Promise<unknown> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    try {
      const response = await fetch(url);
      if (response.ok) return response.json();
    } catch {
      // not listening yet
    }
    await sleep(500);
  }
  throw new Error(`the API did not answer at ${url} within ${timeoutMs / 1000} s`);
}

async function main() {
  const log = (message: string) => console.log(`[stack] ${message}`);
  stack = await startStack({ databaseName: devSetting("DEV_DATABASE", "chontak") as string, log });
  log(`database ${stack.directDatabaseUrl} migrated${stack.pooled ? ", behind PgBouncer" : ""}`);

  const admin = {
    phone: devSetting("ADMIN_PHONE", "+998900000001") as string,
    password: devSetting("ADMIN_PASSWORD", "admin-password-123") as string,
  };
  const seeded = await seedAdmin(
    stack.directDatabaseUrl,
    admin,
    Number(devSetting("BCRYPT_COST", "10")),
  );
  log(`admin ${admin.phone} ${seeded.created ? "created" : "already exists"}`);
  await seedDemoUsers(
    stack.directDatabaseUrl,
    admin.phone,
    Number(devSetting("BCRYPT_COST", "10")),
  );

  const vars: Record<string, string> = {
    ...stack.bindings,
    JWT_SECRET: devSetting("JWT_SECRET", DEV_JWT_SECRET) as string,
    CORS_ORIGINS: devSetting(
      "CORS_ORIGINS",
      `http://localhost:${WEB_PORT},http://127.0.0.1:${WEB_PORT}`,
    ) as string,
  };
  const varArgs = Object.entries(vars).flatMap(([key, value]) => ["--var", `${key}:${value}`]);
  run("wrangler", ["dev", "--ip", "127.0.0.1", "--port", String(API_PORT), ...varArgs]);

  const apiUrl = `http://127.0.0.1:${API_PORT}`;
  const health = await waitForApi(`${apiUrl}/api/health`, 90_000);
  run("npm", ["run", "dev", "-w", "web", "--", "--host", "127.0.0.1", "--port", String(WEB_PORT)], {
    VITE_API_URL: apiUrl,
  });

  console.log(`
  Cho'ntak is running
    API      ${apiUrl}   (health: ${JSON.stringify(health)})
    Docs     ${apiUrl}/docs
    Web      http://127.0.0.1:${WEB_PORT}
    Admin    ${admin.phone} / ${admin.password}
${DEMO_USERS.map((user) => `    ${user.role.padEnd(8)} ${user.phone} / ${user.password}   (${user.fullName}, card funded with 1 000 000 so'm)`).join("\n")}
  Ctrl-C stops everything.
`);
}

main().catch(async (error: Error) => {
  console.error(`\nnpm run dev could not start: ${error.message}\n`);
  await stop(1);
});
