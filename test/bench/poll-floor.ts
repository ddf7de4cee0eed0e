/**
 * The floor for a big board's polling, for the bench's same-run baseline: bare node:http GETting
 * each team's alerts from the upstream every period (±10 % jitter, as the scheduler does), keep-alive
 * with at most 4 sockets, with the ETag, and parsing a 200's JSON. No source, normalising, diff,
 * history, metrics or screens: what any Node.js poller pays on this machine for the same requests.
 * Arguments: upstream URL, team prefix, team count, period in ms. Prints "ready" once all are due.
 */
import { Agent } from "node:http";
import { bareGet } from "./bare-poll.ts";

const [upstream, prefix, count, periodMs] = process.argv.slice(2) as [string, string, string, string];
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const etags = new Map<string, string>();

function poll(team: string): void {
  const url = `${upstream}/api/v2/alerts?active=true&filter=${encodeURIComponent(`team="${team}"`)}`;
  bareGet(url, agent, etags, team, () => setTimeout(() => poll(team), Number(periodMs) * (0.9 + Math.random() * 0.2)));
}

for (let i = 0; i < Number(count); i++) poll(`${prefix}${i}`);
console.log("ready");
