# The two kinds of cell against GnuTLS, shared by interop_gnutls.sh (TLS
# 1.3) and tls12_interop_gnutls.sh: mintls's s_client against gnutls-serv,
# and gnutls-cli against mintls's s_server. Sourced after lib.sh.

# ours_client PARAMS "gnutls-serv args" "s_client args" PATTERN...
ours_client() {
    local params=$1 sargs=$2 cargs=$3 port log slog
    shift 3
    N=$((N + 1)); port=$(free_port); log=$WORK/c$N.log; slog=$WORK/s$N.log
    # shellcheck disable=SC2086
    start_peer "$slog" "$port" gnutls-serv --http --port "$port" $sargs \
        || { record FAIL "mintls s_client -> gnutls-serv" "$params" "$slog"; return; }
    # shellcheck disable=SC2086
    printf '%s' "$REQUEST" | timeout 20 "$S_CLIENT" -connect "127.0.0.1:$port" -CAfile "$CA" \
        -verify_return_error -ign_eof $cargs > "$log" 2>&1
    RC=$?
    stop_peer "$LAST_PEER"
    sed 's/^/server: /' "$slog" >> "$log"
    check "mintls s_client -> gnutls-serv" "$params" "$log" "$@"
}

# ours_server PARAMS "s_server args" "gnutls-cli args" PATTERN...
ours_server() {
    local params=$1 sargs=$2 cargs=$3 port log slog
    shift 3
    N=$((N + 1)); port=$(free_port); log=$WORK/c$N.log; slog=$WORK/s$N.log
    # shellcheck disable=SC2086
    start_peer "$slog" "$port" "$S_SERVER" -accept "127.0.0.1:$port" -www $sargs \
        || { record FAIL "gnutls-cli -> mintls s_server" "$params" "$slog"; return; }
    # shellcheck disable=SC2086
    printf '%s' "$REQUEST" | timeout 20 gnutls-cli --port "$port" --x509cafile "$CA" $cargs \
        127.0.0.1 > "$log" 2>&1
    RC=$?
    stop_peer "$LAST_PEER"
    sed 's/^/server: /' "$slog" >> "$log"
    check "gnutls-cli -> mintls s_server" "$params" "$log" "$@"
}
