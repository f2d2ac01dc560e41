#!/usr/bin/env bash
# mintls s_client against `openssl s_server`, and `openssl s_client`
# against mintls s_server: every TLS 1.3 suite x {X25519, P-256} x {ECDSA
# P-256, RSA-2048}, HelloRetryRequest both ways, mutual TLS, ALPN and SNI.
# Each cell sends an HTTP request and checks the reply (data both ways)
# and what both sides say was negotiated.
. "$(dirname "$0")/lib.sh" "$1"

command -v openssl >/dev/null || { echo "SKIP: no openssl command"; exit 0; }
CA=$CERTS/ca.pem
N=0

. "$(dirname "$0")/cells_openssl.sh"

for s in $SUITES; do
    for g in $GROUPS_LIST; do
        for c in $CERT_TYPES; do
            cert="-cert $(cert_of $c) -key $(key_of $c)"
            common=("Cipher is $s" "Server Temp Key: $(temp_key_of $g)"
                    "Server public key is $(bits_of $c) bit" "Verify return code: 0 (ok)"
                    "HTTP/1.0 200 ok")
            ours_client "$s $g $c" "$cert -ciphersuites $s -groups $g" \
                "-ciphersuites $s -groups $g" "${common[@]}"
            ours_server "$s $g $c" "$cert -ciphersuites $s -groups $g" \
                "-ciphersuites $s -groups $g" "${common[@]}" "Ciphersuite: $s"
        done
    done
done

ec="-cert $(cert_of ec) -key $(key_of ec)"
rsa="-cert $(cert_of rsa) -key $(key_of rsa)"
# HelloRetryRequest: the client's one key share is for a group the server
# does not take, so the server must ask again for its own.
ours_client "HRR: client share P-256, server X25519" "$ec -groups X25519" "-groups P-256:X25519" \
    "Server Temp Key: X25519, 253 bits" "HTTP/1.0 200 ok"
ours_client "HRR: client share X25519, server P-256" "$ec -groups P-256" "-groups X25519:P-256" \
    "Server Temp Key: ECDH, prime256v1, 256 bits" "HTTP/1.0 200 ok"
ours_server "HRR: client share P-256, server X25519" "$ec -groups X25519" "-groups P-256:X25519" \
    "Server Temp Key: X25519, 253 bits" "Negotiated group: X25519"
ours_server "HRR: client share X25519, server P-256" "$ec -groups P-256" "-groups X25519:P-256" \
    "Server Temp Key: ECDH, prime256v1, 256 bits" "Negotiated group: ECDH, prime256v1"

# Mutual TLS: the server requires a client certificate from the demo CA.
client_cert="-cert $CERTS/client.pem -key $CERTS/client.key"
ours_client "mutual TLS" "$ec -Verify 1 -CAfile $CA" "$client_cert" \
    "HTTP/1.0 200 ok" "Subject: O=mintls demo, CN=client.localhost"
ours_server "mutual TLS" "$ec -Verify 1 -CAfile $CA" "$client_cert" \
    "HTTP/1.0 200 ok" "Peer certificate: O = mintls demo, CN = client.localhost" "Verification: OK"

# ALPN: the client offers two protocols, the server takes the one it knows.
ours_client "ALPN h2,http/1.1 -> http/1.1" "$ec -alpn http/1.1" "-alpn h2,http/1.1" \
    "ALPN protocol: http/1.1" "HTTP/1.0 200 ok"
ours_server "ALPN h2,http/1.1 -> http/1.1" "$ec -alpn http/1.1" "-alpn h2,http/1.1" \
    "ALPN protocol: http/1.1" "HTTP/1.0 200 ok"

# SNI: the RSA certificate by default, the ECDSA one for sni.localhost.
sni="$rsa -servername sni.localhost -cert2 $(cert_of ec) -key2 $(key_of ec)"
ours_client "SNI sni.localhost -> ECDSA cert" "$sni" "-servername sni.localhost" \
    "Server public key is 256 bit" "HTTP/1.0 200 ok"
ours_client "SNI other.localhost -> RSA cert" "$sni" "-servername other.localhost" \
    "Server public key is 2048 bit" "HTTP/1.0 200 ok"
ours_server "SNI sni.localhost -> ECDSA cert" "$sni" "-servername sni.localhost" \
    "Server public key is 256 bit" "Server name: sni.localhost"
ours_server "SNI other.localhost -> RSA cert" "$sni" "-servername other.localhost" \
    "Server public key is 2048 bit" "Server name: other.localhost"

matrix "TLS 1.3 interop with openssl $(openssl version | cut -d' ' -f2)"
