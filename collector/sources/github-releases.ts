/**
 * `github-releases` (TRIAL, to count files): the latest release of a repository.
 * @see https://docs.github.com/en/rest/releases/releases#get-the-latest-release
 */
import { z } from "zod";
import type { TileFields } from "../contract.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../redact.ts";
import { parseAnswer } from "./lib/answer-shape.ts";
import { defineSource, type NormaliseContext } from "./define.ts";

export const params = z.object({
  repo: z.string().regex(/^[\w.-]+\/[\w.-]+$/, "owner/name").describe("The repository, as owner/name."),
});
type Params = z.infer<typeof params>;

const release = z.object({ tag_name: z.string(), html_url: z.string(), published_at: z.string().nullish() }).loose();

function normalise(body: unknown, p: Params, { now }: NormaliseContext): TileFields {
  const r = parseAnswer(release, body, "GitHub release");
  return { status: "ok", summary: `${p.repo} ${r.tag_name}${r.published_at ? ` · ${ago(r.published_at, now)}` : ""}`, url: safeLink(r.html_url) };
}

export default defineSource({
  kind: "github-releases",
  connection: "github",
  family: "check",
  description: "The latest published release of a GitHub repository (trial kind).",
  notes: `Always \`ok\` when a release exists: a release says nothing good or bad about the build. Token: read-only **Contents**.`,
  params,
  async load(ctx, p) {
    return (await ctx.http.json(`/repos/${p.repo}/releases/latest`, { signal: ctx.signal })).body;
  },
  normalise,
});
