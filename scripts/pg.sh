# A throw-away PostgreSQL server for the tests: temp data dir, 127.0.0.1 only,
# started as the postgres user (the server refuses root), stopped by its pid.
# Source this file, then call pg_start and pg_stop.
PGPORT=${PGPORT:-54329}

pg_bin() {
    local dir
    for dir in /usr/lib/postgresql/15/bin /usr/lib/postgresql/*/bin; do
        [ -x "$dir/initdb" ] && { echo "$dir"; return; }
    done
    dirname "$(command -v initdb)"
}

pg_as() {
    if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

pg_start() {
    PGBIN=$(pg_bin)
    PGTMP=$(mktemp -d /tmp/archive-pg.XXXXXX)
    [ "$(id -u)" = 0 ] && chown postgres "$PGTMP"
    pg_as "$PGBIN/initdb" -D "$PGTMP/data" --auth=trust -E UTF8 --locale=C.UTF-8 -U postgres >/dev/null
    pg_as "$PGBIN/pg_ctl" -D "$PGTMP/data" -l "$PGTMP/server.log" -w start -o \
        "-c listen_addresses=127.0.0.1 -p $PGPORT -c unix_socket_directories=$PGTMP -c fsync=off -c synchronous_commit=off -c full_page_writes=off ${PGOPTS:-}" >/dev/null
    PGPID=$(head -1 "$PGTMP/data/postmaster.pid")
    echo "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') running on 127.0.0.1:$PGPORT (pid $PGPID)"
    export PGPORT PGPID PGTMP
}

pg_stop() {
    if [ -n "${PGPID:-}" ] && kill -0 "$PGPID" 2>/dev/null; then
        kill -INT "$PGPID"
        while kill -0 "$PGPID" 2>/dev/null; do sleep 0.2; done
    fi
    [ -n "${PGTMP:-}" ] && rm -rf "$PGTMP"
    return 0
}
