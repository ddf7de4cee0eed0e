/**
 * Secrets must never reach a tile, a message, a log line or an error text.
 * Every error string that leaves the HTTP client passes through here.
 *
 * `redact()` and `safeLink()` are pure (the page uses `safeLink` too); the
 * secrets a config names live in a `Redactor`, one per collector, made in
 * `startServer` and passed to whatever emits text.
 */
const SECRET_QUERY =
  /([?&](?:token|private_token|access_token|api_key|apikey|key|password|secret|sig|signature)=)[^&#\s"']+/gi;
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s"']+@/gi;
/** The HTTP standard schemes (RFC 7617, RFC 6750); connection types add their own to a Redactor. */
export const STANDARD_AUTH_SCHEMES: readonly string[] = ["Bearer", "Basic"];

function authHeaderPattern(schemes: readonly string[]): RegExp {
  const words = [...new Set(schemes)].map((s) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"));
  return new RegExp(`\\b(${words.join("|")})\\s+[A-Za-z0-9._~+/=-]{6,}`, "g");
}
const STANDARD_AUTH_HEADER = authHeaderPattern(STANDARD_AUTH_SCHEMES);

function replaceKnown(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length < 3) continue;
    out = out.split(secret).join("***");
  }
  return out;
}

function replacePatterns(text: string, authHeader: RegExp): string {
  return text.replace(USERINFO, "$1***@").replace(SECRET_QUERY, "$1***").replace(authHeader, "$1 ***");
}

/** The given secrets, then credentials by their shape (userinfo, token query parameters, auth headers). */
export function redact(text: string, secrets: readonly string[] = []): string {
  return replacePatterns(replaceKnown(text, secrets), STANDARD_AUTH_HEADER);
}

/** The redaction of one collector: the secrets of the config now in force, and the auth schemes of its connection types. */
export interface Redactor {
  /** For error texts and logs: known secrets and anything shaped like a credential. */
  redact(text: string): string;
  /**
   * Known secrets only, in every string of a value (tile fields): an issue titled
   * "Token refresh fails" is upstream data, not a credential, and keeps its words.
   */
  scrub<T>(value: T): T;
  /** The secrets of the config now in force (a reload replaces them; tokens rotate). */
  setSecrets(values: Iterable<string | undefined>): void;
  /** Whether a value is one of this collector's secrets. */
  knows(value: string): boolean;
}

export interface RedactorOptions {
  secrets?: Iterable<string | undefined>;
  /** Auth schemes besides Bearer and Basic (`GenieKey`, `Token`…), from the connection types. */
  schemes?: readonly string[];
}

export function createRedactor(options: RedactorOptions = {}): Redactor {
  let secrets: readonly string[] = [];
  /** Each secret as JSON writes it inside a string, made once per config for scrub(). */
  let needles: readonly string[] = [];
  const authHeader = authHeaderPattern([...STANDARD_AUTH_SCHEMES, ...(options.schemes ?? [])]);
  const scrubValue = (value: unknown): unknown => {
    if (typeof value === "string") return replaceKnown(value, secrets);
    if (Array.isArray(value)) return value.map(scrubValue);
    if (value && typeof value === "object") {
      return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scrubValue(v)]));
    }
    return value;
  };
  const redactor: Redactor = {
    redact: (text) => replacePatterns(replaceKnown(text, secrets), authHeader),
    // Most polls carry no secret: one JSON text and a search per secret instead of a copy of every object (issue 12).
    // A secret is looked for as JSON writes it, so one with quotes or backslashes is found too.
    scrub: <T>(value: T) => {
      if (secrets.length === 0) return value;
      const text = JSON.stringify(value) ?? "";
      return needles.some((n) => text.includes(n)) ? (scrubValue(value) as T) : value;
    },
    setSecrets(values) {
      secrets = [...new Set([...values].filter((v): v is string => !!v && v.length >= 4))];
      needles = secrets.map((s) => JSON.stringify(s).slice(1, -1));
    },
    knows: (value) => secrets.includes(value),
  };
  redactor.setSecrets(options.secrets ?? []);
  return redactor;
}

/** A URL that is safe to show: http(s) only, without credentials. */
export function safeLink(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  try {
    const u = new URL(url);
    if (u.protocol !== "http:" && u.protocol !== "https:") return undefined;
    u.username = "";
    u.password = "";
    return redact(u.toString());
  } catch {
    return undefined;
  }
}
