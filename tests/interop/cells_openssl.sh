# The two kinds of cell against the openssl command line tool, shared by
# interop_openssl.sh (TLS 1.3) and tls12_interop.sh: mintls's s_client
# against `openssl s_server`, and `openssl s_client` against mintls's
# s_server. Sourced after lib.sh; CA names the demo root.

# ours_client PARAMS "openssl s_server args" "s_client args" PATTERN...
ours_client() {
    local params=$1 sargs=$2 cargs=$3 port log slog
    shift 3
    N=$((N + 1)); port=$(free_port); log=$WORK/c$N.log; slog=$WORK/s$N.log
    # shellcheck disable=SC2086
    start_peer "$slog" "$port" openssl s_server -accept "127.0.0.1:$port" -www $sargs \
        || { record FAIL "mintls s_client -> openssl s_server" "$params" "$slog"; return; }
    # shellcheck disable=SC2086
    printf '%s' "$REQUEST" | timeout 20 "$S_CLIENT" -connect "127.0.0.1:$port" -CAfile "$CA" \
        -verify_return_error -ign_eof $cargs > "$log" 2>&1
    RC=$?
    stop_peer "$LAST_PEER"
    check "mintls s_client -> openssl s_server" "$params" "$log" "$@"
}

# ours_server PARAMS "s_server args" "openssl s_client args" PATTERN...
ours_server() {
    local params=$1 sargs=$2 cargs=$3 port log slog
    shift 3
    N=$((N + 1)); port=$(free_port); log=$WORK/c$N.log; slog=$WORK/s$N.log
    # shellcheck disable=SC2086
    start_peer "$slog" "$port" "$S_SERVER" -accept "127.0.0.1:$port" -www $sargs \
        || { record FAIL "openssl s_client -> mintls s_server" "$params" "$slog"; return; }
    # shellcheck disable=SC2086
    printf '%s' "$REQUEST" | timeout 20 openssl s_client -connect "127.0.0.1:$port" -CAfile "$CA" \
        -verify_return_error -ign_eof $cargs > "$log" 2>&1
    RC=$?
    stop_peer "$LAST_PEER"
    sed 's/^/server: /' "$slog" >> "$log"
    check "openssl s_client -> mintls s_server" "$params" "$log" "$@"
}
