#!/usr/bin/env bash
# curl (the system binary, on the system OpenSSL) downloads files from
# mintls s_server -WWW; each must arrive byte for byte. Paths that would
# leave the served directory must be refused.
. "$(dirname "$0")/lib.sh" "$1"

command -v curl >/dev/null || { echo "SKIP: no curl"; exit 0; }
mkdir -p "$WORK/www/sub"
head -c 1048579 /dev/urandom > "$WORK/www/random.bin"   # not a multiple of any record size
printf 'hello from mintls\n' > "$WORK/www/sub/hello.txt"
: > "$WORK/www/empty.txt"
echo secret > "$WORK/secret.txt"

port=$(free_port)
( cd "$WORK/www" && exec timeout 120 "$S_SERVER" -accept "127.0.0.1:$port" -WWW \
    -cert "$(cert_of ec)" -key "$(key_of ec)" ) < /dev/null > "$WORK/server.log" 2>&1 &
PEER_PIDS+=($!)
wait_port "$port" || { cat "$WORK/server.log"; exit 1; }

for g in X25519 P-256; do
    for f in random.bin sub/hello.txt empty.txt; do
        out=$WORK/got.$$; log=$WORK/curl.log
        timeout 30 curl -sS --tlsv1.3 --curves "$g" --cacert "$CERTS/ca.pem" \
            -o "$out" "https://127.0.0.1:$port/$f" > "$log" 2>&1
        RC=$?
        if [ $RC -eq 0 ] && cmp -s "$out" "$WORK/www/$f"; then
            record PASS "curl -> mintls s_server -WWW" "GET /$f ($g)"
        else
            echo "curl exit $RC; cmp: $(cmp "$out" "$WORK/www/$f" 2>&1)" >> "$log"
            record FAIL "curl -> mintls s_server -WWW" "GET /$f ($g)" "$log"
        fi
    done
done

# Escapes and missing files get 404, and the server goes on serving.
for path in ../secret.txt sub/../../secret.txt .hidden nothere.txt sub; do
    code=$(timeout 30 curl -s --path-as-is --cacert "$CERTS/ca.pem" -o /dev/null \
        -w '%{http_code}' "https://127.0.0.1:$port/$path")
    if [ "$code" = 404 ]; then
        record PASS "curl -> mintls s_server -WWW" "GET /$path refused (404)"
    else
        record FAIL "curl -> mintls s_server -WWW" "GET /$path gave HTTP $code, wanted 404" "$WORK/server.log"
    fi
done

# Several downloads at once: the poll loop interleaves them.
pids=()
for i in 1 2 3 4; do
    timeout 60 curl -sS --cacert "$CERTS/ca.pem" -o "$WORK/par$i" "https://127.0.0.1:$port/random.bin" &
    pids+=($!)
done
ok=PASS
for i in 1 2 3 4; do
    wait "${pids[$((i - 1))]}" && cmp -s "$WORK/par$i" "$WORK/www/random.bin" || ok=FAIL
done
record "$ok" "curl -> mintls s_server -WWW" "4 parallel downloads of random.bin" "$WORK/server.log"

matrix "curl $(curl --version | head -1 | cut -d' ' -f2) downloads from s_server -WWW"
