/**
 * Nagios Core 4's CGIs (`statusjson.cgi`), behind the web server's HTTP basic auth
 * (Debian: Apache with /etc/nagios4/htdigest.users or htpasswd).
 * @see https://github.com/NagiosEnterprises/nagioscore/blob/master/cgi/statusjson.c
 */
import { z } from "zod";
import { basicAuth, defineConnection } from "./define.ts";

export default defineConnection({
  type: "nagios",
  description: "Nagios Core 4 CGIs; url is the CGI root, e.g. https://nagios.example.com/cgi-bin/nagios4.",
  fields: {
    user: z.string().min(1).optional().describe("Web user for HTTP basic auth (with `password`)."),
    password: z.string().min(1).optional().describe("That user's password."),
  },
  notes: [
    "The CGIs show a user what `cgi.cfg` lets them see: give the radiator's web user",
    "`authorized_for_read_only` plus `authorized_for_all_hosts` and `authorized_for_all_services`",
    "(or make it a contact of the hosts it should show). Radiator only reads `statusjson.cgi`.",
  ].join("\n"),
  secretFields: ["password"],
  headers: (c): Record<string, string> =>
    c.user && c.password ? { authorization: basicAuth(c.user, c.password) } : {},
});
