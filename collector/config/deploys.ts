/** Metric tiles' `deploys` and `regression` keys, and the check that each deploy source is on the tile's board. */
import { z } from "zod";
import { DURATION_PATTERN } from "../durations.ts";
import { sourceDefinition } from "../sources/index.ts";
import type { ConfigIssue } from "./errors.ts";

// the same rule as schema.ts's `duration`, which imports this file
const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { error: 'must be a duration such as "30s", "5m" or "1h"' });

export type RawTile = { id?: unknown; kind?: unknown; connection?: unknown; deploys?: unknown; deploy?: unknown };
type RawBoard = { id?: unknown; tiles?: RawTile[] };

/** Metric tiles may name deploy sources and watch each deploy's impact on the value. */
export const deployFields = {
  deploys: z
    .array(z.string())
    .min(1)
    .optional()
    .describe(
      "Deploy sources on the same board (a deploy-events source, an environments tile, a CI tile with `deploy: true`): " +
        "their deploys are marked on the chart and the value is compared before and after each.",
    ),
  regression: z
    .object({
      threshold: z
        .number()
        .positive()
        .default(0.2)
        .describe("The relative change that counts: 0.2 = 20 % worse after the deploy than before."),
      direction: z
        .enum(["up", "down"])
        .default("up")
        .describe("`up`: a rise is bad (latency, errors); `down`: a fall is bad (throughput, success ratio)."),
      status: z.enum(["warn", "fail"]).default("warn").describe("What a regression turns the tile; amber by default."),
      before: duration.default("30m").describe("The window before the deploy the value is compared with."),
      after: duration.default("30m").describe("The latest window after the deploy that is compared."),
    })
    .strict()
    .optional()
    .describe("How a change after a deploy is judged (with `deploys`); defaults: 20 % up, amber, 30 min each side."),
};

/** A tile whose deploys a metric tile may mark: a push kind, an environments tile, a CI tile with `deploy: true`. */
function deploySource(t: RawTile): boolean {
  const def = sourceDefinition(String(t.kind));
  return !!def && (!!def.push || def.family === "environments" || t.deploy === true);
}

/** Each id in a tile's `deploys` names a deploy source on the same board. */
export function deployIssues(boards: RawBoard[]): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const where = new Map<unknown, { board: unknown; tile: RawTile }>();
  for (const b of boards)
    for (const t of Array.isArray(b?.tiles) ? b.tiles : [])
      if (t && typeof t === "object") where.set(t.id, { board: b.id, tile: t });
  boards.forEach((b, bi) =>
    (Array.isArray(b?.tiles) ? b.tiles : []).forEach((t, ti) => {
      if (!t || typeof t !== "object" || !Array.isArray(t.deploys)) return;
      t.deploys.forEach((id, di) => {
        const path = `boards[${bi}].tiles[${ti}].deploys[${di}]`;
        const found = where.get(id);
        const sources = (b.tiles ?? []).filter((x) => x && deploySource(x)).map((x) => String(x.id));
        const hint = sources.length
          ? `deploy sources on this board: ${sources.join(", ")}`
          : 'add a deploy-events source, an environments tile or a CI tile with "deploy": true';
        if (!found) issues.push({ path, message: `no tile "${String(id)}" (${hint})` });
        else if (found.board !== b.id)
          issues.push({
            path,
            message: `tile "${String(id)}" is on board "${String(found.board)}"; deploys must be on the same board "${String(b.id)}"`,
          });
        else if (!deploySource(found.tile))
          issues.push({
            path,
            message: `tile "${String(id)}" (${String(found.tile.kind)}) is not a deploy source: mark it "deploy": true or name a deploy-events or environments tile`,
          });
      });
    }),
  );
  return issues;
}
