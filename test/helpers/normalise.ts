/**
 * Calls a kind's pure `normalise` the way `runSource()` does, so every kind's unit
 * tests feed it an answer the same way. The clock is required: tests never read the wall clock.
 */
import type { z } from "zod";
import type { TileFields } from "../../collector/contract.ts";
import type { NormaliseContext, SourceDefinition } from "../../collector/sources/define.ts";

export function normaliseWith<P extends z.ZodObject, A>(
  def: SourceDefinition<P, A>,
  answer: A,
  params: z.infer<P>,
  ctx: Partial<NormaliseContext> & { now: Date },
): TileFields {
  return def.normalise(answer, params, { history: [], ...ctx });
}
