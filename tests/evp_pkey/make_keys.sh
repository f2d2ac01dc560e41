#!/bin/sh
# Regenerates tests/data/keys/ (run from the repository root). Needs the
# openssl command line tool. The fixture certificates' public keys come from
# tests/data/x509/; everything else is made fresh.
set -eu
X=tests/data/x509
K=tests/data/keys
mkdir -p "$K"
for c in "$X"/*.pem; do
  b=$(basename "$c" .pem)
  openssl x509 -in "$c" -pubkey -noout > "$K/$b.pub"
done
# Other private-key syntaxes and sizes.
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:3072 -out "$K/rsa3072.key"
openssl rsa -in "$K/rsa3072.key" -traditional -out "$K/rsa3072-pkcs1.key"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:4096 -out "$K/rsa4096.key"
openssl genpkey -algorithm RSA -pkeyopt rsa_keygen_bits:1024 -out "$K/rsa1024.key"
openssl ecparam -name prime256v1 -genkey -out "$K/p256-sec1.key"
openssl ecparam -name secp384r1 -genkey -noout -out "$K/p384-sec1.key"
openssl genpkey -algorithm X25519 -out "$K/x25519.key"
openssl pkey -in "$K/x25519.key" -pubout -out "$K/x25519.pub"
openssl genpkey -algorithm RSA-PSS -pkeyopt rsa_keygen_bits:2048 -out "$K/rsapss.key"
openssl pkey -in "$K/rsapss.key" -pubout -out "$K/rsapss.pub"
# Encrypted keys: PKCS#8 PBES2 and the legacy PEM header form (password "x").
openssl pkcs8 -topk8 -v2 aes-256-cbc -passout pass:x -in "$X/ec-leaf.key" -out "$K/enc-pkcs8.key"
openssl rsa -in "$K/rsa3072-pkcs1.key" -aes128 -passout pass:x -traditional -out "$K/enc-legacy.key"
# PBES2 with each AES key size and several PBKDF2 PRFs (password "secret").
openssl pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA256 -passout pass:secret \
  -in "$X/rsa-leaf.key" -out "$K/enc-aes128-sha256.key"
openssl pkcs8 -topk8 -v2 aes-256-cbc -v2prf hmacWithSHA1 -passout pass:secret \
  -in "$X/ed-leaf.key" -out "$K/enc-aes256-sha1.key"
openssl pkcs8 -topk8 -v2 aes-192-cbc -v2prf hmacWithSHA512 -passout pass:secret \
  -in "$K/p384-sec1.key" -out "$K/enc-aes192-sha512.key"
openssl pkcs8 -topk8 -v2 aes-128-cbc -v2prf hmacWithSHA1 -iter 1 -passout pass:secret \
  -in "$K/x25519.key" -out "$K/enc-aes128-sha1-x25519.key"
# Triple-DES (PBES2 with a cipher mintls does not support).
openssl pkcs8 -topk8 -v2 des3 -passout pass:secret -in "$X/ec-leaf.key" -out "$K/enc-des3.key"
# A certificate signed by the RSA root with RSASSA-PSS (SHA-256, MGF1-SHA-256, salt 32).
openssl req -new -key "$X/rsa-leaf.key" -subj "/CN=pss.example" -out "$K/pss-leaf.csr"
openssl x509 -req -in "$K/pss-leaf.csr" -CA "$X/rsa-root.pem" -CAkey "$X/rsa-root.key" \
  -set_serial 7 -days 3650 -sha256 -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:32 \
  -sigopt rsa_mgf1_md:sha256 -out "$K/pss-leaf.pem"
# The same with SHA-384 and the largest salt, issued by the RSA-PSS key.
openssl req -new -x509 -key "$K/rsapss.key" -subj "/CN=pss-self" -days 3650 -sha384 \
  -sigopt rsa_padding_mode:pss -sigopt rsa_pss_saltlen:max -out "$K/pss-self.pem"
rm -f "$K/pss-leaf.csr"
# Signatures over one message with every hash: tests/evp_pkey/make_sigs.sh.
sh tests/evp_pkey/make_sigs.sh
