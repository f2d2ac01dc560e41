#!/usr/bin/env bash
# Generates the X.509 verification fixtures in tests/data/x509/ with the
# openssl command line only (plus coreutils for one byte flip). Run once; the
# output is committed. Keys are kept when they already exist, so re-running
# only re-signs the certificates (serials and dates are fixed; ECDSA
# signatures differ between runs, RSA and Ed25519 ones do not).
#
#   bash tests/x509/make_fixtures.sh            # regenerate certificates
#   rm tests/data/x509/*.key && bash ...        # new keys as well
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
out=$(cd "$here/.." && pwd)/data/x509
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# Long validity so the fixtures never expire; fixed dates for the bad ones.
GOOD_START=20240101000000Z
GOOD_END=21240101000000Z
EXPIRED_START=20200101000000Z
EXPIRED_END=20210101000000Z
FUTURE_START=21000101000000Z
FUTURE_END=21240101000000Z

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
default_md = default
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
EOF

cat >"$work/ext.cnf" <<'EOF'
[root]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash

[int]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[int_pathlen0]
basicConstraints = critical,CA:TRUE,pathlen:0
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[int_not_ca]
basicConstraints = critical,CA:FALSE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[int_no_certsign]
basicConstraints = critical,CA:TRUE
keyUsage = critical,digitalSignature,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[int_nc]
basicConstraints = critical,CA:TRUE
keyUsage = critical,keyCertSign,cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
nameConstraints = critical,permitted;DNS:allowed.test,excluded;DNS:bad.allowed.test,permitted;IP:192.0.2.0/255.255.255.0,excluded;IP:192.0.2.128/255.255.255.128

[leaf_common]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[rsa_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:www.example.test,DNS:example.test,IP:192.0.2.1,IP:2001:db8::1,email:admin@example.test

[ec_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:ec.example.test

[ed_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = serverAuth,clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:ed.example.test

[wild_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:*.example.test,DNS:*.test,DNS:f*.partial.test,DNS:xn--*.idn.test,DNS:xn--bcher-kva.example2.test,DNS:*.xn--bcher-kva.test

[cn_only_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid

[cn_ignored_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:san.example.test,IP:198.51.100.7

[ip_only_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = IP:203.0.113.9

[server_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:leaf.example.test

[client_only_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:client.example.test

[critical_ext_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid
subjectAltName = DNS:critical.example.test
1.3.6.1.4.1.55555.1.1 = critical,ASN1:UTF8String:unknown critical extension

[self_leaf]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectKeyIdentifier = hash
subjectAltName = DNS:self.example.test

[nc_ok]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.allowed.test,IP:192.0.2.5

[nc_dns_permitted]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:www.other.test

[nc_dns_excluded]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:x.bad.allowed.test

[nc_ip_permitted]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:ip.allowed.test,IP:198.51.100.1

[nc_ip_excluded]
basicConstraints = critical,CA:FALSE
keyUsage = critical,digitalSignature,keyEncipherment
extendedKeyUsage = serverAuth
subjectAltName = DNS:ip2.allowed.test,IP:192.0.2.200
EOF

# key NAME TYPE: creates $out/NAME.key unless it exists.
key() {
  local f="$out/$1.key"
  [ -s "$f" ] && return 0
  case "$2" in
    rsa) openssl genpkey -quiet -algorithm RSA -pkeyopt rsa_keygen_bits:2048 -out "$f" ;;
    p256) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-256 \
            -pkeyopt ec_param_enc:named_curve -out "$f" ;;
    p384) openssl genpkey -quiet -algorithm EC -pkeyopt ec_paramgen_curve:P-384 \
            -pkeyopt ec_param_enc:named_curve -out "$f" ;;
    ed25519) openssl genpkey -quiet -algorithm ED25519 -out "$f" ;;
    *) echo "bad key type $2" >&2; exit 1 ;;
  esac
}

# cert NAME KEYTYPE SUBJECT EXTSECTION ISSUER SERIAL [START END]
# ISSUER is a fixture name (its .pem and .key) or "self".
cert() {
  local name=$1 ktype=$2 subj=$3 sect=$4 issuer=$5 serial=$6
  local start=${7:-$GOOD_START} end=${8:-$GOOD_END}
  key "$name" "$ktype"
  ( cd "$work"
    openssl req -new -config ca.cnf -key "$out/$name.key" -subj "$subj" -out "$name.csr"
    echo "$serial" >serial
    if [ "$issuer" = self ]; then
      openssl ca -config ca.cnf -batch -notext -selfsign -preserveDN \
        -keyfile "$out/$name.key" -in "$name.csr" -out "$name.pem" \
        -startdate "$start" -enddate "$end" -extfile ext.cnf -extensions "$sect" 2>/dev/null
    else
      md=default
      [ "$issuer" = ec-root ] && md=sha384   # the P-384 CA signs with SHA-384
      openssl ca -config ca.cnf -batch -notext -preserveDN -md "$md" \
        -cert "$out/$issuer.pem" -keyfile "$out/$issuer.key" -in "$name.csr" -out "$name.pem" \
        -startdate "$start" -enddate "$end" -extfile ext.cnf -extensions "$sect" 2>/dev/null
    fi
    openssl x509 -in "$name.pem" -out "$out/$name.pem" )
}

# --- RSA-2048: root -> intermediate -> leaf -------------------------------
cert rsa-root     rsa "/C=XX/O=mintls test/CN=mintls RSA Root"         root   self     1001
cert rsa-int      rsa "/C=XX/O=mintls test/CN=mintls RSA Intermediate" int    rsa-root 1002
cert rsa-leaf     rsa "/C=XX/O=mintls test/CN=www.example.test"        rsa_leaf rsa-int 1003

# --- ECDSA: P-384 root -> P-256 intermediate -> P-256 leaf ----------------
cert ec-root      p384 "/O=mintls test/CN=mintls EC P-384 Root"        root   self     2001
cert ec-int       p256 "/O=mintls test/CN=mintls EC P-256 Intermediate" int   ec-root  2002
cert ec-leaf      p256 "/O=mintls test/CN=ec.example.test"             ec_leaf ec-int  2003

# --- Ed25519 --------------------------------------------------------------
cert ed-root      ed25519 "/O=mintls test/CN=mintls Ed25519 Root"      root   self     3001
cert ed-int       ed25519 "/O=mintls test/CN=mintls Ed25519 Intermediate" int ed-root  3002
cert ed-leaf      ed25519 "/O=mintls test/CN=ed.example.test"          ed_leaf ed-int  3003

# --- host-name cases, all under rsa-int -----------------------------------
cert wild-leaf      p256 "/O=mintls test/CN=wildcard"                  wild_leaf rsa-int 4001
cert cn-only-leaf   p256 "/O=mintls test/CN=cnonly.example.test"       cn_only_leaf rsa-int 4002
cert cn-ignored-leaf p256 "/O=mintls test/CN=cn.example.test"          cn_ignored_leaf rsa-int 4003
cert ip-only-leaf   p256 "/O=mintls test/CN=ipcn.example.test"         ip_only_leaf rsa-int 4004

# --- validity period ------------------------------------------------------
cert expired-leaf   p256 "/O=mintls test/CN=expired.example.test"      server_leaf rsa-int 5001 \
  "$EXPIRED_START" "$EXPIRED_END"
cert notyet-leaf    p256 "/O=mintls test/CN=notyet.example.test"       server_leaf rsa-int 5002 \
  "$FUTURE_START" "$FUTURE_END"

# --- CA constraints -------------------------------------------------------
cert notca-int      p256 "/O=mintls test/CN=mintls Not-a-CA Intermediate" int_not_ca rsa-root 6001
cert notca-leaf     p256 "/O=mintls test/CN=leaf.example.test"         server_leaf notca-int 6002
cert pathlen0-int   p256 "/O=mintls test/CN=mintls pathlen0 Intermediate" int_pathlen0 rsa-root 6003
cert pathlen0-sub   p256 "/O=mintls test/CN=mintls Sub-Intermediate"   int    pathlen0-int 6004
cert pathlen0-leaf  p256 "/O=mintls test/CN=leaf.example.test"         server_leaf pathlen0-sub 6005
cert nocertsign-int p256 "/O=mintls test/CN=mintls No-keyCertSign Intermediate" int_no_certsign rsa-root 6006
cert nocertsign-leaf p256 "/O=mintls test/CN=leaf.example.test"        server_leaf nocertsign-int 6007

# --- leaf problems --------------------------------------------------------
cert client-leaf    p256 "/O=mintls test/CN=client.example.test"       client_only_leaf rsa-int 7001
cert critext-leaf   p256 "/O=mintls test/CN=critical.example.test"     critical_ext_leaf rsa-int 7002
cert self-leaf      p256 "/O=mintls test/CN=self.example.test"         self_leaf self 7003
cert badsig-leaf    rsa  "/O=mintls test/CN=leaf.example.test"         server_leaf rsa-int 7004
# Flip the last byte of the signature (the last byte of the DER).
openssl x509 -in "$out/badsig-leaf.pem" -outform DER -out "$work/badsig.der"
len=$(wc -c <"$work/badsig.der")
last=$(tail -c 1 "$work/badsig.der" | od -An -tu1 | tr -d ' ')
head -c $((len - 1)) "$work/badsig.der" >"$work/badsig2.der"
printf "\\$(printf '%03o' $((last ^ 0x01)))" >>"$work/badsig2.der"
openssl x509 -inform DER -in "$work/badsig2.der" -out "$out/badsig-leaf.pem"

# --- name constraints -----------------------------------------------------
cert nc-int         p256 "/O=mintls test/CN=mintls Name-Constrained Intermediate" int_nc rsa-root 8001
cert nc-ok-leaf     p256 "/O=mintls test/CN=www.allowed.test"          nc_ok nc-int 8002
cert nc-dns-permitted-leaf p256 "/O=mintls test/CN=www.other.test"     nc_dns_permitted nc-int 8003
cert nc-dns-excluded-leaf  p256 "/O=mintls test/CN=x.bad.allowed.test" nc_dns_excluded nc-int 8004
cert nc-ip-permitted-leaf  p256 "/O=mintls test/CN=ip.allowed.test"    nc_ip_permitted nc-int 8005
cert nc-ip-excluded-leaf   p256 "/O=mintls test/CN=ip2.allowed.test"   nc_ip_excluded nc-int 8006

# --- a 3-level chain (root -> int1 -> int2 -> leaf) for ordering tests -----
cert chain-int1     rsa  "/O=mintls test/CN=mintls Chain Intermediate 1" int rsa-root 9001
cert chain-int2     p256 "/O=mintls test/CN=mintls Chain Intermediate 2" int chain-int1 9002
cert chain-leaf     p256 "/O=mintls test/CN=leaf.example.test"         server_leaf chain-int2 9003

# Fingerprints for the accessor test.
for f in rsa-leaf ec-leaf ed-leaf; do
  openssl x509 -in "$out/$f.pem" -noout -fingerprint -sha256 | sed 's/^.*=//; s/://g' \
    >"$out/$f.sha256"
done
echo "fixtures written to $out"
