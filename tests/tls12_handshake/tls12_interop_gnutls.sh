#!/usr/bin/env bash
# TLS 1.2 interop with GnuTLS on 127.0.0.1: mintls s_client against
# gnutls-serv and gnutls-cli against mintls s_server, each limited to TLS
# 1.2, for the six ECDHE AEAD suites x {X25519, P-256}.
. "$(dirname "$0")/../interop/lib.sh" "$1"

if ! command -v gnutls-serv >/dev/null || ! command -v gnutls-cli >/dev/null; then
    echo "SKIP: gnutls-serv / gnutls-cli not installed (Debian: gnutls-bin)"
    exit 0
fi
CA=$CERTS/ca.pem
N=0
SUITES12="ECDHE-ECDSA-AES128-GCM-SHA256 ECDHE-ECDSA-AES256-GCM-SHA384 ECDHE-ECDSA-CHACHA20-POLY1305
ECDHE-RSA-AES128-GCM-SHA256 ECDHE-RSA-AES256-GCM-SHA384 ECDHE-RSA-CHACHA20-POLY1305"

gnutls_cipher() {
    case $1 in
    *AES128-GCM*) echo AES-128-GCM ;;
    *AES256-GCM*) echo AES-256-GCM ;;
    *CHACHA20*) echo CHACHA20-POLY1305 ;;
    esac
}
gnutls_kx() { case $1 in ECDHE-ECDSA-*) echo ECDHE-ECDSA ;; *) echo ECDHE-RSA ;; esac; }
gnutls_group() { [ "$1" = X25519 ] && echo X25519 || echo SECP256R1; }
# prio SUITE GROUP...: TLS 1.2 only, that suite, those groups (first preferred).
prio() {
    local p="NORMAL:-VERS-ALL:+VERS-TLS1.2:-CIPHER-ALL:+$(gnutls_cipher $1):-KX-ALL:+$(gnutls_kx $1)"
    shift
    p="$p:-GROUP-ALL"
    for g in "$@"; do p="$p:+GROUP-$g"; done
    echo "$p"
}

. "$(dirname "$0")/../interop/cells_gnutls.sh"

for s in $SUITES12; do
    case $s in ECDHE-ECDSA-*) c=ec ;; *) c=rsa ;; esac
    for g in $GROUPS_LIST; do
        # An ECDSA certificate's curve (P-256) must be among the client's groups.
        cg=$g; cgroups=$(gnutls_group $g)
        if [ "$c" = ec ] && [ "$g" = X25519 ]; then cg=X25519:P-256; cgroups="X25519 SECP256R1"; fi
        # shellcheck disable=SC2086
        ours_client "$s $g" \
            "--x509certfile $(cert_of $c) --x509keyfile $(key_of $c) --priority $(prio $s $(gnutls_group $g))" \
            "-tls1_2 -cipher $s -groups $cg" \
            "New, TLSv1.2, Cipher is $s" "Server Temp Key: $(temp_key_of $g)" \
            "Verify return code: 0 (ok)" "<TD>TLS1.2</TD>"
        # shellcheck disable=SC2086
        ours_server "$s $g" "-cert $(cert_of $c) -key $(key_of $c) -tls1_2 -cipher $s -groups $g" \
            "--priority $(prio $s $cgroups)" \
            "HTTP/1.0 200 ok" "Protocol version: TLSv1.2" "Ciphersuite: $s" \
            "Negotiated group: $(temp_key_of $g)"
    done
done

matrix "TLS 1.2 interop with GnuTLS"
