#!/bin/sh
# Interop over 127.0.0.1 with the openssl command line tool:
#   openssl s_server  <->  mintls client (tls13_peer client)
#   mintls server (tls13_peer server)  <->  openssl s_client
# for an ECDSA P-256 and an RSA chain, with verification of the host name.
# Every peer process started here is killed on exit.
# usage: tls13_interop.sh OPENSSL PEER X509DIR
OPENSSL=$1
PEER=$2
D=$3
WORK=$(mktemp -d)
PIDS=""
cleanup() {
    for p in $PIDS; do kill "$p" 2>/dev/null; done
    rm -rf "$WORK"
}
trap cleanup EXIT INT TERM
FAILED=0
PASSED=0

free_port() {
    python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])' 2>/dev/null ||
        echo $((20000 + $$ % 20000))
}

check() { # name, condition status
    if [ "$2" -eq 0 ]; then PASSED=$((PASSED + 1)); else FAILED=$((FAILED + 1)); echo "FAIL $1"; fi
}

# openssl s_server, mintls client. -rev answers each line reversed.
mintls_client() { # leaf-prefix host suites [groups]
    port=$(free_port)
    rm -f "$WORK/keys"
    "$OPENSSL" s_server -accept "$port" -naccept 1 -tls1_3 -ciphersuites "$3" -rev \
        -keylogfile "$WORK/keys" \
        -groups "${4:-X25519:P-256}" \
        -cert "$D/$1-leaf.pem" -key "$D/$1-leaf.key" -cert_chain "$D/$1-int.pem" \
        >"$WORK/s_server.out" 2>&1 &
    spid=$!
    PIDS="$PIDS $spid"
    ok=1
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        if "$PEER" client "$port" "$D/$1-root.pem" "$2" >"$WORK/client.out" 2>&1; then ok=0; break; fi
        grep -q '^tls13_peer: connect failed' "$WORK/client.out" || break
        sleep 0.2
    done
    kill "$spid" 2>/dev/null
    wait "$spid" 2>/dev/null
    grep -q "cipher $3" "$WORK/client.out" && grep -q 'sltnim morf olleh' "$WORK/client.out" &&
        grep -q '^ticket 1 lifetime 7200' "$WORK/client.out"
    r=$?
    # Our key log lines are exactly the server's (the same five secrets).
    grep -v '^#' "$WORK/keys" 2>/dev/null | sort >"$WORK/keys.server"
    sed -n 's/^KEYLOG //p' "$WORK/client.out" | sort >"$WORK/keys.client"
    [ -s "$WORK/keys.client" ] && [ "$(wc -l <"$WORK/keys.client")" -eq 5 ] &&
        cmp -s "$WORK/keys.server" "$WORK/keys.client" || r=1
    [ $ok -eq 0 ] && [ $r -eq 0 ] || { cat "$WORK/client.out" "$WORK/s_server.out"; ok=1; }
    check "mintls client <- s_server $1 $3 ${4:-}" $ok
}

# mintls server, openssl s_client.
mintls_server() { # leaf-prefix host suites [groups]
    rm -f "$WORK/port"
    "$PEER" server "$WORK/port" "$D/$1-leaf.pem" "$D/$1-leaf.key" "$D/$1-int.pem" \
        >"$WORK/server.out" 2>&1 &
    spid=$!
    PIDS="$PIDS $spid"
    for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
        [ -s "$WORK/port" ] && break
        sleep 0.1
    done
    port=$(cat "$WORK/port")
    printf 'hello from openssl\n' | timeout 20 "$OPENSSL" s_client -connect "127.0.0.1:$port" \
        -tls1_3 -ciphersuites "$3" -groups "${4:-X25519:P-256}" -CAfile "$D/$1-root.pem" -verify_return_error \
        -verify_hostname "$2" -servername "$2" -quiet -ign_eof >"$WORK/s_client.out" 2>&1
    wait "$spid"
    sr=$?
    grep -q 'mintls heard: hello from openssl' "$WORK/s_client.out"
    r=$?
    ok=1
    [ $sr -eq 0 ] && [ $r -eq 0 ] && ok=0
    [ $ok -eq 0 ] || cat "$WORK/s_client.out" "$WORK/server.out"
    check "mintls server -> s_client $1 $3 ${4:-}" $ok
}

for suite in TLS_AES_128_GCM_SHA256 TLS_AES_256_GCM_SHA384 TLS_CHACHA20_POLY1305_SHA256; do
    mintls_client ec ec.example.test $suite
    mintls_client rsa www.example.test $suite
    mintls_server ec ec.example.test $suite
    mintls_server rsa www.example.test $suite
done
# HelloRetryRequest both ways: s_server wants P-256 (our client shares
# X25519 first); s_client shares P-521 only, which we ask to redo with P-384.
mintls_client ec ec.example.test TLS_AES_128_GCM_SHA256 P-256
mintls_server rsa www.example.test TLS_AES_256_GCM_SHA384 P-521:P-384

# The mintls client refuses a server that does not match the host name.
port=$(free_port)
"$OPENSSL" s_server -accept "$port" -naccept 1 -tls1_3 -quiet -cert "$D/ec-leaf.pem" \
    -key "$D/ec-leaf.key" -cert_chain "$D/ec-int.pem" >"$WORK/s_server.out" 2>&1 &
spid=$!
PIDS="$PIDS $spid"
for i in 1 2 3 4 5 6 7 8 9 10 11 12 13 14 15 16 17 18 19 20; do
    "$PEER" client "$port" "$D/ec-root.pem" other.example.test >"$WORK/client.out" 2>&1
    grep -q '^tls13_peer: connect failed' "$WORK/client.out" || break
    sleep 0.2
done
kill "$spid" 2>/dev/null
grep -q 'SSL_connect failed' "$WORK/client.out" && grep -q 'certificate verify failed' "$WORK/client.out"
check "mintls client rejects the wrong host name" $?

echo "$PASSED passed, $FAILED failed"
[ $FAILED -eq 0 ]
