/** Every connection type, one line each. type = file name = registry key = config `type`. */
import type { ConnectionDefinition } from "./define.ts";
import buildkite from "./buildkite.ts";
import cctray from "./cctray.ts";
import github from "./github.ts";
import gitlab from "./gitlab.ts";
import jenkins from "./jenkins.ts";
import jira from "./jira.ts";
import opsgenie from "./opsgenie.ts";
import pagerduty from "./pagerduty.ts";
import prometheus from "./prometheus.ts";
import alertmanager from "./alertmanager.ts";
import icinga2 from "./icinga2.ts";
import nagios from "./nagios.ts";
import zabbix from "./zabbix.ts";
import checkmk from "./checkmk.ts";
import uptimeKuma from "./uptime-kuma.ts";
import gatus from "./gatus.ts";
import grafana from "./grafana.ts";
import argocd from "./argocd.ts";
import kubernetes from "./kubernetes.ts";

export const connections = {
  buildkite,
  cctray,
  github,
  gitlab,
  jenkins,
  jira,
  opsgenie,
  pagerduty,
  prometheus,
  alertmanager,
  icinga2,
  nagios,
  zabbix,
  checkmk,
  "uptime-kuma": uptimeKuma,
  gatus,
  grafana,
  argocd,
  kubernetes,
} satisfies Record<string, ConnectionDefinition<any>>;

export type ConnectionType = keyof typeof connections;

/** Every connection type as the element type, so callers loop over the registry with no cast. */
export const connectionList: readonly ConnectionDefinition[] = Object.values(connections);
const byType: ReadonlyMap<string, ConnectionDefinition> = new Map(connectionList.map((d) => [d.type, d]));

export function connectionDefinition(type: string): ConnectionDefinition | undefined {
  return byType.get(type);
}
