#!/usr/bin/env bash
# Key logging: dumpcap records TLS 1.3 sessions between mintls s_client and
# s_server -WWW on a loopback port, then tshark decrypts the capture with
# the NSS key log each side wrote (-keylogfile) and must show the HTTP
# request and response in clear - once with the client's log, once with
# the server's. Without a key log the request must stay hidden.
# Skips (exit 0, "SKIP: ...") where capturing on lo is not permitted.
. "$(dirname "$0")/lib.sh" "$1"

command -v tshark >/dev/null || { echo "SKIP: no tshark (Debian package tshark)"; exit 0; }
command -v dumpcap >/dev/null || { echo "SKIP: no dumpcap (Debian package wireshark-common)"; exit 0; }

# start_capture PCAP LOG PORT SECONDS: dumpcap records tcp port PORT on lo
# in the background (at most SECONDS); returns once it announces
# "Capturing on". Written to a pipe (-w -), dumpcap flushes every packet,
# so tshark can read the file while the capture runs (see sync_capture).
start_capture() {
    local pcap=$1 log=$2 port=$3 secs=$4 i
    CAPTURE_PORT=$port
    CAPTURE_FILE=$pcap
    timeout $((secs + 10)) dumpcap -q -i lo -f "tcp port $port" -a "duration:$secs" -w - \
        < /dev/null > "$pcap" 2> "$log" &
    CAPTURE_PID=$!
    PEER_PIDS+=("$CAPTURE_PID")
    for i in $(seq 100); do  # up to 10 s
        grep -q 'Capturing on' "$log" && return 0
        kill -0 "$CAPTURE_PID" 2>/dev/null || break
        sleep 0.1
    done
    return 1
}

# sync_capture N: sends one more SYN to the port (refused or not) and waits,
# up to 10 s, until the capture holds N connection attempts. Packets reach
# the capture in order, so everything sent before that SYN is in the file.
sync_capture() {
    local want=$1 i n=0
    (exec 3<>"/dev/tcp/127.0.0.1/$CAPTURE_PORT") 2>/dev/null
    for i in $(seq 50); do
        kill -0 "$CAPTURE_PID" 2>/dev/null || i=last  # dead: one last look
        n=$(timeout 10 tshark -n -r "$CAPTURE_FILE" \
            -Y "tcp.flags.syn == 1 && tcp.flags.ack == 0 && tcp.dstport == $CAPTURE_PORT" \
            2>/dev/null | wc -l)
        [ "$n" -ge "$want" ] && return 0
        [ "$i" = last ] && break
        sleep 0.2
    done
    echo "the capture holds $n connection attempts, wanted $want"
    return 1
}

# stop_capture: ends the capture (SIGTERM, through timeout) and waits, at
# most 10 s, for dumpcap to exit.
stop_capture() {
    local i
    kill -TERM "$CAPTURE_PID" 2>/dev/null
    for i in $(seq 100); do
        kill -0 "$CAPTURE_PID" 2>/dev/null || break
        sleep 0.1
    done
    kill -KILL "$CAPTURE_PID" 2>/dev/null
    wait "$CAPTURE_PID" 2>/dev/null
    return 0
}

# A short trial capture (one refused SYN) tells whether this user may
# capture on lo at all. As root with tshark installed the test must run, so
# only a refusal that names permissions skips; anything else fails.
if ! start_capture "$WORK/trial.pcapng" "$WORK/trial.log" "$(free_port)" 10 \
    || ! sync_capture 1 >> "$WORK/trial.log"; then
    stop_capture
    if grep -qiE 'permission|not permitted|privilege' "$WORK/trial.log"; then
        echo "SKIP: capturing on lo is not permitted for user $(id -un):"
        sed 's/^/    | /' "$WORK/trial.log" | head -5
        exit 0
    fi
    echo "FAIL: a trial capture on lo with dumpcap failed:"
    sed 's/^/    | /' "$WORK/trial.log"
    exit 1
fi
stop_capture

# The sessions: one per TLS 1.3 suite, each "GET /somefile HTTP/1.0" to
# s_server -WWW, both sides appending to their own key log.
mkdir -p "$WORK/www"
printf 'keylog test body\n' > "$WORK/www/somefile"
CLIENT_KEYS=$WORK/client.keys
SERVER_KEYS=$WORK/server.keys
PCAP=$WORK/session.pcapng
port=$(free_port)
set -- $SUITES
# -naccept counts wait_port's probe connection too.
( cd "$WORK/www" && exec timeout 100 "$S_SERVER" -accept "127.0.0.1:$port" -WWW -naccept $(($# + 1)) \
    -cert "$(cert_of ec)" -key "$(key_of ec)" -keylogfile "$SERVER_KEYS" ) \
    < /dev/null > "$WORK/server.log" 2>&1 &
SERVER_PID=$!
PEER_PIDS+=("$SERVER_PID")
wait_port "$port" || { echo "FAIL: s_server did not start"; cat "$WORK/server.log"; exit 1; }
start_capture "$PCAP" "$WORK/capture.log" "$port" 90 \
    || { echo "FAIL: the capture did not start"; cat "$WORK/capture.log"; exit 1; }

for suite in $SUITES; do
    log=$WORK/client-$suite.log
    printf 'GET /somefile HTTP/1.0\r\n\r\n' | timeout 20 "$S_CLIENT" -connect "127.0.0.1:$port" \
        -CAfile "$CERTS/ca.pem" -ciphersuites "$suite" -keylogfile "$CLIENT_KEYS" -quiet \
        > "$log" 2>&1
    RC=$?  # read by check (lib.sh)
    check "mintls s_client -> s_server -WWW" "fetch /somefile, $suite" "$log" \
        "HTTP/1.0 200 ok" "keylog test body"
done
# The server exits after -naccept sessions; then every packet has been
# sent, and once the capture has the sync SYN it has them all.
for i in $(seq 100); do kill -0 "$SERVER_PID" 2>/dev/null || break; sleep 0.1; done
sync_capture $(($# + 1)) > "$WORK/sync.log" \
    || record FAIL "dumpcap on lo" "the capture missed packets" "$WORK/sync.log"
stop_capture

# Each key log holds the four TLS 1.3 traffic secrets of every session.
for side in client server; do
    keys=$WORK/$side.keys
    n=$(grep -cE '^(CLIENT|SERVER)_(HANDSHAKE_TRAFFIC_SECRET|TRAFFIC_SECRET_0) ' "$keys" 2>/dev/null)
    if [ "${n:-0}" -eq $((4 * $#)) ]; then
        record PASS "$side -keylogfile" "4 traffic secrets x $# sessions"
    else
        record FAIL "$side -keylogfile" "wanted $((4 * $#)) traffic secret lines, got ${n:-0}" "$keys"
    fi
done

# tshark on the capture: the port as TLS, what TLS carries as HTTP. Prints
# "stream method uri version" for requests, "stream code phrase" for
# responses, one line each.
decrypt() {
    local keylog_opt=()
    [ -n "$1" ] && keylog_opt=(-o "tls.keylog_file:$1")
    timeout 30 tshark -n -r "$PCAP" "${keylog_opt[@]}" -d "tcp.port==$port,tls" \
        -d "tls.port==$port,http" -Y http -T fields -E separator=' ' \
        -e tcp.stream -e http.request.method -e http.request.uri -e http.request.version \
        -e http.response.code -e http.response.phrase 2> "$WORK/tshark.err" \
        | tr -s ' ' | sed 's/ $//'
}

# Which TCP stream carried which suite: the ServerHello says, in clear.
timeout 30 tshark -n -r "$PCAP" -d "tcp.port==$port,tls" -Y 'tls.handshake.type == 2' \
    -T fields -E separator=' ' -e tcp.stream -e tls.handshake.ciphersuite \
    > "$WORK/streams.txt" 2>/dev/null
suite_code() {
    case $1 in
        TLS_AES_128_GCM_SHA256) echo 0x1301 ;;
        TLS_AES_256_GCM_SHA384) echo 0x1302 ;;
        TLS_CHACHA20_POLY1305_SHA256) echo 0x1303 ;;
    esac
}

# Every session must show both its request line and its response status
# in clear, with either side's key log.
for side in client server; do
    out=$WORK/decrypted-$side.txt
    decrypt "$WORK/$side.keys" > "$out"
    { echo "streams and suites:"; cat "$WORK/streams.txt"
      echo "tshark errors:"; cat "$WORK/tshark.err"; } >> "$out"
    for suite in $SUITES; do
        i=$(awk -v c="$(suite_code "$suite")" '$2 == c { print $1; exit }' "$WORK/streams.txt")
        if [ -n "$i" ] && grep -qxF "$i GET /somefile HTTP/1.0" "$out" \
            && grep -qxF "$i 200 ok" "$out"; then
            record PASS "tshark + $side key log" "$suite: GET /somefile HTTP/1.0 -> 200 ok in clear"
        else
            record FAIL "tshark + $side key log" "$suite (tcp.stream ${i:-none}): request/response not decrypted" "$out"
        fi
    done
done

# Without a key log: tshark sees the TLS sessions (ClientHellos, encrypted
# records) but no HTTP, and the request bytes appear nowhere in the file.
out=$WORK/decrypted-none.txt
decrypt "" > "$out"
hellos=$(timeout 30 tshark -n -r "$PCAP" -d "tcp.port==$port,tls" -Y 'tls.handshake.type == 1' 2>/dev/null | wc -l)
encrypted=$(timeout 30 tshark -n -r "$PCAP" -d "tcp.port==$port,tls" -Y 'tls.record.opaque_type == 23' 2>/dev/null | wc -l)
if [ ! -s "$out" ] && [ "$hellos" -eq $# ] && [ "$encrypted" -gt 0 ] \
    && ! grep -qaF 'GET /somefile' "$PCAP" && ! grep -qaF 'keylog test body' "$PCAP"; then
    record PASS "tshark, no key log" "$hellos ClientHellos, $encrypted encrypted records, request hidden"
else
    echo "ClientHellos: $hellos, encrypted records: $encrypted" >> "$out"
    grep -caF 'GET /somefile' "$PCAP" | sed 's/^/request bytes in the capture: /' >> "$out"
    record FAIL "tshark, no key log" "the request is visible or the capture is empty" "$out"
fi

matrix "tshark $(tshark --version 2>/dev/null | head -1 | awk '{print $3}') decrypts mintls sessions with -keylogfile"
