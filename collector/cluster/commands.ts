/**
 * Writes made through a follower (claims, webhook nudges) go to the leader, which alone writes the shared
 * state: the follower publishes the command, the leader applies it to its store (the change
 * reaches every screen through the relay) and publishes the answer, which the follower's
 * HTTP request waits for. No leader within the timeout: the request says so (503) and
 * nothing is recorded.
 */
import { randomUUID } from "node:crypto";
import type { Tile } from "../contract.ts";
import type { Store } from "../store.ts";
import type { Scheduler } from "../scheduler.ts";

export type Command =
  | { op: "claim"; id: string; by: string; note: string }
  | { op: "release"; id: string }
  | { op: "nudge"; webhook: string; payload: unknown };
export type ClaimResult = Tile | "missing" | "ok" | "unavailable";
/** A claim's answer, or how many polls a webhook nudged. */
export type CommandResult = ClaimResult | number;

interface Envelope {
  nonce: string;
  command: Command;
}

export const COMMAND_TIMEOUT_MS = 3000;

/** What the leader does with a command. */
export function runCommand(
  store: Store,
  scheduler: Scheduler,
  command: Command,
): Exclude<CommandResult, "unavailable"> {
  if (command.op === "nudge") return scheduler.nudge(command.webhook, command.payload);
  if (command.op === "claim") {
    const result = store.claim(command.id, command.by, command.note);
    store.flush();
    return result;
  }
  const tile = store.release(command.id);
  store.flush();
  return tile ?? "missing";
}

export class CommandClient {
  private readonly waiting = new Map<string, (result: CommandResult) => void>();

  constructor(
    private readonly publish: (envelope: string) => Promise<unknown>,
    private readonly timeoutMs = COMMAND_TIMEOUT_MS,
  ) {}

  async send(command: Command): Promise<CommandResult> {
    const nonce = randomUUID();
    const answer = new Promise<CommandResult>((resolve) => {
      const timer = setTimeout(() => {
        this.waiting.delete(nonce);
        resolve("unavailable");
      }, this.timeoutMs);
      this.waiting.set(nonce, (result) => {
        clearTimeout(timer);
        resolve(result);
      });
    });
    try {
      await this.publish(JSON.stringify({ nonce, command } satisfies Envelope));
    } catch {
      this.waiting.get(nonce)?.("unavailable");
      this.waiting.delete(nonce);
    }
    return answer;
  }

  /** An answer on the replies channel; answers to other replicas' commands are not ours. */
  answer(text: string): void {
    const { nonce, result } = JSON.parse(text) as { nonce: string; result: CommandResult };
    const done = this.waiting.get(nonce);
    this.waiting.delete(nonce);
    done?.(result);
  }
}

export function parseCommand(text: string): Envelope {
  return JSON.parse(text) as Envelope;
}
