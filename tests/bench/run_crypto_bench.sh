#!/usr/bin/env bash
# Runs bench_crypto (mintls) and bench_crypto_openssl (system OpenSSL) in
# alternation and prints a markdown table ready for the README.
#
#   tests/bench/run_crypto_bench.sh [build-dir]      (default: ./build)
#
# Environment: ROUNDS (default 3), MINTLS_BENCH_SECONDS (per benchmark, default
# 0.5). The machine may be shared and noisy, so every round runs mintls,
# OpenSSL and mintls with MINTLS_CPU=portable one after the other, and the
# best of the rounds is kept for each.
set -euo pipefail

build=${1:-./build}
rounds=${ROUNDS:-3}
export MINTLS_BENCH_SECONDS=${MINTLS_BENCH_SECONDS:-0.5}

mintls_bin=$build/tests/bench/bench_crypto
openssl_bin=$build/tests/bench/bench_crypto_openssl
have_mintls=0
have_openssl=0
[[ -x $mintls_bin ]] && have_mintls=1
[[ -x $openssl_bin ]] && have_openssl=1
if ((!have_mintls && !have_openssl)); then
    echo "run_crypto_bench.sh: no bench_crypto binaries under $build/tests/bench;" \
        "build them with: cmake --build $build --target bench_crypto bench_crypto_openssl" >&2
    exit 1
fi
((have_mintls)) || echo "run_crypto_bench.sh: $mintls_bin missing; mintls columns will say n/a" >&2
((have_openssl)) || echo "run_crypto_bench.sh: $openssl_bin missing; OpenSSL column will say n/a" >&2

failed=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# Each run appends "<variant> <name> <size> <MB/s>" lines to $tmp/all.
run() {
    local variant=$1
    shift
    local status=0
    "$@" >"$tmp/out" || status=$?
    if ((status != 0)); then
        echo "run_crypto_bench.sh: $variant run failed (exit status $status); its partial lines are kept" >&2
        failed=1
    fi
    sed "s/^/$variant /" "$tmp/out" >>"$tmp/all"
}

for ((r = 1; r <= rounds; r++)); do
    echo "round $r/$rounds" >&2
    if ((have_mintls)); then run mintls env -u MINTLS_CPU "$mintls_bin"; fi
    if ((have_openssl)); then run openssl "$openssl_bin"; fi
    if ((have_mintls)); then run portable env MINTLS_CPU=portable "$mintls_bin"; fi
done

cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
cores=$(nproc 2>/dev/null || echo "?")
ossl=""
if command -v openssl >/dev/null 2>&1; then
    ossl=$(openssl version 2>/dev/null | head -n 1 | cut -d ' ' -f 1-2)
fi

echo "CPU: ${cpu:-unknown} ($cores cores); ${ossl:-OpenSSL version unknown};" \
    "best of $rounds rounds of ${MINTLS_BENCH_SECONDS} s per benchmark (fastest fifth of each); MB = 10^6 bytes"
echo
awk '
    {
        key = $2 " " $3
        if (!(key in order)) { order[key] = ++n; keys[n] = key }
        if (!((key, $1) in best) || $4 + 0 > best[key, $1]) best[key, $1] = $4 + 0
    }
    function cell(key, v) {
        return ((key, v) in best) ? sprintf("%.0f", best[key, v]) : "n/a"
    }
    END {
        print "| algorithm | size | mintls MB/s | OpenSSL MB/s | ratio | portable MB/s |"
        print "|---|---:|---:|---:|---:|---:|"
        for (i = 1; i <= n; i++) {
            split(keys[i], k, " ")
            ratio = "n/a"
            if (((keys[i], "mintls") in best) && ((keys[i], "openssl") in best) &&
                best[keys[i], "openssl"] > 0)
                ratio = sprintf("%.2f", best[keys[i], "mintls"] / best[keys[i], "openssl"])
            printf "| %s | %s | %s | %s | %s | %s |\n", k[1], k[2],
                cell(keys[i], "mintls"), cell(keys[i], "openssl"), ratio,
                cell(keys[i], "portable")
        }
    }
' "$tmp/all"
if ((failed)); then
    echo
    echo "(a run failed: see the messages above; the table is incomplete)"
    exit 1
fi
