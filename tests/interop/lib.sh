# Shared helpers for the interop scripts: free ports, peers started in the
# background under `timeout` and killed on exit, and the pass/fail matrix.
# Sourced by each script as: . "$(dirname "$0")/lib.sh" "$BUILD_DIR"
set -u

BIN=${1:?usage: $0 BUILD_DIR}
HERE=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
CERTS=$(cd "$HERE/../../examples/demo-certs" && pwd)
S_CLIENT="$BIN/s_client"
S_SERVER="$BIN/s_server"
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mintls-interop.XXXXXX")
PEER_PIDS=()
RESULTS=()
FAILED=0
SUITES="TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256"
GROUPS_LIST="X25519 P-256"
CERT_TYPES="ec rsa"
REQUEST=$'GET / HTTP/1.0\r\n\r\n'

cleanup() {
    for p in "${PEER_PIDS[@]}"; do kill "$p" 2>/dev/null; done
    wait 2>/dev/null
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 1' INT TERM

# The interpreter for the Python peers: the system one when present (a
# version manager's shim can take a second or more just to start).
PYTHON=$(command -v /usr/bin/python3 || command -v python3)

# Answers whether something accepts connections on 127.0.0.1:$1.
port_open() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# A TCP port nothing listens on right now, on 127.0.0.1 (random, so tests
# running in parallel rarely pick the same one; a clash makes the peer
# fail to start, which the test reports).
free_port() {
    local p
    while :; do
        p=$(( 20000 + (RANDOM * 32768 + RANDOM) % 12000 ))  # below the ephemeral range
        port_open "$p" || { echo "$p"; return; }
    done
}

# Waits (up to 10 s) until something accepts connections on 127.0.0.1:$1.
wait_port() {
    local i
    for i in $(seq 200); do
        port_open "$1" && return 0
        sleep 0.05
    done
    return 1
}

# start_peer LOG PORT cmd...: runs a server in the background (stdin from
# /dev/null, at most 120 s) and waits for its port.
start_peer() {
    local log=$1 port=$2
    shift 2
    timeout 120 "$@" < /dev/null > "$log" 2>&1 &
    PEER_PIDS+=($!)
    LAST_PEER=$!
    wait_port "$port" || { echo "peer did not start: $*"; cat "$log"; return 1; }
}

stop_peer() {
    kill "$1" 2>/dev/null
    wait "$1" 2>/dev/null
    return 0
}

# record RESULT PEER PARAMS [detail file]: one matrix row; on failure the
# peer, the parameters and the tail of the log are printed.
record() {
    local result=$1 peer=$2 params=$3 log=${4:-}
    RESULTS+=("$(printf '%-4s  %-36s  %s' "$result" "$peer" "$params")")
    if [ "$result" != PASS ]; then
        FAILED=$((FAILED + 1))
        echo "FAIL: peer=$peer params=$params"
        [ -n "$log" ] && [ -f "$log" ] && sed 's/^/    | /' "$log" | tail -25
    fi
}

# check NAME LOGFILE PATTERN...: PASS when the command succeeded ($RC=0) and
# every (fixed-string) pattern is in the log.
check() {
    local peer=$1 params=$2 log=$3
    shift 3
    local ok=PASS pat
    [ "${RC:-1}" -eq 0 ] || { ok=FAIL; echo "exit status $RC" >> "$log"; }
    for pat in "$@"; do
        grep -qF -- "$pat" "$log" || { ok=FAIL; echo "missing: $pat" >> "$log"; }
    done
    record "$ok" "$peer" "$params" "$log"
}

# The cert/key files of a demo server certificate type (ec or rsa).
cert_of() { echo "$CERTS/server-$1.pem"; }
key_of() { echo "$CERTS/server-$1.key"; }
bits_of() { [ "$1" = ec ] && echo 256 || echo 2048; }
# How openssl (and our tools) name a group in "Server Temp Key".
temp_key_of() { [ "$1" = X25519 ] && echo "X25519, 253 bits" || echo "ECDH, prime256v1, 256 bits"; }

matrix() {
    local title=$1
    echo
    echo "== $title: pass/fail matrix =="
    printf '%s\n' "${RESULTS[@]}"
    echo "== $(( ${#RESULTS[@]} - FAILED )) passed, $FAILED failed =="
    [ "$FAILED" -eq 0 ]
}
