/** RFC 8288 `Link` headers, as GitHub and GitLab page their lists with. */

/** The URL of the `rel="next"` page, if the answer names one. */
export function nextLink(headers: Headers): string | undefined {
  const link = headers.get("link");
  if (!link) return undefined;
  for (const part of link.split(",")) {
    const m = /<([^>]+)>\s*;\s*rel="?([^";]+)"?/.exec(part.trim());
    if (m && m[2]!.split(/\s+/).includes("next")) return m[1];
  }
  return undefined;
}
