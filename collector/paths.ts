/**
 * Where the package's own files are. The collector runs from `collector/*.ts` (tests, tsx) or from the
 * compiled `dist/collector/*.js` (production), so a path relative to this module differs; the folder that
 * holds package.json does not.
 */
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

function packageRoot(from: string): string {
  for (let dir = from; ; dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
    if (dirname(dir) === dir) throw new Error(`radiator: no package.json above ${from}`);
  }
}

export const PACKAGE_ROOT = packageRoot(dirname(fileURLToPath(import.meta.url)));
/** The page's static build, served at `/`. */
export const WEB_DIST = join(PACKAGE_ROOT, "web/dist/");
export const DEMO_CONFIG = join(PACKAGE_ROOT, "config/demo.json");
