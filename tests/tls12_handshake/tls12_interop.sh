#!/usr/bin/env bash
# TLS 1.2 interop on 127.0.0.1: mintls s_client against `openssl s_server
# -tls1_2`, and `openssl s_client -tls1_2` against mintls s_server, for the
# six ECDHE AEAD suites x {X25519, P-256}, each with the certificate its
# authentication needs; then mutual TLS both ways and a mintls client that
# offers TLS 1.2 and 1.3 to a TLS 1.2-only server. Each cell sends an HTTP
# request and checks the reply and what both sides say was negotiated.
. "$(dirname "$0")/../interop/lib.sh" "$1"

command -v openssl >/dev/null || { echo "SKIP: no openssl command"; exit 0; }
CA=$CERTS/ca.pem
N=0
SUITES12="ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 ECDHE-ECDSA-CHACHA20-POLY1305
ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-CHACHA20-POLY1305"

. "$(dirname "$0")/../interop/cells_openssl.sh"

for s in $SUITES12; do
    case $s in ECDHE-ECDSA-*) c=ec ;; *) c=rsa ;; esac
    cert="-cert $(cert_of $c) -key $(key_of $c)"
    for g in $GROUPS_LIST; do
        # An ECDSA certificate's curve (P-256) must be among the client's groups.
        cg=$g
        [ "$c" = ec ] && [ "$g" = X25519 ] && cg=X25519:P-256
        common=("Cipher is $s" "Verify return code: 0 (ok)" "HTTP/1.0 200 ok")
        ours_client "$s $g" "$cert -tls1_2 -cipher $s -groups $g" "-tls1_2 -cipher $s -groups $cg" \
            "${common[@]}" "TLSv1.2" "Server Temp Key: $(temp_key_of $g)"
        ours_server "$s $g" "$cert -tls1_2 -cipher $s -groups $g" "-tls1_2 -cipher $s -groups $cg" \
            "${common[@]}" "Protocol  : TLSv1.2" "Server Temp Key: $(temp_key_of $g)"
    done
done

ec="-cert $(cert_of ec) -key $(key_of ec)"
client_cert="-cert $CERTS/client.pem -key $CERTS/client.key"
ours_client "mutual TLS 1.2" "$ec -tls1_2 -Verify 1 -CAfile $CA" "-tls1_2 $client_cert" \
    "HTTP/1.0 200 ok" "TLSv1.2"
ours_server "mutual TLS 1.2" "$ec -tls1_2 -Verify 1 -CAfile $CA" "-tls1_2 $client_cert" \
    "HTTP/1.0 200 ok" "Protocol  : TLSv1.2" "Verification: OK"
# Our client offers 1.2 and 1.3 in one ClientHello; the server speaks 1.2.
ours_client "1.2+1.3 client, 1.2 server" "$ec -tls1_2" "" "HTTP/1.0 200 ok" "TLSv1.2"
# openssl offering both to our server limited to 1.2.
ours_server "1.2+1.3 client, 1.2 server" "$ec -tls1_2" "" "HTTP/1.0 200 ok" "Protocol  : TLSv1.2"

matrix "TLS 1.2 interop with openssl"
