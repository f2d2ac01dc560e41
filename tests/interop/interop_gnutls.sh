#!/usr/bin/env bash
# mintls s_client against gnutls-serv, and gnutls-cli against mintls
# s_server: every TLS 1.3 suite x {X25519, P-256} x {ECDSA P-256,
# RSA-2048}, HelloRetryRequest both ways, mutual TLS, ALPN and SNI.
# (gnutls-serv has no listen-address option: it listens on all addresses,
# and the test talks to it over 127.0.0.1 only.)
. "$(dirname "$0")/lib.sh" "$1"

if ! command -v gnutls-serv >/dev/null || ! command -v gnutls-cli >/dev/null; then
    echo "SKIP: gnutls-serv / gnutls-cli not installed (Debian: gnutls-bin)"
    exit 0
fi
CA=$CERTS/ca.pem
N=0

gnutls_cipher() {
    case $1 in
    TLS_AES_128_GCM_SHA256) echo AES-128-GCM ;;
    TLS_AES_256_GCM_SHA384) echo AES-256-GCM ;;
    TLS_CHACHA20_POLY1305_SHA256) echo CHACHA20-POLY1305 ;;
    esac
}
gnutls_group() { [ "$1" = X25519 ] && echo X25519 || echo SECP256R1; }
# A TLS 1.3-only priority string: prio CIPHER GROUP... (first group preferred)
prio() {
    local p="NORMAL:-VERS-ALL:+VERS-TLS1.3" g
    [ -n "$1" ] && p="$p:-CIPHER-ALL:+$1"
    shift
    if [ $# -gt 0 ]; then
        p="$p:-GROUP-ALL"
        for g in "$@"; do p="$p:+GROUP-$g"; done
    fi
    echo "$p"
}

. "$(dirname "$0")/cells_gnutls.sh"

for s in $SUITES; do
    for g in $GROUPS_LIST; do
        for c in $CERT_TYPES; do
            p=$(prio "$(gnutls_cipher $s)" "$(gnutls_group $g)")
            ours_client "$s $g $c" \
                "--x509certfile $(cert_of $c) --x509keyfile $(key_of $c) --priority $p" \
                "-ciphersuites $s -groups $g" \
                "Cipher is $s" "Server Temp Key: $(temp_key_of $g)" \
                "Server public key is $(bits_of $c) bit" "Verify return code: 0 (ok)" \
                "<TD>TLS1.3</TD>" "(ECDHE-$(gnutls_group $g))" "$(gnutls_cipher $s))"
            ours_server "$s $g $c" "-cert $(cert_of $c) -key $(key_of $c)" "--priority $p" \
                "Status: The certificate is trusted" "Ciphersuite: $s" \
                "(ECDHE-$(gnutls_group $g))" "Negotiated group: $(temp_key_of $g)"
        done
    done
done

ec_g="--x509certfile $(cert_of ec) --x509keyfile $(key_of ec)"
ec="-cert $(cert_of ec) -key $(key_of ec)"
# HelloRetryRequest: our client sends one key share, for a group gnutls-serv
# will not take; gnutls-cli prefers P-256 against a server taking only X25519.
ours_client "HRR: client share P-256, server X25519" "$ec_g --priority $(prio '' X25519)" \
    "-groups P-256:X25519" "Server Temp Key: X25519, 253 bits" "(ECDHE-X25519)"
ours_client "HRR: client share X25519, server P-256" "$ec_g --priority $(prio '' SECP256R1)" \
    "-groups X25519:P-256" "Server Temp Key: ECDH, prime256v1, 256 bits" "(ECDHE-SECP256R1)"
ours_server "HRR: client prefers P-256, server X25519" "$ec -groups X25519" \
    "--priority $(prio '' SECP256R1 X25519)" "Negotiated group: X25519" "(ECDHE-X25519)"
ours_server "HRR: client prefers X25519, server P-256" "$ec -groups P-256" \
    "--priority $(prio '' X25519 SECP256R1)" "Negotiated group: ECDH, prime256v1" "(ECDHE-SECP256R1)"

# Mutual TLS.
ours_client "mutual TLS" "$ec_g --x509cafile $CA --require-client-cert --verify-client-cert" \
    "-cert $CERTS/client.pem -key $CERTS/client.key" "<TD>TLS1.3</TD>" "client.localhost"
ours_server "mutual TLS" "$ec -Verify 1 -CAfile $CA" \
    "--x509certfile $CERTS/client.pem --x509keyfile $CERTS/client.key" \
    "Peer certificate: O = mintls demo, CN = client.localhost" "Verification: OK"

# ALPN.
ours_client "ALPN h2,http/1.1 -> http/1.1" "$ec_g --alpn http/1.1" "-alpn h2,http/1.1" \
    "ALPN protocol: http/1.1" "<TD>TLS1.3</TD>"
ours_server "ALPN h2,http/1.1 -> http/1.1" "$ec -alpn http/1.1" "--alpn h2 --alpn http/1.1" \
    "Application protocol: http/1.1" "ALPN protocol: http/1.1"

# SNI: gnutls-cli's name selects our second certificate.
sni="-cert $(cert_of rsa) -key $(key_of rsa) -servername sni.localhost -cert2 $(cert_of ec) -key2 $(key_of ec)"
ours_server "SNI sni.localhost -> ECDSA cert" "$sni" "--sni-hostname sni.localhost --verify-hostname localhost" \
    "EC/ECDSA key 256 bits" "Server name: sni.localhost"
ours_server "SNI other.localhost -> RSA cert" "$sni" "--sni-hostname other.localhost --verify-hostname localhost" \
    "RSA key 2048 bits" "Server name: other.localhost"

matrix "TLS 1.3 interop with GnuTLS $(gnutls-cli --version | head -1 | awk '{print $NF}')"
