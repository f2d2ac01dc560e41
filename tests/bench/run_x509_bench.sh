#!/usr/bin/env bash
# Certificate-chain verifications per second, mintls beside OpenSSL 3.0 from
# the same run, as a markdown table for the README.
#
#   tests/bench/run_x509_bench.sh [build-dir]      (default: ./build)
#
# ROUNDS (default 3) alternations of bench_x509 and bench_x509_openssl; the
# best of each is kept, since the machine is shared and noisy.
set -euo pipefail
build=${1:-./build}
rounds=${ROUNDS:-3}
export MINTLS_BENCH_SECONDS=${MINTLS_BENCH_SECONDS:-0.5}
m_bin=$build/tests/bench/bench_x509
o_bin=$build/tests/bench/bench_x509_openssl
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds" >&2
    "$m_bin" | sed 's/^/mintls /' >>"$tmp"
    "$o_bin" | sed 's/^/openssl /' >>"$tmp"
done
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores);" \
    "$(openssl version | cut -d' ' -f1-2); best of $rounds rounds; verifications per second"
echo
echo "| chain | mintls | OpenSSL | ratio |"
echo "|---|---:|---:|---:|"
for op in ecdsa_chain_verify ecdsa_chain_parse_verify rsa2048_chain_verify rsa2048_chain_parse_verify; do
    m=$(awk -v o="$op" '$1=="mintls" && $2==o && $3>b {b=$3} END {printf "%.0f", b}' "$tmp")
    o=$(awk -v o="$op" '$1=="openssl" && $2==o && $3>b {b=$3} END {printf "%.0f", b}' "$tmp")
    ratio=$(awk -v a="$m" -v b="$o" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}')
    echo "| $op | $m | $o | $ratio |"
done
