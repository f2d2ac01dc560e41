/*
 * -keylogfile: the library hands us one NSS key log line per secret
 * (CLIENT_HANDSHAKE_TRAFFIC_SECRET ... and so on); we append each to the
 * file, flushed at once so Wireshark or a test can read it while the
 * connection is still open.
 */
#include "s_common.h"

#include <errno.h>
#include <string.h>

static FILE *keylog_file;

static void keylog_line(const SSL *ssl, const char *line)
{
    (void)ssl;
    if (keylog_file == NULL)
        return;
    fprintf(keylog_file, "%s\n", line);
    fflush(keylog_file);
}

int s_keylog_start(SSL_CTX *ctx, const char *path)
{
    if (keylog_file == NULL) {
        keylog_file = fopen(path, "a");
        if (keylog_file == NULL) {
            s_error("cannot open key log file %s: %s", path, strerror(errno));
            return 0;
        }
    }
    SSL_CTX_set_keylog_callback(ctx, keylog_line);
    return 1;
}
