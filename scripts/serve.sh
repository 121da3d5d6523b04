#!/usr/bin/env bash
# `make serve`: Closeknit's production configuration on this machine's loopback.
# gunicorn (WORKERS processes) and the background worker run side by side; when one
# stops, or on Ctrl+C, both are stopped. `scripts/serve.sh worker` (`make worker`)
# runs only the background worker, with the same configuration.
#
# With no CLOSEKNIT_SECRET_KEY or CLOSEKNIT_KEYS in the environment, fresh ones are
# written once to var/serve.env (readable by you alone) and reused on every run.
# Data lives in var/serve/ unless CLOSEKNIT_VAR_DIR says otherwise: development's
# var/ is sealed with other keys.
set -euo pipefail
cd "$(dirname "$0")/.."

mode="${1:-serve}"
case "$mode" in
  serve | worker) ;;
  *)
    echo "usage: $0 [serve|worker]" >&2
    exit 2
    ;;
esac

export DJANGO_SETTINGS_MODULE=closeknit.settings
HOST="${HOST:-127.0.0.1}"
PORT="${PORT:-8000}"
WORKERS="${WORKERS:-2}"
PY=.venv/bin/python
SERVE_ENV="${SERVE_ENV:-var/serve.env}"

say() { echo "serve: $*" >&2; }

if [[ -z "${CLOSEKNIT_SECRET_KEY:-}${CLOSEKNIT_SECRET_KEY_FILE:-}" ||
  -z "${CLOSEKNIT_KEYS:-}${CLOSEKNIT_KEYS_FILE:-}" ]]; then
  if [[ ! -f "$SERVE_ENV" ]]; then
    mkdir -p "$(dirname "$SERVE_ENV")"
    # umask first: the file never exists, even for a moment, with wider permissions.
    (
      umask 077
      "$PY" - >"$SERVE_ENV" <<'PYTHON'
import secrets

from closeknit.lib.crypto import generate_key

print("# Made by scripts/serve.sh for `make serve` on this machine. Keep it private:")
print("# the keys open everything written in its database. Delete both to start over.")
print(f"CLOSEKNIT_SECRET_KEY={secrets.token_urlsafe(50)}")
print(f"CLOSEKNIT_KEYS={generate_key()}")
PYTHON
    )
    say "created $SERVE_ENV with a new secret key and encryption key (mode 600)."
  else
    say "using the secret key and encryption key in $SERVE_ENV."
  fi
  # Only what the environment lacks is taken from the file.
  while IFS='=' read -r name value; do
    [[ "$name" =~ ^CLOSEKNIT_[A-Z_]+$ ]] || continue
    if [[ -z "${!name:-}" && -z "$(printenv "${name}_FILE" || true)" ]]; then
      export "$name=$value"
    fi
  done <"$SERVE_ENV"
fi

export CLOSEKNIT_ENV=production
export CLOSEKNIT_VAR_DIR="${CLOSEKNIT_VAR_DIR:-$PWD/var/serve}"
export CLOSEKNIT_ALLOWED_HOSTS="${CLOSEKNIT_ALLOWED_HOSTS:-127.0.0.1,localhost,$HOST}"
export CLOSEKNIT_SITE_URL="${CLOSEKNIT_SITE_URL:-http://$HOST:$PORT}"
# On loopback there is no TLS; in a real deployment the proxy in front redirects
# to HTTPS. Browsers count http://127.0.0.1 and http://localhost as secure, so the
# Secure, __Host- cookies work there.
export CLOSEKNIT_SSL_REDIRECT="${CLOSEKNIT_SSL_REDIRECT:-false}"

# What every release needs (README, "Running it in production", step 3), in one
# Python process: each start of Django costs seconds on a small machine.
"$PY" - "$mode" <<'PYTHON'
import sys

import django

django.setup()
from django.core.management import call_command

call_command("migrate", interactive=False, verbosity=0)
call_command("createcachetable")
if sys.argv[1] == "serve":
    call_command("collectstatic", interactive=False, verbosity=0)
    # Warnings are shown (W008 is expected without the SSL redirect); errors stop here.
    call_command("check", deploy=True, fail_level="ERROR")
PYTHON

worker=(
  "$PY" manage.py db_worker --no-reload --interval 1
)
if [[ "$mode" == worker ]]; then
  exec "${worker[@]}"
fi

pids=()
stop() {
  trap - EXIT INT TERM
  if ((${#pids[@]})); then
    kill -TERM "${pids[@]}" 2>/dev/null || true
    wait "${pids[@]}" 2>/dev/null || true
  fi
  say "stopped."
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"${worker[@]}" &
pids+=("$!")
# The access log leaves out query strings: history searches carry words people wrote.
.venv/bin/gunicorn closeknit.wsgi:application \
  --bind "$HOST:$PORT" \
  --workers "$WORKERS" \
  --graceful-timeout 10 \
  --no-control-socket \
  --access-logfile - \
  --access-logformat '%(h)s "%(m)s %(U)s" %(s)s %(B)s %(M)sms' &
pids+=("$!")

say "Closeknit (production settings, $WORKERS web workers and a background worker) at"
say "  http://$HOST:$PORT/   Ctrl+C stops everything."

# Whichever stops first (a crash, a port in use), the other is stopped with it.
status=0
wait -n "${pids[@]}" || status=$?
say "a process stopped (status $status); stopping the rest."
exit "$status"
