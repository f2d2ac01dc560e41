#!/usr/bin/env bash
# The loopback demo: mintls's s_server and s_client hold a TLS 1.3 session
# on 127.0.0.1 with the bundled demo certificates, print the client's
# handshake summary (-brief), and send one line of application data each
# way. Exits 0 when all of that worked, non-zero with a message otherwise.
#
#   usage: examples/demo.sh BUILD_DIR [ec|rsa]
#
# Every wait is bounded and nothing sleeps a fixed time to let the other
# side catch up: the script waits for s_server's "ACCEPT" line before it
# connects, and for each line of data to arrive before it closes.
set -u

BUILD=${1:-build}
CERT_TYPE=${2:-ec}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CERTS=$HERE/demo-certs
S_SERVER=$BUILD/s_server
S_CLIENT=$BUILD/s_client
CLIENT_LINE="hello from s_client"
SERVER_LINE="hello from s_server"

fail() {
    echo "demo: FAILED: $*" >&2
    exit 1
}

case $CERT_TYPE in
    ec) CERT_DESC="ECDSA P-256" ;;
    rsa) CERT_DESC="RSA-2048" ;;
    *) fail "certificate type must be ec or rsa, not \"$CERT_TYPE\"" ;;
esac
for f in "$S_SERVER" "$S_CLIENT"; do
    [ -x "$f" ] || fail "$f not found: build first (cmake -S . -B $BUILD && cmake --build $BUILD -j)"
done
for f in ca.pem "server-$CERT_TYPE.pem" "server-$CERT_TYPE.key"; do
    [ -r "$CERTS/$f" ] || fail "demo certificate $CERTS/$f missing"
done

WORK=$(mktemp -d "${TMPDIR:-/tmp}/mintls-demo.XXXXXX") || fail "cannot make a temporary directory"
PIDS=()
cleanup() {
    exec 3>&- 2>/dev/null
    for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# until_true SECS cmd...: runs cmd every 0.05 s until it succeeds, for at
# most SECS seconds.
until_true() {
    local end=$((SECONDS + $1))
    shift
    until "$@"; do
        [ "$SECONDS" -lt "$end" ] || return 1
        sleep 0.05
    done
}
alive() { kill -0 "$1" 2>/dev/null; }
has_line() { grep -qxF -- "$2" "$1" 2>/dev/null; }

# A port nothing listens on, below the ephemeral range. Should another
# program take it first, s_server fails to listen and we try another.
port_open() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }
free_port() {
    local p
    while :; do
        p=$((20000 + (RANDOM * 32768 + RANDOM) % 12000))
        port_open "$p" || { echo "$p"; return; }
    done
}

# The server: one connection (-naccept 1); what it reads from standard
# input goes to the client once connected, what it receives goes to its
# standard output.
for attempt in 1 2 3; do
    port=$(free_port)
    printf '%s\n' "$SERVER_LINE" > "$WORK/server.in"
    timeout 30 "$S_SERVER" -accept "127.0.0.1:$port" -naccept 1 -tls1_3 \
        -cert "$CERTS/server-$CERT_TYPE.pem" -key "$CERTS/server-$CERT_TYPE.key" \
        < "$WORK/server.in" > "$WORK/server.out" 2> "$WORK/server.err" &
    SERVER_PID=$!
    PIDS+=("$SERVER_PID")
    # "ACCEPT" is printed once the socket listens.
    until_true 10 eval 'has_line "$WORK/server.out" ACCEPT || ! alive $SERVER_PID' \
        || fail "s_server did not start listening within 10 s"
    has_line "$WORK/server.out" ACCEPT && break
    wait "$SERVER_PID"
    grep -q 'cannot listen' "$WORK/server.err" && [ "$attempt" -lt 3 ] && continue
    cat "$WORK/server.err" >&2
    fail "s_server did not start"
done

# The client reads its standard input from a FIFO we hold open, so it
# stays connected until both lines have arrived and we close the FIFO
# (the client must not inherit our end: 3>&-).
mkfifo "$WORK/client.in" || fail "mkfifo failed"
exec 3<>"$WORK/client.in"
timeout 30 "$S_CLIENT" -connect "127.0.0.1:$port" -brief -tls1_3 \
    -CAfile "$CERTS/ca.pem" -servername localhost -verify_hostname localhost \
    -verify_return_error < "$WORK/client.in" > "$WORK/client.out" 2> "$WORK/client.err" 3>&- &
CLIENT_PID=$!
PIDS+=("$CLIENT_PID")
printf '%s\n' "$CLIENT_LINE" >&3

both_lines_arrived() {
    has_line "$WORK/client.out" "$SERVER_LINE" && has_line "$WORK/server.out" "$CLIENT_LINE"
}
until_true 10 eval 'both_lines_arrived || ! alive $CLIENT_PID || ! alive $SERVER_PID'
exec 3>&-  # end of the client's input: it sends close_notify and exits

wait "$CLIENT_PID"
client_rc=$?
until_true 5 eval '! alive $SERVER_PID' || fail "s_server did not exit after the session"
wait "$SERVER_PID"
server_rc=$?

echo "== mintls loopback demo: s_server on 127.0.0.1:$port ($CERT_DESC certificate), s_client -brief =="
# -brief's summary, without the progress lines s_client adds at the end.
grep -vxE 'DONE|closed' "$WORK/client.err"
echo "--- application data"
if has_line "$WORK/server.out" "$CLIENT_LINE"; then
    echo "server received: $CLIENT_LINE"
fi
if has_line "$WORK/client.out" "$SERVER_LINE"; then
    echo "client received: $SERVER_LINE"
fi
echo "--- s_server says"
cat "$WORK/server.err"

problems=()
[ "$client_rc" -eq 0 ] || problems+=("s_client exited with status $client_rc")
[ "$server_rc" -eq 0 ] || problems+=("s_server exited with status $server_rc")
if ! grep -qx 'CONNECTION ESTABLISHED' "$WORK/client.err"; then
    problems+=("no TLS connection (see the messages above)")
else
    grep -qx 'Protocol version: TLSv1.3' "$WORK/client.err" || problems+=("not TLS 1.3")
    grep -qx 'Verification: OK' "$WORK/client.err" || problems+=("the server certificate did not verify")
    has_line "$WORK/server.out" "$CLIENT_LINE" || problems+=("s_server did not receive \"$CLIENT_LINE\"")
    has_line "$WORK/client.out" "$SERVER_LINE" || problems+=("s_client did not receive \"$SERVER_LINE\"")
fi
if [ ${#problems[@]} -gt 0 ]; then
    printf -v why '%s; ' "${problems[@]}"
    fail "${why%; }"
fi
echo "demo: OK"
