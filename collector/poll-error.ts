/** What a failed poll says on its tile: the upstream's failure in plain words, never a JS error's dump. */
import { ZodError } from "zod";
import { UpstreamError } from "./upstream-error.ts";

export function errorText(err: unknown): string {
  if (err instanceof UpstreamError) return err.message;
  // A source that checks the answer's shape with zod: name the first field that is off, not a JSON dump.
  if (err instanceof ZodError) {
    const issue = err.issues[0];
    const where = issue?.path.length ? issue.path.join(".") : "the body";
    return `unexpected answer from upstream: ${where}: ${issue?.message ?? "invalid"}`;
  }
  // A source that tripped over an answer it did not expect: say so rather than show a JS error.
  if (err instanceof TypeError || err instanceof SyntaxError) return `unexpected answer from upstream (${err.message})`;
  if (err instanceof Error) return err.message || err.name;
  return String(err);
}
