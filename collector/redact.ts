/**
 * Secrets must never reach a tile, a message, a log line or an error text.
 * Every error string that leaves the HTTP client passes through here.
 */
const SECRET_QUERY = /([?&](?:token|private_token|access_token|api_key|apikey|key|password|secret|sig|signature)=)[^&#\s"']+/gi;
const USERINFO = /(\b[a-z][a-z0-9+.-]*:\/\/)[^/@\s"']+@/gi;
const AUTH_HEADER = /\b(Bearer|Basic|Token|GenieKey)\s+[A-Za-z0-9._~+/=-]{6,}/g;

/**
 * Secrets the config names, wherever they are used (a token in an `http`
 * check's URL, say): redacted from every text, not only from one client's errors.
 */
let registered: readonly string[] = [];

/** The secrets of the config now in force (a reload replaces them; tokens rotate). */
export function registerSecrets(values: Iterable<string | undefined>): void {
  registered = [...new Set([...values].filter((v): v is string => !!v && v.length >= 4))];
}

export function redact(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of [...secrets, ...registered]) {
    if (secret.length < 3) continue;
    out = out.split(secret).join("***");
  }
  return out.replace(USERINFO, "$1***@").replace(SECRET_QUERY, "$1***").replace(AUTH_HEADER, "$1 ***");
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
