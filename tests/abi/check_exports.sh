#!/usr/bin/env bash
# Checks libcrypto.so.3 and libssl.so.3 the way the dynamic loader will use
# them: the right SONAME, every exported function tagged OPENSSL_3.0.0, and
# no name exported that OpenSSL 3.0 itself does not export (nothing internal
# leaks). Prints "N passed, N failed".
set -u
libdir=$1
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }

sys_dir=$(dirname "$(readlink -f /usr/lib/x86_64-linux-gnu/libcrypto.so.3 2>/dev/null || echo /nonexistent)")
for lib in crypto ssl; do
    so="$libdir/lib$lib.so.3"
    [ -f "$so" ] || { bad "$so missing"; continue; }
    soname=$(readelf -d "$so" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
    [ "$soname" = "lib$lib.so.3" ] && ok || bad "$so SONAME is '$soname'"

    # Defined dynamic symbols with their versions.
    syms=$(nm -D --defined-only --with-symbol-versions "$so" | awk '$2 ~ /[TtWDdBbRr]/ {print $3}' \
           | grep -v '^OPENSSL_3.0.0@@OPENSSL_3.0.0$')
    n=$(echo "$syms" | grep -c . || true)
    [ "$n" -gt 0 ] && ok || bad "lib$lib exports nothing"
    untagged=$(echo "$syms" | grep -v '@@OPENSSL_3.0.0$' || true)
    [ -z "$untagged" ] && ok || bad "lib$lib symbols without OPENSSL_3.0.0: $untagged"
    internal=$(echo "$syms" | grep -E '^(mintls_|ct_)' || true)
    [ -z "$internal" ] && ok || bad "lib$lib exports internal names: $internal"

    sys="$sys_dir/lib$lib.so.3"
    if [ -f "$sys" ]; then
        ours=$(echo "$syms" | sed 's/@@.*//' | sort -u)
        theirs=$(nm -D --defined-only "$sys" | awk '{print $3}' | sed 's/@@.*//' | sort -u)
        extra=$(comm -23 <(echo "$ours") <(echo "$theirs"))
        [ -z "$extra" ] && ok || bad "lib$lib exports names OpenSSL 3.0 does not: $extra"
        echo "lib$lib: $n exported names, all in OpenSSL 3.0's lib$lib"
    fi
done
# The static libraries: every global name is either OpenSSL's or mintls_*,
# so linking libcrypto.a into a program cannot clash with its own names.
for lib in crypto ssl; do
    a="$libdir/lib$lib.a"
    [ -f "$a" ] || continue
    sys="$sys_dir/lib$lib.so.3"
    [ -f "$sys" ] || continue
    globals=$(nm -g --defined-only "$a" 2>/dev/null | awk 'NF == 3 && $2 ~ /[TDBRVW]/ {print $3}' | sort -u)
    theirs=$(nm -D --defined-only "$sys" | awk '{print $3}' | sed 's/@@.*//' | sort -u)
    stray=$(comm -23 <(echo "$globals") <(echo "$theirs") | grep -v '^mintls_' || true)
    [ -z "$stray" ] && ok || bad "lib$lib.a has unprefixed internal names: $stray"
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
