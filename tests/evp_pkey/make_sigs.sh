#!/bin/sh
# Regenerates tests/data/keys/sigs/ (run from the repository root): one
# message signed with every hash and padding mintls_evp_pkey_verify_sig
# accepts, by the openssl command line tool.
set -eu
X=tests/data/x509
K=tests/data/keys
S=$K/sigs
mkdir -p "$S"
printf 'mintls signature test message\n' > "$S/msg.txt"
for h in sha1 sha224 sha256 sha384 sha512; do
  openssl dgst -$h -sign "$X/rsa-leaf.key" -out "$S/rsa-pkcs1-$h.sig" "$S/msg.txt"
  openssl dgst -$h -sign "$X/ec-leaf.key" -out "$S/p256-$h.sig" "$S/msg.txt"
  openssl dgst -$h -sign "$X/ec-root.key" -out "$S/p384-$h.sig" "$S/msg.txt"
done
# RSASSA-PSS: MGF1 with the same hash, salt = hash length (SHA-1: the RFC 4055 defaults).
for h in sha1 sha256 sha384 sha512; do
  openssl dgst -$h -sign "$X/rsa-leaf.key" -sigopt rsa_padding_mode:pss \
    -sigopt rsa_pss_saltlen:digest -sigopt rsa_mgf1_md:$h -out "$S/rsa-pss-$h.sig" "$S/msg.txt"
done
# The same from an id-RSASSA-PSS key.
openssl dgst -sha256 -sign "$K/rsapss.key" -sigopt rsa_padding_mode:pss \
  -sigopt rsa_pss_saltlen:digest -sigopt rsa_mgf1_md:sha256 -out "$S/rsapss-key-sha256.sig" "$S/msg.txt"
openssl pkeyutl -sign -rawin -inkey "$X/ed-leaf.key" -in "$S/msg.txt" -out "$S/ed25519.sig"
