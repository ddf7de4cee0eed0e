/**
 * One GET of a team's alerts as the bench's bare node:http floors make it (`floor-server.ts`,
 * `poll-floor.ts`): keep-alive, with the team's ETag, and JSON.parse of a 200. No source, normalising,
 * diff, history or screens.
 */
import type { Agent } from "node:http";
import { request } from "node:http";

export function bareGet(url: string, agent: Agent, etags: Map<string, string>, key: string, done?: () => void): void {
  const etag = etags.get(key);
  const req = request(url, { agent, headers: etag ? { "if-none-match": etag } : {} }, (res) => {
    let text = "";
    res.setEncoding("utf8");
    res.on("data", (d: string) => (text += d));
    res.on("end", () => {
      if (res.statusCode === 200) JSON.parse(text);
      const tag = res.headers.etag;
      if (tag) etags.set(key, tag);
      done?.();
    });
  });
  // a kept-alive socket the upstream closed as it was reused ("socket hang up"): that poll ends, as the collector's would
  req.on("error", () => done?.());
  req.end();
}
