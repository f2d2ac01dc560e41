#!/usr/bin/env bash
# TLS 1.3 handshakes per second and heap per idle connection, mintls beside
# OpenSSL 3.0 from the same run, as markdown tables for the README.
#
#   tests/bench/run_handshake_bench.sh [build-dir]      (default: ./build)
#
# Handshakes: ROUNDS (default 5) alternations of bench_handshake and
# bench_handshake_openssl; each figure is the median over the rounds, and the
# ratio is the median of the per-round ratios (the machine is shared and
# noisy; the benches time CPU, not wall). Memory: one run of each
# bench_conn_memory (heap figures do not vary with load; glibc's tcache is
# off for it, see bench_conn_memory.c); N connections from CONNS (default 200).
set -euo pipefail
build=${1:-./build}
rounds=${ROUNDS:-5}
export MINTLS_BENCH_SECONDS=${MINTLS_BENCH_SECONDS:-1}
export MINTLS_BENCH_CONNS=${CONNS:-200}
bin=$build/tests/bench
for b in bench_handshake bench_handshake_openssl bench_conn_memory bench_conn_memory_openssl; do
    [ -x "$bin/$b" ] || { echo "missing $bin/$b (cmake --build $build --target $b)" >&2; exit 1; }
done
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds" >&2
    # Alternate which goes first, so neither always gets the quieter half.
    if ((r % 2)); then order="m o"; else order="o m"; fi
    for who in $order; do
        if [ "$who" = m ]; then
            "$bin/bench_handshake" | sed "s/^/mintls $r /" >>"$tmp"
        else
            "$bin/bench_handshake_openssl" | sed "s/^/openssl $r /" >>"$tmp"
        fi
    done
done

# median of the numbers on stdin
median() { sort -g | awk '{v[NR] = $1} END {if (NR == 0) print 0; else if (NR % 2) print v[(NR + 1) / 2]; else print (v[NR / 2] + v[NR / 2 + 1]) / 2}'; }
# col <lib> <case> <field>: that field (3 = rate, 4 = client us, 5 = server us) per round
col() { awk -v l="$1" -v c="$2" -v f="$3" '$1 == l && $3 == c {print $2, $(f + 1)}' "$tmp"; }
# ratio <case> <field> <invert>: per-round mintls/OpenSSL (invert: OpenSSL/mintls, for times)
ratio() {
    join <(col mintls "$1" "$2" | sort -k1,1) <(col openssl "$1" "$2" | sort -k1,1) |
        awk -v inv="$3" '{ if (inv) { if ($2 > 0) print $3 / $2 } else if ($3 > 0) print $2 / $3 }' | median
}

cases=$(awk '$1 == "mintls" && $2 == 1 {print $3}' "$tmp")
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores);" \
    "$(openssl version | cut -d' ' -f1-2); median of $rounds alternating rounds; CPU time"
echo
echo "Full TLS 1.3 handshakes per second (TLS_AES_128_GCM_SHA256, client and server in one"
echo "process over a BIO pair, no session tickets). verify: the client checks the chain and"
echo "host name against the test root. Client/server: CPU microseconds per handshake inside"
echo "SSL_connect / SSL_accept; speed-up = OpenSSL time / mintls time."
echo
echo "| group + certificate | verify | mintls hs/s | OpenSSL hs/s | ratio | client µs mintls / OpenSSL | speed-up | server µs mintls / OpenSSL | speed-up |"
echo "|---|---|---:|---:|---:|---:|---:|---:|---:|"
for c in $cases; do
    m=$(col mintls "$c" 3 | cut -d' ' -f2 | median)
    o=$(col openssl "$c" 3 | cut -d' ' -f2 | median)
    mc=$(col mintls "$c" 4 | cut -d' ' -f2 | median)
    oc=$(col openssl "$c" 4 | cut -d' ' -f2 | median)
    ms=$(col mintls "$c" 5 | cut -d' ' -f2 | median)
    os=$(col openssl "$c" 5 | cut -d' ' -f2 | median)
    kind=${c%_*}
    verify=${c##*_}
    printf "| %s | %s | %.0f | %.0f | %.2f | %.0f / %.0f | %.2f | %.0f / %.0f | %.2f |\n" \
        "$kind" "$verify" "$m" "$o" "$(ratio "$c" 3 0)" "$mc" "$oc" "$(ratio "$c" 4 1)" \
        "$ms" "$os" "$(ratio "$c" 5 1)"
done

echo "running bench_conn_memory (N=$MINTLS_BENCH_CONNS)" >&2
"$bin/bench_conn_memory" | sed 's/^/mintls /' >"$tmp"
"$bin/bench_conn_memory_openssl" | sed 's/^/openssl /' >>"$tmp"
get() { awk -v l="$1" -v k="$2" -v v="$3" -v f="$4" '$1 == l && $2 == k && $3 == v {print $(f + 1)}' "$tmp"; }
echo
echo "Heap per established idle connection (X25519 + ECDSA P-256, client verified the chain,"
echo "one message each way read), mallinfo2 deltas over $MINTLS_BENCH_CONNS connections, bytes."
echo "\"SSL only\" subtracts the connection's half of its BIO pair ($(get mintls bio per_side 3) B"
echo "mintls, $(get openssl bio per_side 3) B OpenSSL, mostly the 17 KB pair buffer). mintls"
echo "sends no session tickets; OpenSSL rows say whether its server sent its default two"
echo "(kept by the client as a session) or none (SSL_CTX_set_num_tickets(ctx, 0))."
echo
echo "| library, mode | server SSL only | client SSL only | both | server raw | client raw |"
echo "|---|---:|---:|---:|---:|---:|"
row() {
    local lib=$1 variant=$2 label=$3
    local line
    line=$(awk -v l="$lib" -v v="$variant" '$1 == l && $2 == "conn" && $3 == v' "$tmp")
    [ -n "$line" ] || return 0
    echo "$line" | awk -v label="$label" '{printf "| %s | %d | %d | %d | %d | %d |\n", label, $6, $7, $6 + $7, $4, $5}'
}
row mintls default_tickets "mintls"
row mintls release_buffers_tickets "mintls, SSL_MODE_RELEASE_BUFFERS"
row openssl default_notickets "OpenSSL, no tickets"
row openssl release_buffers_notickets "OpenSSL, SSL_MODE_RELEASE_BUFFERS, no tickets"
row openssl default_tickets "OpenSSL, 2 tickets (default)"
row openssl release_buffers_tickets "OpenSSL, SSL_MODE_RELEASE_BUFFERS, 2 tickets (default)"
echo
echo "| SSL_CTX | mintls | OpenSSL |"
echo "|---|---:|---:|"
echo "| server (certificate, key, one chain certificate) | $(get mintls ctx server 3) | $(get openssl ctx server 3) |"
echo "| client (trust store with one root) | $(get mintls ctx client 3) | $(get openssl ctx client 3) |"
