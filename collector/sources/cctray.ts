/**
 * `cctray`: a cctray XML feed, the lingua franca of CI servers (GoCD, Jenkins,
 * TeamCity, CruiseControl, Concourse and others through adapters). One project
 * makes one tile; with no project named, the whole feed is one tile, worst wins,
 * with each project as an item. The feed holds no history, so `since` comes from
 * the collector's own record of when the status changed.
 */
import { createRequire } from "node:module";
import { z } from "zod";
import { worstStatus, type Status, type TileFields, type TileItem } from "../contract.ts";
import { UpstreamError } from "../http-client.ts";
import { ago } from "../durations.ts";
import { safeLink } from "../links.ts";
import { defineSource, type NormaliseContext } from "./define.ts";
import { failingFirst, lookup } from "./lib/ci-runs.ts";

export const params = z.object({
  project: z
    .string()
    .min(1)
    .optional()
    .describe(
      "A project name exactly as in the feed; left out, one tile for the whole feed (worst wins, one item per project).",
    ),
});
type Params = z.infer<typeof params>;

/**
 * `Exception` is the server failing to build (not the code): still not green, so fail.
 * `Unknown` means no build has reported yet.
 * @see https://cctray.org/v1/
 */
export const LAST_BUILD_STATUS: Readonly<Record<string, Status>> = {
  Success: "ok",
  Failure: "fail",
  Exception: "fail",
  Unknown: "unknown",
};

/**
 * Only Building is a build in progress; CheckingModifications is the server polling its repository.
 * @see https://cctray.org/v1/
 */
export const ACTIVITY: Readonly<Record<string, boolean>> = {
  Sleeping: false,
  Building: true,
  CheckingModifications: false,
};

export interface Project {
  name: string;
  status: Status;
  running: boolean;
  label?: string;
  time?: string;
  url?: string;
  breakers: string[];
  /** An unmapped lastBuildStatus or activity, named. */
  error?: string;
}

type Fxp = typeof import("fast-xml-parser");
let xml: { parser: InstanceType<Fxp["XMLParser"]>; validator: Fxp["XMLValidator"] } | undefined;

/**
 * The XML parser, loaded on the first feed: a collector whose boards have no cctray tile never pays
 * its memory (a few MB of an idle collector's budget, issue 15).
 */
function xmlTools(): NonNullable<typeof xml> {
  if (!xml) {
    const { XMLParser, XMLValidator } = createRequire(import.meta.url)("fast-xml-parser") as Fxp;
    const parser = new XMLParser({
      ignoreAttributes: false,
      attributeNamePrefix: "",
      parseAttributeValue: false,
      isArray: (name) => name === "Project" || name === "message",
    });
    xml = { parser, validator: XMLValidator };
  }
  return xml;
}

/** The projects in a feed; a body that is not a cctray feed throws. */
export function parseFeed(body: string): Project[] {
  const { parser, validator } = xmlTools();
  const valid = validator.validate(body);
  if (valid !== true)
    throw new UpstreamError(
      `the cctray feed is not well-formed XML: ${valid.err.msg} (line ${valid.err.line})`,
      "parse",
    );
  const doc = parser.parse(body) as { Projects?: { Project?: Record<string, unknown>[] } | "" };
  if (doc.Projects === undefined)
    throw new UpstreamError("the answer is XML but not a cctray feed (no <Projects> root)", "parse");
  const list = (typeof doc.Projects === "object" ? doc.Projects.Project : undefined) ?? [];
  return list.map((p) => {
    const name = String(p.name ?? "");
    const status = lookup(LAST_BUILD_STATUS, p.lastBuildStatus);
    const activity = p.activity;
    const knownActivity = typeof activity === "string" && Object.hasOwn(ACTIVITY, activity);
    const messages = (p.messages as { message?: { text?: string; kind?: string }[] } | undefined)?.message ?? [];
    const breakers = messages
      .filter((m) => m.kind === "Breakers" && m.text)
      .flatMap((m) =>
        m
          .text!.split(",")
          .map((s) => s.trim())
          .filter(Boolean),
      );
    const error =
      status === "unknown" && p.lastBuildStatus !== "Unknown"
        ? `unknown cctray lastBuildStatus "${String(p.lastBuildStatus)}" on ${name}`
        : !knownActivity
          ? `unknown cctray activity "${String(activity)}" on ${name}`
          : undefined;
    return {
      name,
      status: error ? "unknown" : status,
      running: knownActivity && ACTIVITY[activity as string]!,
      label: p.lastBuildLabel === undefined ? undefined : String(p.lastBuildLabel),
      time: typeof p.lastBuildTime === "string" ? p.lastBuildTime : undefined,
      url: safeLink(p.webUrl),
      breakers,
      error,
    };
  });
}

const WORDS: Record<Status, string> = { ok: "passed", warn: "unstable", fail: "failed", unknown: "has no result yet" };

function one(pr: Project, now: Date): TileFields {
  const label = pr.label ? `${pr.name} #${pr.label}` : pr.name;
  const when = pr.time && Number.isFinite(Date.parse(pr.time)) ? ago(pr.time, now) : undefined;
  const summary =
    pr.error ??
    [
      `${label} ${WORDS[pr.status]}`,
      ...(pr.status === "fail" ? pr.breakers.slice(0, 1) : []),
      ...(when ? [when] : []),
    ].join(" · ");
  return {
    status: pr.status,
    summary: summary + (pr.running ? " · building" : ""),
    running: pr.running,
    url: pr.url,
    people: pr.status === "fail" && pr.breakers.length ? pr.breakers : undefined,
    error: pr.error,
  };
}

function normalise(xml: string, p: Params, { now }: NormaliseContext): TileFields {
  const projects = parseFeed(xml);
  if (p.project !== undefined) {
    const pr = projects.find((x) => x.name === p.project);
    if (pr) return one(pr, now);
    const error = `no project named "${p.project}" in the feed (${projects.length} projects)`;
    return { status: "unknown", summary: error, error };
  }
  if (projects.length === 0) return { status: "unknown", summary: "the feed lists no projects" };
  const status = worstStatus(projects.map((x) => x.status));
  const bad = projects.filter((x) => x.status === "fail");
  const building = projects.filter((x) => x.running).length;
  const items: TileItem[] = failingFirst(
    projects.map((x) => ({
      title: x.name,
      status: x.status,
      url: x.url,
      detail:
        x.error ??
        ([x.label ? `#${x.label}` : "", x.running ? "building" : ""].filter(Boolean).join(" · ") || undefined),
      at: x.time && Number.isFinite(Date.parse(x.time)) ? new Date(x.time).toISOString() : undefined,
    })),
  );
  const head = bad.length
    ? `${bad.length} of ${projects.length} failing: ${bad
        .slice(0, 3)
        .map((x) => x.name)
        .join(", ")}${bad.length > 3 ? "…" : ""}`
    : status === "ok"
      ? `${projects.length} projects passing`
      : `${projects.filter((x) => x.status !== "ok").length} of ${projects.length} without a result`;
  const errors = projects.map((x) => x.error).filter(Boolean);
  const people = [...new Set(bad.flatMap((x) => x.breakers))];
  return {
    status,
    summary: head + (building ? ` · ${building} building` : ""),
    running: building > 0,
    items,
    people: people.length ? people : undefined,
    error: errors.length ? errors.join("; ") : undefined,
  };
}

export default defineSource({
  kind: "cctray",
  connection: "cctray",
  family: "build",
  description: "A cctray XML feed (GoCD, Jenkins, TeamCity, CruiseControl…): one project, or the worst of all.",
  notes: `One project of a [cctray](https://cctray.org/v1/) feed — or, with no \`project\`,
the whole feed as one tile: worst wins, with one item per project (failing
first, linked to its page).

\`lastBuildStatus\`: \`Success\` → ok; \`Failure\` → fail; \`Exception\` (the server
could not build) → fail; \`Unknown\` (no build yet) → unknown. \`activity\`:
\`Building\` → running; \`Sleeping\` and \`CheckingModifications\` (the server polling
its repository) are not. People: the feed's optional *Breakers* message. A feed
has no history, so there is no progress or sparkline, and the red-for timer
counts from when Radiator first saw the status.

\`\`\`json
{ "id": "deploy", "title": "Deploy to prod", "kind": "cctray", "connection": "gocd", "project": "deploy :: production" }
\`\`\``,
  params,
  async load(ctx, p) {
    // The connection's url is the feed itself, used as is (a relative path would gain a slash).
    if (!ctx.baseUrl) throw new Error("a cctray tile needs the feed's url on its connection");
    const res = await ctx.http.text(ctx.baseUrl, {
      headers: { accept: "application/xml, text/xml" },
      signal: ctx.signal,
    });
    return res.body;
  },
  normalise,
});
