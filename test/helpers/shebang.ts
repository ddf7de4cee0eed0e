/**
 * What bin/radiator.js's shebang line (`env -S VAR=… node --flag…`) gives `npm start`: the environment
 * (glibc's arena and trim settings) and node's flags. The bench starts its processes with them, and the
 * systemd unit is tested to set the same.
 */
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

const BIN = fileURLToPath(new URL("../../bin/radiator.js", import.meta.url));

export function shebangRuntime(): { env: Record<string, string>; flags: string[] } {
  const words = readFileSync(BIN, "utf8").split("\n")[0]!.split(/\s+/);
  const env: Record<string, string> = {};
  for (const w of words.filter((w) => /^[A-Z_]+=/.test(w)))
    env[w.slice(0, w.indexOf("="))] = w.slice(w.indexOf("=") + 1);
  return { env, flags: words.filter((w) => w.startsWith("--")) };
}
