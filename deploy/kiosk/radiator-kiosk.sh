#!/bin/sh
# Radiator kiosk launcher for a Raspberry Pi or any Linux TV computer: Chromium full screen on one board,
# restarted by a watchdog loop whenever it exits. Step-by-step setup: deploy/kiosk/README.md.
#
#   radiator-kiosk.sh URL          e.g. http://radiator.office.lan:8080/?board=team  (radiator kiosk-url prints it)
#
# Settings (environment, or /etc/default/radiator-kiosk, which is read first when it exists):
#   RADIATOR_KIOSK_URL            the URL when none is given as an argument
#   RADIATOR_KIOSK_BROWSER        the browser binary (default: the first of chromium, chromium-browser, google-chrome)
#   RADIATOR_KIOSK_PROFILE        the browser profile folder (default: ~/.config/radiator-kiosk)
#   RADIATOR_KIOSK_DISABLE_GPU=1  add --disable-gpu, for screens where GPU compositing flickers or hangs
#   RADIATOR_KIOSK_EXTRA_FLAGS    more browser flags, split on spaces (e.g. "--force-device-scale-factor=1.5")
#   RADIATOR_KIOSK_RESTART_DELAY  seconds between a browser exit and its restart (default 5)
#   RADIATOR_KIOSK_ONCE=1         run the browser once, no watchdog (the browser becomes this process)
#   RADIATOR_KIOSK_DRY_RUN=1      print the browser command line, one argument a line, and exit
set -eu
child=""

[ -r /etc/default/radiator-kiosk ] && . /etc/default/radiator-kiosk

URL="${1:-${RADIATOR_KIOSK_URL:-}}"
if [ -z "$URL" ]; then
  echo "usage: $0 URL   (or set RADIATOR_KIOSK_URL; \`radiator kiosk-url --board ID\` prints the URL)" >&2
  exit 2
fi
case "$URL" in
  http://*|https://*) ;;
  *) echo "radiator-kiosk: the URL must start with http:// or https://, not: $URL" >&2; exit 2 ;;
esac

BROWSER="${RADIATOR_KIOSK_BROWSER:-}"
if [ -z "$BROWSER" ]; then
  for b in chromium chromium-browser google-chrome; do
    if command -v "$b" >/dev/null 2>&1; then BROWSER=$(command -v "$b"); break; fi
  done
fi
if [ -z "$BROWSER" ]; then
  echo "radiator-kiosk: no Chromium found; install it (sudo apt install chromium) or set RADIATOR_KIOSK_BROWSER" >&2
  exit 1
fi
PROFILE="${RADIATOR_KIOSK_PROFILE:-${HOME:-/tmp}/.config/radiator-kiosk}"

# The wall's flags: full screen with no way out, no first-run or crash-restore bubble, no translate bar,
# no update nags, sound allowed without a click (the board's opt-in alert sound), no pinch or swipe-back.
set -- \
  --kiosk \
  --noerrdialogs \
  --disable-infobars \
  --no-first-run \
  --disable-translate \
  --disable-features=Translate \
  --autoplay-policy=no-user-gesture-required \
  --disable-session-crashed-bubble \
  --check-for-update-interval=31536000 \
  --disable-pinch \
  --overscroll-history-navigation=0 \
  --password-store=basic \
  "--user-data-dir=$PROFILE"
[ "${RADIATOR_KIOSK_DISABLE_GPU:-0}" = 1 ] && set -- "$@" --disable-gpu
# shellcheck disable=SC2086 # split on purpose: several flags in one variable
[ -n "${RADIATOR_KIOSK_EXTRA_FLAGS:-}" ] && set -- "$@" ${RADIATOR_KIOSK_EXTRA_FLAGS}
set -- "$@" "$URL"

if [ "${RADIATOR_KIOSK_DRY_RUN:-0}" = 1 ]; then
  printf '%s\n' "$BROWSER" "$@"
  exit 0
fi

# A browser killed by a power cut marks its profile "crashed" and offers to restore: mark it clean.
clean_profile() {
  prefs="$PROFILE/Default/Preferences"
  if [ -f "$prefs" ]; then
    sed -i 's/"exited_cleanly":false/"exited_cleanly":true/; s/"exit_type":"[^"]*"/"exit_type":"Normal"/' "$prefs" || true
  fi
}

# Keep an X11 screen awake: no screen saver, no display power management (Wayland: see the README).
if [ -n "${DISPLAY:-}" ] && command -v xset >/dev/null 2>&1; then
  xset s off -dpms s noblank 2>/dev/null || true
fi

mkdir -p "$PROFILE"
clean_profile
if [ "${RADIATOR_KIOSK_ONCE:-0}" = 1 ]; then
  exec "$BROWSER" "$@"
fi

trap 'echo "radiator-kiosk: stopping" >&2; kill "$child" 2>/dev/null; exit 0' INT TERM
while :; do
  "$BROWSER" "$@" &
  child=$!
  status=0
  wait "$child" || status=$?
  echo "radiator-kiosk: $(date '+%F %T') browser exited with $status; restarting in ${RADIATOR_KIOSK_RESTART_DELAY:-5} s" >&2
  sleep "${RADIATOR_KIOSK_RESTART_DELAY:-5}"
  clean_profile
done
