/**
 * The page's static build (web/dist). Files are precompressed at build time (NAME.br, NAME.gz, see
 * scripts/precompress.mjs); a request gets the best variant its Accept-Encoding allows (br > gzip > identity).
 * Hashed assets are immutable; everything else (index.html, version.json) is revalidated with its strong ETag,
 * so a deploy reaches the screens at their next load and an unchanged file costs a 304.
 */
import { Hono, type Context } from "hono";
import { getMimeType } from "hono/utils/mime";
import { createHash } from "node:crypto";
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, normalize, sep } from "node:path";

const IMMUTABLE = "public, max-age=31536000, immutable";
const REVALIDATE = "no-cache";

interface Variant {
  encoding?: "br" | "gzip";
  suffix: string;
}
const VARIANTS: Variant[] = [
  { encoding: "br", suffix: ".br" },
  { encoding: "gzip", suffix: ".gz" },
];

/** The q-value a client gives an encoding; identity is acceptable unless refused outright. */
export function acceptedEncodings(header: string | undefined): (name: string) => number {
  const q = new Map<string, number>();
  for (const part of (header ?? "").split(",")) {
    const [name, ...params] = part.trim().toLowerCase().split(";");
    if (!name) continue;
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith("q="));
    const value = qParam ? Number(qParam.slice(2)) : 1;
    q.set(name, Number.isFinite(value) ? value : 0);
  }
  return (name) => q.get(name) ?? q.get("*") ?? (name === "identity" ? 1 : 0);
}

/** True when the If-None-Match list names this ETag (weak comparison, as RFC 9110 asks for this header). */
export function etagMatches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  if (header.trim() === "*") return true;
  const bare = (t: string) => t.trim().replace(/^W\//, "");
  return header.split(",").some((t) => bare(t) === etag);
}

export function staticRoutes(webRoot: string): Hono {
  const app = new Hono();
  // ETag per file, kept while its size and mtime stay the same (a rebuild under a running collector is seen).
  const hashes = new Map<string, { key: string; hash: string }>();
  const hashOf = (path: string, size: number, mtimeMs: number): string => {
    const key = `${size}:${mtimeMs}`;
    const known = hashes.get(path);
    if (known?.key === key) return known.hash;
    const hash = createHash("sha256").update(readFileSync(path)).digest("base64url").slice(0, 22);
    hashes.set(path, { key, hash });
    return hash;
  };

  const serveFile = (c: Context, relPath: string, cacheControl: string): Response | undefined => {
    const path = normalize(join(webRoot, relPath));
    if (!path.startsWith(normalize(webRoot + sep)) || /\.(br|gz)$/.test(path)) return undefined;
    let stat;
    try {
      stat = statSync(path);
    } catch {
      return undefined;
    }
    if (!stat.isFile()) return undefined;
    const hash = hashOf(path, stat.size, stat.mtimeMs);
    const accepts = acceptedEncodings(c.req.header("accept-encoding"));
    const variant = VARIANTS.find((v) => accepts(v.encoding!) > 0 && existsSync(path + v.suffix));
    const identityOk = accepts("identity") > 0;
    if (!variant && !identityOk) return c.text("none of the accepted encodings is available", 406);
    // Each representation has its own strong ETag: the bytes differ.
    const etag = `"${hash}${variant ? `-${variant.suffix.slice(1)}` : ""}"`;
    const headers: Record<string, string> = {
      "content-type": getMimeType(path) ?? "application/octet-stream",
      "cache-control": cacheControl,
      etag,
      vary: "Accept-Encoding",
    };
    if (variant) headers["content-encoding"] = variant.encoding!;
    if (etagMatches(c.req.header("if-none-match"), etag)) return new Response(null, { status: 304, headers });
    const body = readFileSync(variant ? path + variant.suffix : path);
    headers["content-length"] = String(body.length);
    return new Response(c.req.method === "HEAD" ? null : body, { status: 200, headers });
  };

  const built = () => existsSync(join(webRoot, "index.html"));
  app.get("/", (c) => {
    if (!built()) return c.text("The page is not built yet: run `npm run build` (npm start does it for you).", 503);
    return serveFile(c, "index.html", REVALIDATE) ?? c.notFound();
  });
  app.get("/assets/*", (c) => serveFile(c, c.req.path, IMMUTABLE) ?? c.notFound());
  // The few unhashed files at the top of the build: version.json, a favicon.
  app.get("/:file{[^/]+\\.(?:json|svg|ico|png|txt|webmanifest)}", (c) => {
    return serveFile(c, c.req.param("file"), REVALIDATE) ?? c.notFound();
  });
  return app;
}
