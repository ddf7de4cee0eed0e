import { afterAll, describe, expect, it } from "vitest";
import { Hono } from "hono";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { staticRoutes, acceptedEncodings } from "../../../collector/routes/static.ts";
import { precompress } from "../../../scripts/precompress.mjs";

const root = mkdtempSync(join(tmpdir(), "radiator-static-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));
const script = `console.log(${JSON.stringify("radiator ".repeat(200))});\n`;
const html = `<!doctype html><html><head><title>Radiator</title></head><body>${"<p>screen</p>".repeat(40)}</body></html>\n`;
mkdirSync(join(root, "assets"));
writeFileSync(join(root, "index.html"), html);
writeFileSync(join(root, "version.json"), `{"version":"abc"}\n`);
writeFileSync(join(root, "assets/index-Ab12Cd34.js"), script);
precompress(root);

const app = new Hono();
app.route("/", staticRoutes(root));
app.notFound((c) => c.json({ error: "no route" }, 404));
const get = (path: string, headers: Record<string, string> = {}) => app.request(path, { headers });

describe("static files", () => {
  it("serves brotli when accepted, preferring it to gzip", async () => {
    const res = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "gzip, deflate, br" });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(res.headers.get("vary")).toBe("Accept-Encoding");
    expect(res.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect(brotliDecompressSync(Buffer.from(await res.arrayBuffer())).toString()).toBe(script);
  });

  it("serves gzip when brotli is not accepted, identity when nothing is", async () => {
    const gz = await get("/assets/index-Ab12Cd34.js", { "accept-encoding": "gzip, br;q=0" });
    expect(gz.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString()).toBe(script);
    const plain = await get("/assets/index-Ab12Cd34.js");
    expect(plain.headers.get("content-encoding")).toBe(null);
    expect(plain.headers.get("vary")).toBe("Accept-Encoding");
    expect(await plain.text()).toBe(script);
  });

  it("marks hashed assets immutable and index.html / version.json no-cache", async () => {
    expect((await get("/assets/index-Ab12Cd34.js")).headers.get("cache-control")).toBe(
      "public, max-age=31536000, immutable",
    );
    const index = await get("/", { "accept-encoding": "br" });
    expect(index.headers.get("cache-control")).toBe("no-cache");
    expect(index.headers.get("content-type")).toMatch(/^text\/html/);
    expect(brotliDecompressSync(Buffer.from(await index.arrayBuffer())).toString()).toBe(html);
    const version = await get("/version.json");
    expect(version.headers.get("cache-control")).toBe("no-cache");
    expect(await version.json()).toEqual({ version: "abc" });
  });

  it("gives each representation a strong ETag and answers 304 on If-None-Match", async () => {
    const br = await get("/", { "accept-encoding": "br" });
    const gz = await get("/", { "accept-encoding": "gzip" });
    const plain = await get("/");
    const tags = [br, gz, plain].map((r) => r.headers.get("etag")!);
    for (const t of tags) expect(t).toMatch(/^"[A-Za-z0-9_-]+(-br|-gz)?"$/);
    expect(new Set(tags).size).toBe(3);
    const again = await get("/", { "accept-encoding": "br", "if-none-match": tags[0]! });
    expect(again.status).toBe(304);
    expect(again.headers.get("etag")).toBe(tags[0]);
    expect(again.headers.get("cache-control")).toBe("no-cache");
    expect(await again.text()).toBe("");
    const stale = await get("/", { "accept-encoding": "br", "if-none-match": `"old", ${tags[2]}` });
    expect(stale.status).toBe(200);
  });

  it("leaves unknown paths, compressed twins and paths outside the build to the 404 handler", async () => {
    for (const path of ["/assets/nope.js", "/assets/index-Ab12Cd34.js.br", "/assets/../../etc/passwd", "/nope.json"]) {
      const res = await get(path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: "no route" });
    }
  });

  it("says the page is not built when web/dist is missing", async () => {
    const res = await staticRoutes(join(root, "missing")).request("/");
    expect(res.status).toBe(503);
    expect(await res.text()).toMatch(/npm run build/);
  });

  it("reads q-values from Accept-Encoding", () => {
    const q = acceptedEncodings("gzip;q=0.5, *;q=0");
    expect([q("gzip"), q("br"), q("identity")]).toEqual([0.5, 0, 0]);
    expect(acceptedEncodings(undefined)("identity")).toBe(1);
  });
});
