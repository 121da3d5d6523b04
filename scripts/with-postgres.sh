#!/usr/bin/env bash
# Run a command against a throwaway PostgreSQL server: initdb into a temporary
# folder, start it on a free loopback port, export DATABASE_URL, run the command,
# then stop the server and delete the folder whatever the command's outcome.
set -euo pipefail

bindir=""
for candidate in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/initdb)")" /usr/lib/postgresql/*/bin; do
  if [ -x "$candidate/initdb" ] && [ -x "$candidate/pg_ctl" ]; then bindir="$candidate"; break; fi
done
if [ -z "$bindir" ]; then
  echo "PostgreSQL server binaries not found; install the 'postgresql' package." >&2
  exit 1
fi

workdir=$(mktemp -d /tmp/closeknit-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()')

as_pg=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root, so the server runs as the postgres user.
  id postgres >/dev/null 2>&1 || useradd --system --home-dir "$workdir" postgres
  chown postgres "$workdir"
  as_pg=(runuser -u postgres --)
fi

cleanup() {
  "${as_pg[@]}" "$bindir/pg_ctl" -D "$workdir/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$workdir"
}
trap cleanup EXIT

"${as_pg[@]}" "$bindir/initdb" -D "$workdir/data" -U postgres -A trust -E UTF8 --no-sync >/dev/null
"${as_pg[@]}" "$bindir/pg_ctl" -D "$workdir/data" -l "$workdir/server.log" -w \
  -o "-p $port -k $workdir -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
  start >/dev/null

export DATABASE_URL="postgres://postgres@127.0.0.1:$port/closeknit"
echo "PostgreSQL ready on port $port"
"$@"
