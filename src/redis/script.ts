import type { Redis } from "@upstash/redis";

type Script = ReturnType<Redis["createScript"]>;

// One Script per client and text: it hashes its text once, so a call is one EVALSHA
// request (plus one EVAL only when Redis has not run the script since it started).
const scripts = new WeakMap<Redis, Map<string, Script>>();

function scriptFor(redis: Redis, text: string): Script {
  let byText = scripts.get(redis);
  if (!byText) {
    byText = new Map();
    scripts.set(redis, byText);
  }
  let script = byText.get(text);
  if (!script) {
    script = redis.createScript(text);
    byText.set(text, script);
  }
  return script;
}

/** Runs a Lua script atomically in one Redis request. */
export function runScript<T>(
  redis: Redis,
  text: string,
  keys: string[],
  args: (string | number)[],
): Promise<T> {
  return scriptFor(redis, text).exec(keys, args.map(String)) as Promise<T>;
}
