// Writes NAME.br and NAME.gz next to each text file of the page build, once at build time, so the collector
// serves compressed bytes without compressing on every request (collector/routes/static.ts picks one).
import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { brotliCompressSync, gzipSync, constants } from "node:zlib";

const TEXT = /\.(html|js|mjs|css|svg|json|txt|map|webmanifest|xml)$/;

export function precompress(dir) {
  let written = 0;
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      written += precompress(path);
      continue;
    }
    if (!TEXT.test(name)) continue;
    const body = readFileSync(path);
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gz = gzipSync(body, { level: 9 });
    // A variant no smaller than the file is not worth a Content-Encoding: the file is served as it is.
    if (br.length < body.length) (writeFileSync(`${path}.br`, br), written++);
    if (gz.length < body.length) (writeFileSync(`${path}.gz`, gz), written++);
  }
  return written;
}

if (process.argv[1] && import.meta.url.endsWith(process.argv[1].split("/").pop())) {
  const dir = process.argv[2];
  if (!dir) throw new Error("usage: node scripts/precompress.mjs DIR");
  console.error(`radiator: ${precompress(dir)} precompressed files in ${dir}`);
}
