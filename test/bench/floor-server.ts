/**
 * The floor for a webhook-nudged poll, for the bench's same-run baseline: bare node:http that takes
 * the webhook POST, answers 202, GETs the team's alerts from the upstream (keep-alive, with the
 * ETag) and parses the JSON. No routing, auth, normalising, diff, history or fan-out: what any
 * Node.js server pays on this machine for the same two HTTP exchanges. Prints its port.
 */
import { Agent, createServer } from "node:http";
import { bareGet } from "./bare-poll.ts";

const upstream = process.argv[2]!;
const agent = new Agent({ keepAlive: true });
const etags = new Map<string, string>();

function poll(team: string): void {
  bareGet(`${upstream}/api/v2/alerts?filter=${encodeURIComponent(`team="${team}"`)}`, agent, etags, team);
}

const server = createServer((req, res) => {
  let body = "";
  req.setEncoding("utf8");
  req.on("data", (d: string) => (body += d));
  req.on("end", () => {
    const payload = JSON.parse(body) as { alerts: { labels: { team: string } }[] };
    res.writeHead(202, { "content-type": "application/json" }).end('{"polled":1}');
    poll(payload.alerts[0]!.labels.team);
  });
});
server.listen(0, "127.0.0.1", () => console.log((server.address() as { port: number }).port));
