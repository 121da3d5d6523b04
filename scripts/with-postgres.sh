#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb into a temporary
# folder, start it on a free loopback port, export DATABASE_URL, run the command,
# then stop the server and delete the folder whatever the command's outcome.
# Installs Debian's postgresql package first if no server binaries are found.
set -euo pipefail

find_bindir() {
  local candidate
  # Debian's newest server first; then whatever initdb is on PATH (symlinks resolved,
  # so createdb is found beside it).
  for candidate in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -rV) \
    "$(dirname "$(readlink -f "$(command -v initdb 2>/dev/null || echo /none/initdb)")")"; do
    if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ] && [ -x "$candidate/createdb" ]; then
      echo "$candidate"
      return 0
    fi
  done
  return 1
}

bindir=$(find_bindir) || {
  "$(dirname "$0")/apt-install.sh" postgresql
  bindir=$(find_bindir) || { echo "PostgreSQL server binaries not found" >&2; exit 1; }
}

workdir=$(mktemp -d /tmp/closeknit-pg.XXXXXX)
as_pg=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root, so the server runs as the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --no-create-home postgres
  chown postgres "$workdir"
  as_pg=(runuser -u postgres --)
fi

pg() {
  # From the server's own folder: the postgres user may not be able to read ours.
  (cd "$workdir" && "${as_pg[@]}" "$bindir/$1" "${@:2}")
}

cleanup() {
  pg pg_ctl -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT
# Without these, Ctrl+C or a CI timeout would kill the script before cleanup.
trap 'exit 130' INT
trap 'exit 143' TERM

pg initdb -D "$workdir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'
}
# The port is free when chosen but could be taken before the server binds it.
started=""
for _attempt in 1 2 3; do
  port=$(free_port)
  if pg pg_ctl -D "$workdir/data" -l "$workdir/server.log" -w -t 60 \
    -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200" \
    start >/dev/null; then
    started=yes
    break
  fi
done
if [ -z "$started" ]; then
  echo "PostgreSQL did not start; its log follows:" >&2
  cat "$workdir/server.log" >&2
  exit 1
fi
pg createdb -h 127.0.0.1 -p "$port" -U postgres closeknit

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/closeknit"
echo "PostgreSQL $("$bindir/pg_ctl" --version | awk '{print $3}') ready on 127.0.0.1:$port (data in $workdir)"
"$@"
