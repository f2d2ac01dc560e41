#!/usr/bin/env bash
# Generates the auth-level fixtures in tests/data/x509/ with the openssl
# command line only: weak-int, an RSA-1024 intermediate (80 security bits:
# enough for auth level 1, too small from level 2 on) under rsa-root, and
# weak-leaf, a P-256 server leaf under it. Kept apart from make_fixtures.sh
# so that adding them does not re-sign the other fixtures. Keys are kept when
# they exist; serials (hex) and dates are fixed. The output is committed.
#
#   bash tests/x509/make_weak_key_fixtures.sh
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)/data/x509
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/newcerts"
: >"$work/index.txt"
cat >"$work/ca.cnf" <<'EOF'
[ca]
default_ca = CA_default
[CA_default]
dir = .
database = $dir/index.txt
new_certs_dir = $dir/newcerts
serial = $dir/serial
default_md = sha256
policy = policy_any
unique_subject = no
copy_extensions = none
email_in_dn = no
[policy_any]
commonName = supplied
organizationName = optional
countryName = optional
[req]
distinguished_name = dn
prompt = no
[dn]
CN = unused
[weak_int]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
[weak_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectAltName = DNS:weak.example.test
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
EOF

[ -s "$out/weak-int.key" ] ||
  openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$out/weak-int.key"
[ -s "$out/weak-leaf.key" ] ||
  openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
    -pkeyopt ec_param_enc:named_curve -out "$out/weak-leaf.key"

# sign NAME SUBJECT SECTION ISSUER SERIAL
sign() {
  ( cd "$work"
    openssl req -new -config ca.cnf -key "$out/$1.key" -subj "$2" -out "$1.csr"
    echo "$5" >serial
    openssl ca -config ca.cnf -batch -notext -preserveDN \
      -cert "$out/$4.pem" -keyfile "$out/$4.key" -in "$1.csr" -out "$1.pem" \
      -startdate 20240101000000Z -enddate 21240101000000Z \
      -extfile ca.cnf -extensions "$3" 2>/dev/null
    openssl x509 -in "$1.pem" -out "$out/$1.pem" )
}

sign weak-int  "/O=mintls test/CN=mintls RSA-1024 Intermediate" weak_int  rsa-root A001
sign weak-leaf "/O=mintls test/CN=weak.example.test"            weak_leaf weak-int A002
echo "weak-key fixtures written to $out"
