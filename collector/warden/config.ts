/** The `warden` config block: a rota of names, or the on-call person of a `pagerduty-oncall` tile. */
import { z } from "zod";
import { DURATION_PATTERN } from "../durations.ts";

const duration = z
  .string()
  .regex(new RegExp(DURATION_PATTERN), { error: 'must be a duration such as "15m", "1d" or "1w"' });

export const wardenSchema = z
  .object({
    rota: z.array(z.string().min(1).max(60)).min(1).optional().describe("Names taking turns as fire warden, in order."),
    every: duration.default("1w").describe("How long each turn lasts."),
    from: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?$/, { error: 'must be a local time such as "2026-11-30T09:00"' })
      .optional()
      .describe("When the first name's turn starts, in the collector's local time; default the Unix epoch."),
    tile: z
      .string()
      .optional()
      .describe(
        "Instead of a rota: the id of an on-call tile (kind pagerduty-oncall) whose first person is the warden.",
      ),
    nudgeAfter: duration
      .optional()
      .describe('Mark red tiles nobody has claimed for this long ("unclaimed 20 min — Alice?").'),
  })
  .strict()
  .refine((w) => !!w.rota !== !!w.tile, { error: "name either a `rota` or an on-call `tile`, not both or neither" });

export type WardenConfig = z.output<typeof wardenSchema>;
