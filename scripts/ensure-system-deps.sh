#!/usr/bin/env bash
# Brings the system packages the test suite needs: Debian's Chromium for the
# page tests, the Prometheus stack, Icinga 2 and Nagios 4 for the ops integration tests,
# systemd-analyze for the service unit in deploy/, nginx and caddy for the README's reverse-proxy snippets.
# redis-server for cluster mode.
# On Debian as root it installs what is missing with apt-get; elsewhere it says
# exactly what to install and fails, so no test is silently skipped.
set -euo pipefail

declare -A BIN=(
  [chromium]=/usr/bin/chromium
  [prometheus]=/usr/bin/prometheus  # also brings /usr/bin/promtool (the /metrics names test)
  [prometheus-alertmanager]=/usr/bin/prometheus-alertmanager
  [prometheus-node-exporter]=/usr/bin/prometheus-node-exporter
  [prometheus-blackbox-exporter]=/usr/bin/prometheus-blackbox-exporter
  [prometheus-pushgateway]=/usr/bin/prometheus-pushgateway  # the deploy-markers test pushes its metric there
  [icinga2-bin]=/usr/sbin/icinga2
  [nagios4-core]=/usr/sbin/nagios4
  [nagios4-cgi]=/usr/lib/cgi-bin/nagios4/statusjson.cgi
  [systemd]=/usr/bin/systemd-analyze
  [nginx]=/usr/sbin/nginx
  [caddy]=/usr/bin/caddy
  [redis-server]=/usr/bin/redis-server  # the cluster tests (test/integration/cluster/)
)
find_missing() {
  missing=()
  for pkg in "${!BIN[@]}"; do [ -x "${BIN[$pkg]}" ] || missing+=("$pkg"); done
}
find_missing
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  # Two test runs on one fresh machine install one after the other; the second then finds all in place.
  exec 9>/var/lock/radiator-test-deps.lock
  flock -w 1200 9
  find_missing
  [ ${#missing[@]} -eq 0 ] && exit 0
  echo "radiator: installing test dependencies with apt-get: ${missing[*]}" >&2
  # Packaged services must never start (no init here, and tests use their own ports).
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    printf '#!/bin/sh\nexit 101\n' > /usr/sbin/policy-rc.d; chmod +x /usr/sbin/policy-rc.d
    trap 'rm -f /usr/sbin/policy-rc.d' EXIT
  fi
  export DEBIAN_FRONTEND=noninteractive
  # Wait for another apt (a second test run, unattended-upgrades on a fresh machine) instead of failing at once.
  lock=(-o DPkg::Lock::Timeout=600)
  apt-get "${lock[@]}" update -qq
  apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  echo "radiator: installed ${missing[*]}" >&2
  exit 0
fi
echo "radiator: the tests need these Debian packages: ${missing[*]}" >&2
echo "  install them with: sudo apt-get install --no-install-recommends ${missing[*]}" >&2
exit 1
