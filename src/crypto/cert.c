/* X.509 inspection (STUB until the metadata work lands). */
#include "crypto.h"
#include <stdlib.h>
#include <string.h>

int sc_cert_decode_b64(unsigned char **der_out, size_t *der_len, const char *text,
                       const char **why)
{
    (void)text;
    *der_out = NULL;
    *der_len = 0;
    *why = "not implemented";
    return SAMLCHECK_EINVAL;
}

int sc_cert_inspect(sc_cert_info *out, const unsigned char *der, size_t len, const char **why)
{
    (void)der;
    (void)len;
    memset(out, 0, sizeof *out);
    *why = "not implemented";
    return SAMLCHECK_EINVAL;
}

void sc_cert_info_clear(sc_cert_info *ci)
{
    if (!ci)
        return;
    X509_free(ci->x509);
    free(ci->subject);
    free(ci->issuer);
    free(ci->dup_ext_oid);
    memset(ci, 0, sizeof *ci);
}
