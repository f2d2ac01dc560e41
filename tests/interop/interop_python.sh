#!/usr/bin/env bash
# mintls s_client against a Python ssl server, and a Python ssl client
# against mintls s_server: every TLS 1.3 suite x {X25519, P-256} x {ECDSA
# P-256, RSA-2048} (Python cannot pick TLS 1.3 suites or groups, so the
# mintls side narrows them), HelloRetryRequest, mutual TLS, ALPN and SNI.
. "$(dirname "$0")/lib.sh" "$1"

PEER="$HERE/py_peer.py"
CA=$CERTS/ca.pem
N=0

# ours_client PARAMS "py_peer server args" "s_client args" PATTERN...
ours_client() {
    local params=$1 sargs=$2 cargs=$3 port log slog
    shift 3
    N=$((N + 1)); port=$(free_port); log=$WORK/c$N.log; slog=$WORK/s$N.log
    # shellcheck disable=SC2086
    start_peer "$slog" "$port" "$PYTHON" "$PEER" server "$port" $sargs \
        || { record FAIL "mintls s_client -> python ssl server" "$params" "$slog"; return; }
    # shellcheck disable=SC2086
    printf '%s' "$REQUEST" | timeout 20 "$S_CLIENT" -connect "127.0.0.1:$port" -CAfile "$CA" \
        -verify_return_error -ign_eof $cargs > "$log" 2>&1
    RC=$?
    stop_peer "$LAST_PEER"
    check "mintls s_client -> python ssl server" "$params" "$log" "$@"
}

# ours_server PARAMS "s_server args" "py_peer client args" PATTERN...
ours_server() {
    local params=$1 sargs=$2 cargs=$3 port log slog
    shift 3
    N=$((N + 1)); port=$(free_port); log=$WORK/c$N.log; slog=$WORK/s$N.log
    # shellcheck disable=SC2086
    start_peer "$slog" "$port" "$S_SERVER" -accept "127.0.0.1:$port" -www $sargs \
        || { record FAIL "python ssl client -> mintls s_server" "$params" "$slog"; return; }
    # shellcheck disable=SC2086
    timeout 20 "$PYTHON" "$PEER" client "$port" "$CA" $cargs > "$log" 2>&1
    RC=$?
    stop_peer "$LAST_PEER"
    sed 's/^/server: /' "$slog" >> "$log"
    check "python ssl client -> mintls s_server" "$params" "$log" "$@"
}

for s in $SUITES; do
    for g in $GROUPS_LIST; do
        for c in $CERT_TYPES; do
            ours_client "$s $g $c" "$(cert_of $c) $(key_of $c)" "-ciphersuites $s -groups $g" \
                "Cipher is $s" "Server Temp Key: $(temp_key_of $g)" \
                "Server public key is $(bits_of $c) bit" "version=TLSv1.3 cipher=$s"
            ours_server "$s $g $c" "-cert $(cert_of $c) -key $(key_of $c) -ciphersuites $s -groups $g" "" \
                "version=TLSv1.3 cipher=$s" "Negotiated group: $(temp_key_of $g)" "Ciphersuite: $s"
        done
    done
done

ec="-cert $(cert_of ec) -key $(key_of ec)"
# Python's client offers X25519 first, with a share for it only: a server
# taking only P-256 must ask again.
ours_server "HRR: client share X25519, server P-256" "$ec -groups P-256" "" \
    "version=TLSv1.3" "Negotiated group: ECDH, prime256v1"
ours_client "HRR: client share P-256, server (Python) X25519 first" "$(cert_of ec) $(key_of ec)" \
    "-groups P-256:X25519" "Server Temp Key:" "version=TLSv1.3"
ours_client "mutual TLS" "$(cert_of ec) $(key_of ec) --ca $CA" \
    "-cert $CERTS/client.pem -key $CERTS/client.key" "peer=organizationName=mintls demo,commonName=client.localhost"
ours_server "mutual TLS" "$ec -Verify 1 -CAfile $CA" "--cert $CERTS/client.pem --key $CERTS/client.key" \
    "Peer certificate: O = mintls demo, CN = client.localhost"
ours_client "ALPN h2,http/1.1 -> http/1.1" "$(cert_of ec) $(key_of ec) --alpn http/1.1" \
    "-alpn h2,http/1.1" "ALPN protocol: http/1.1" "alpn=http/1.1"
ours_server "ALPN h2,http/1.1 -> http/1.1" "$ec -alpn http/1.1" "--alpn h2,http/1.1" \
    "alpn=http/1.1" "ALPN protocol: http/1.1"
ours_client "SNI localhost" "$(cert_of ec) $(key_of ec)" "-servername localhost" "sni=localhost"
sni="-cert $(cert_of rsa) -key $(key_of rsa) -servername localhost -cert2 $(cert_of ec) -key2 $(key_of ec)"
ours_server "SNI localhost -> ECDSA cert" "$sni" "--sni localhost" "Server name: localhost" \
    "Ciphersuite:"

matrix "TLS 1.3 interop with Python $("$PYTHON" -c 'import ssl,sys; print(sys.version.split()[0], "/", ssl.OPENSSL_VERSION)')"
