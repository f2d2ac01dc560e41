#!/usr/bin/env bash
# Installs into a scratch prefix and builds a program with pkg-config, as
# the README tells users to; then runs it. Prints "N passed, N failed".
set -u
src=$1
build=$2
prog=$3
pass=0
fail=0
ok() { pass=$((pass + 1)); }
bad() { fail=$((fail + 1)); echo "FAIL: $*"; }
prefix=$(mktemp -d)
trap 'rm -rf "$prefix"' EXIT

cmake --install "$build" --prefix "$prefix" >/dev/null && ok || bad "cmake --install failed"
for f in include/openssl/evp.h include/openssl/ssl.h lib/libcrypto.so.3 lib/libssl.so.3 \
         lib/libcrypto.a lib/libssl.a lib/pkgconfig/libcrypto.pc lib/pkgconfig/libssl.pc \
         lib/pkgconfig/openssl.pc; do
    [ -e "$prefix/$f" ] && ok || bad "$f not installed"
done
default_prefix=$(grep '^CMAKE_INSTALL_PREFIX:' "$build/CMakeCache.txt" | cut -d= -f2)
[ "$default_prefix" = "/opt/mintls" ] && ok || bad "default prefix is $default_prefix"

if command -v pkg-config >/dev/null 2>&1; then
    # The .pc files carry the configured prefix; point them at the scratch one.
    sed -i "s|^prefix=.*|prefix=$prefix|" "$prefix"/lib/pkgconfig/*.pc
    export PKG_CONFIG_PATH="$prefix/lib/pkgconfig"
    flags=$(pkg-config --cflags --libs openssl) && ok || bad "pkg-config openssl failed"
    cc -o "$prefix/hello" "$prog" $flags && ok || bad "building against the install failed"
    out=$(LD_LIBRARY_PATH="$prefix/lib" "$prefix/hello") && ok || bad "program failed"
    [ "$out" = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad" ] && ok \
        || bad "unexpected output '$out'"
    LD_LIBRARY_PATH="$prefix/lib" ldd "$prefix/hello" | grep -q "$prefix/lib/libcrypto.so.3" && ok || bad "not loaded from the install"
else
    echo "pkg-config not installed: skipping the build-against-install check"
fi
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
