/** Every source kind, one line each. kind = file name = registry key = config `kind`. */
import type { SourceDefinition } from "./define.ts";
import buildkitePipeline from "./buildkite-pipeline.ts";
import cctray from "./cctray.ts";
import githubActions from "./github-actions.ts";
import gitlabPipelines from "./gitlab-pipelines.ts";
import jenkinsJob from "./jenkins-job.ts";
import demo from "./demo.ts";
import host from "./host.ts";
import http from "./http.ts";
import githubIssues from "./github-issues.ts";
import gitlabIssues from "./gitlab-issues.ts";
import jira from "./jira.ts";
import opsgenieAlerts from "./opsgenie-alerts.ts";
import pagerdutyIncidents from "./pagerduty-incidents.ts";
import pagerdutyOncall from "./pagerduty-oncall.ts";
import prometheus from "./prometheus.ts";
import prometheusTargets from "./prometheus-targets.ts";
import alertmanager from "./alertmanager.ts";
import icingaProblems from "./icinga-problems.ts";
import icingaService from "./icinga-service.ts";
import nagiosProblems from "./nagios-problems.ts";
import zabbixProblems from "./zabbix-problems.ts";
import checkmkProblems from "./checkmk-problems.ts";
import uptimeKuma from "./uptime-kuma.ts";
import gatus from "./gatus.ts";
import grafanaAlerts from "./grafana-alerts.ts";
import stats from "./stats.ts";
import deployEvents from "./deploy-events.ts";
import githubDeployments from "./github-deployments.ts";
import gitlabEnvironments from "./gitlab-environments.ts";
import argocdApps from "./argocd-apps.ts";
import kubernetesRollout from "./kubernetes-rollout.ts";

export const sources = {
  "buildkite-pipeline": buildkitePipeline,
  cctray,
  "github-actions": githubActions,
  "gitlab-pipelines": gitlabPipelines,
  "jenkins-job": jenkinsJob,
  demo,
  host,
  http,
  "github-issues": githubIssues,
  "gitlab-issues": gitlabIssues,
  jira,
  "opsgenie-alerts": opsgenieAlerts,
  "pagerduty-incidents": pagerdutyIncidents,
  "pagerduty-oncall": pagerdutyOncall,
  prometheus,
  "prometheus-targets": prometheusTargets,
  alertmanager,
  "icinga-problems": icingaProblems,
  "icinga-service": icingaService,
  "nagios-problems": nagiosProblems,
  "zabbix-problems": zabbixProblems,
  "checkmk-problems": checkmkProblems,
  "uptime-kuma": uptimeKuma,
  gatus,
  "grafana-alerts": grafanaAlerts,
  stats,
  "deploy-events": deployEvents,
  "github-deployments": githubDeployments,
  "gitlab-environments": gitlabEnvironments,
  "argocd-apps": argocdApps,
  "kubernetes-rollout": kubernetesRollout,
} satisfies Record<string, SourceDefinition<any>>;

export type SourceKind = keyof typeof sources;

/** Every kind as the element type, so callers loop over the registry with no cast. */
export const sourceList: readonly SourceDefinition[] = Object.values(sources);
const byKind: ReadonlyMap<string, SourceDefinition> = new Map(sourceList.map((d) => [d.kind, d]));

export function sourceDefinition(kind: string): SourceDefinition | undefined {
  return byKind.get(kind);
}
