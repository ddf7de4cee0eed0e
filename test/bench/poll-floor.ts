/**
 * The floor for a big board's polling, for the bench's same-run baseline: bare node:http GETting
 * each team's alerts from the upstream every period (±10 % jitter, on the same slot boundaries as the
 * collector's scheduler: collector/timer-wheel.ts), keep-alive
 * with at most 4 sockets, with the ETag, and parsing a 200's JSON. No source, normalising, diff,
 * history, metrics or screens: what any Node.js poller pays on this machine for the same requests.
 * Arguments: upstream URL, team prefix, team count, period in ms, slot in ms. Prints "ready" once all are due.
 */
import { Agent } from "node:http";
import { bareGet } from "./bare-poll.ts";
import { TimerWheel } from "../../collector/timer-wheel.ts";

const [upstream, prefix, count, periodMs, slotMs] = process.argv.slice(2) as [string, string, string, string, string];
const wheel = new TimerWheel(Number(slotMs));
const agent = new Agent({ keepAlive: true, maxSockets: 4 });
const etags = new Map<string, string>();

function poll(team: string): void {
  const url = `${upstream}/api/v2/alerts?active=true&filter=${encodeURIComponent(`team="${team}"`)}`;
  bareGet(url, agent, etags, team, () => wheel.after(Number(periodMs) * (0.9 + Math.random() * 0.2), () => poll(team)));
}

for (let i = 0; i < Number(count); i++) poll(`${prefix}${i}`);
// the wheel's timers do not keep a process alive (the collector's server does): this does
setInterval(() => undefined, 60_000);
console.log("ready");
