/** The config keys that guard the page: viewer token, WebSocket origins, who may frame the page. */
import { z } from "zod";

const FRAME_SOURCE = /^('self'|'none'|\*|https?:\/\/[^\s;,'"]+)$/;
const ORIGIN = /^https?:\/\/[^\s/;,'"]+$/;

/** Spread into the top level of the config schema. */
export const securityKeys = {
  viewToken: z
    .string()
    .min(16, { error: "must be at least 16 characters (use a long random value)" })
    .optional()
    .describe(
      "Viewer token: when set, the page, `/api/*`, `/metrics` and `/ws` need it " +
        "(`?token=` once, then a cookie; or `Authorization: Bearer …` / `X-Radiator-Token`). Use `${VAR}`; env `RADIATOR_VIEW_TOKEN` also works. " +
        "`/healthz` stays open.",
    ),
  allowedOrigins: z
    .array(z.string().regex(ORIGIN, "must be an origin such as https://wall.example.com"))
    .optional()
    .describe(
      "Pages from these origins (besides the collector's own) may open the WebSocket; others get 403. " +
        "Left out: any origin.",
    ),
  frameAncestors: z
    .array(z.string().regex(FRAME_SOURCE, "must be 'self', 'none', * or an http(s) origin"))
    .default(["'self'"])
    .describe(
      "Who may embed the page in a frame (CSP frame-ancestors), e.g. a kiosk wrapper's origin. " + "Default `'self'`.",
    ),
};

export interface SecuritySettings {
  viewToken?: string;
  allowedOrigins?: string[];
  frameAncestors: string[];
}

/** The settings in force: the config's, with `RADIATOR_VIEW_TOKEN` when the file sets no token. */
export function securitySettings(
  config: { viewToken?: string; allowedOrigins?: string[]; frameAncestors?: string[] },
  env: Record<string, string | undefined> = process.env,
): SecuritySettings {
  const viewToken = config.viewToken ?? (env.RADIATOR_VIEW_TOKEN || undefined);
  return { viewToken, allowedOrigins: config.allowedOrigins, frameAncestors: config.frameAncestors ?? ["'self'"] };
}
