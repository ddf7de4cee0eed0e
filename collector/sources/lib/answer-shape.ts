/**
 * Checks an upstream answer against the fields a kind reads, so a malformed or
 * unexpected body becomes a clear error (→ unknown) instead of a crash or a
 * silently empty — and therefore green — list.
 */
import type { z } from "zod";

export function parseAnswer<S extends z.ZodType>(schema: S, body: unknown, what: string): z.infer<S> {
  const result = schema.safeParse(body);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  const path = issue.path.length ? issue.path.join(".") : "the body";
  throw new Error(`${what} answered in an unexpected shape: ${path}: ${issue.message}`);
}
