#!/bin/sh
# Regenerates the demo certificates used by s_client / s_server and the
# interop tests: one CA, an ECDSA P-256 and an RSA-2048 server certificate
# for localhost / 127.0.0.1, and a client certificate for mutual TLS.
# Long validity (100 years) so the committed files never expire under CI.
# Run from anywhere: ./make-certs.sh  (needs the openssl command line tool)
set -eu
cd "$(dirname "$0")"
days=36500
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

cat > "$tmp/server.ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature, keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
EXT
cat > "$tmp/client.ext" <<'EXT'
basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectAltName = DNS:client.localhost
EXT

# The CA: ECDSA P-256, self-signed.
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/ca.sec1"
openssl pkcs8 -topk8 -nocrypt -in "$tmp/ca.sec1" -out ca.key
openssl req -x509 -new -key ca.key -sha256 -days $days \
    -subj "/O=mintls demo/CN=mintls demo CA" \
    -addext "basicConstraints=critical,CA:TRUE" \
    -addext "keyUsage=critical,keyCertSign,cRLSign" -out ca.pem

issue() { # name keyfile extfile subject
    openssl req -new -key "$2" -subj "$4" -out "$tmp/$1.csr"
    openssl x509 -req -in "$tmp/$1.csr" -CA ca.pem -CAkey ca.key \
        -CAcreateserial -CAserial "$tmp/ca.srl" -sha256 -days $days \
        -extfile "$3" -out "$1.pem"
}

openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/ec.sec1"
openssl pkcs8 -topk8 -nocrypt -in "$tmp/ec.sec1" -out server-ec.key
issue server-ec server-ec.key "$tmp/server.ext" "/O=mintls demo/CN=localhost"

openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out server-rsa.key
issue server-rsa server-rsa.key "$tmp/server.ext" "/O=mintls demo/CN=localhost"

openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/client.sec1"
openssl pkcs8 -topk8 -nocrypt -in "$tmp/client.sec1" -out client.key
issue client client.key "$tmp/client.ext" "/O=mintls demo/CN=client.localhost"

# A second, unrelated CA: verifying the servers against it must fail.
openssl ecparam -name prime256v1 -genkey -noout -out "$tmp/other.sec1"
openssl req -x509 -new -key "$tmp/other.sec1" -sha256 -days $days \
    -subj "/O=mintls demo/CN=mintls demo untrusted CA" \
    -addext "basicConstraints=critical,CA:TRUE" -out other-ca.pem
echo "demo certificates written to $(pwd)"
