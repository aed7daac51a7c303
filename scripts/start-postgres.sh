# Sourced by scripts/test.sh: starts a throwaway PostgreSQL server for the feedback tests (a
# fresh data folder, a free port on 127.0.0.1, trust authentication, stopped when the script
# exits) and exports its URL as INTERVIEW_BOT_TEST_POSTGRES. Installs Debian's postgresql
# package first when the server is missing.

pg_bin() {
    local d
    for d in "$(dirname "$(command -v initdb 2>/dev/null || echo /nonexistent/x)")" /usr/lib/postgresql/*/bin; do
        if [[ -x "$d/initdb" && -x "$d/pg_ctl" ]]; then
            echo "$d"
            return 0
        fi
    done
    return 1
}

if ! pg=$(pg_bin); then
    echo "PostgreSQL server not found: installing Debian's postgresql package" >&2
    if [[ $(id -u) == 0 ]]; then
        DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    else
        sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql >/dev/null
    fi
    pg=$(pg_bin)
fi

pg_root=$(mktemp -d /tmp/interview-bot-pg.XXXXXX)
pg_port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
# PostgreSQL refuses to run as root: as root, the server runs as the package's postgres user.
pg_as=()
if [[ $(id -u) == 0 ]]; then
    chown postgres "$pg_root"
    pg_as=(runuser -u postgres --)
fi
"${pg_as[@]}" "$pg/initdb" -D "$pg_root/data" -A trust -U postgres --no-sync >"$pg_root/initdb.log" 2>&1 \
    || { cat "$pg_root/initdb.log" >&2; exit 1; }
"${pg_as[@]}" "$pg/pg_ctl" -D "$pg_root/data" -l "$pg_root/server.log" -w \
    -o "-p $pg_port -k $pg_root -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
    || { cat "$pg_root/server.log" >&2; exit 1; }
stop_postgres() {
    "${pg_as[@]}" "$pg/pg_ctl" -D "$pg_root/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$pg_root"
}
trap stop_postgres EXIT

export INTERVIEW_BOT_TEST_POSTGRES="postgres://postgres@127.0.0.1:$pg_port/postgres"
# The server is up, so the PostgreSQL tests must run, not skip themselves.
export INTERVIEW_BOT_REQUIRE_POSTGRES=1
echo "postgres: $INTERVIEW_BOT_TEST_POSTGRES"
