#!/usr/bin/env bash
# Public-key operations per second, mintls beside OpenSSL 3.0 from the same
# run, as a markdown table for the README.
#
#   tests/bench/run_pk_bench.sh [build-dir]      (default: ./build)
#
# mintls: every bench_pk_<area> program under BUILD/tests (internal API).
# OpenSSL: bench_pk_openssl (EVP_PKEY API, what OpenSSL's TLS code calls).
# ROUNDS (default 3) alternations of the two; the best of each is kept,
# since the machine is shared and noisy. MINTLS_BENCH_SECONDS sets the time
# per operation (default 0.5).
set -euo pipefail
build=${1:-./build}
rounds=${ROUNDS:-3}
export MINTLS_BENCH_SECONDS=${MINTLS_BENCH_SECONDS:-0.5}

mapfile -t mintls_bins < <(find "$build/tests" -type f -perm -u+x -name 'bench_pk_*' \
    ! -name 'bench_pk_openssl' | sort)
openssl_bin=$build/tests/bench/bench_pk_openssl
if [ ${#mintls_bins[@]} -eq 0 ]; then
    echo "run_pk_bench.sh: no bench_pk_* programs under $build/tests" >&2
    exit 1
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds" >&2
    for b in "${mintls_bins[@]}"; do
        "$b" | sed 's/^/mintls /' >>"$tmp/all"
    done
    if [ -x "$openssl_bin" ]; then
        "$openssl_bin" | sed 's/^/openssl /' >>"$tmp/all"
    fi
done

order="x25519_keygen x25519_derive ed25519_keygen ed25519_sign ed25519_verify p256_keygen
p256_ecdh p256_sign p256_verify p384_ecdh p384_sign p384_verify rsa2048_sign rsa2048_verify
rsa3072_verify rsa4096_sign rsa4096_verify"
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //') ($(nproc) cores);" \
    "$(openssl version | cut -d' ' -f1-2); best of $rounds rounds; operations per second"
echo
echo "| operation | mintls | OpenSSL | ratio |"
echo "|---|---:|---:|---:|"
for op in $order; do
    m=$(awk -v o="$op" '$1=="mintls" && $2==o && $3>b {b=$3} END {if (b) printf "%.0f", b}' "$tmp/all")
    o=$(awk -v o="$op" '$1=="openssl" && $2==o && $3>b {b=$3} END {if (b) printf "%.0f", b}' "$tmp/all")
    [ -z "$m" ] && [ -z "$o" ] && continue
    ratio=n/a
    if [ -n "$m" ] && [ -n "$o" ]; then ratio=$(awk -v a="$m" -v b="$o" 'BEGIN {printf "%.2f", a / b}'); fi
    echo "| $op | ${m:-n/a} | ${o:-n/a} | $ratio |"
done
