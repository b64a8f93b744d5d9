/* Private keys for EncryptedAssertion: the key set behind --key. */
#include "crypto.h"
#include "../base/base.h"
#include <openssl/pem.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <limits.h>
#include <string.h>

/* sc_b64_decode of line-wrapped element content (CipherValue and
 * similar), for callers that need no reason. */
int sc_crypto_b64_decode(unsigned char **out, size_t *out_len, const char *s, size_t n)
{
    sc_b64_error e;
    return sc_b64_decode(out, out_len, s, n, SC_B64_XML_WS, &e);
}

int samlcheck_keyset_new(samlcheck_keyset **out)
{
    if (!out)
        return SAMLCHECK_EINVAL;
    *out = calloc(1, sizeof **out);
    return *out ? 0 : SAMLCHECK_ENOMEM;
}

int samlcheck_keyset_add_pem(samlcheck_keyset *ks, const unsigned char *pem, size_t len,
                             const char *name, samlcheck_error *err)
{
    /* BIO_new_mem_buf(buf, -1) would call strlen(): never let a size_t
     * wrap to a negative int */
    if (!ks || !pem)
        return sc_error_set(err, SAMLCHECK_EINVAL, name, "invalid argument: NULL key set or PEM");
    if (len > (size_t)INT_MAX)
        return sc_error_set(err, SAMLCHECK_EINVAL, name, "%s is too large to be a PEM private key",
                            name);
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    if (!bio)
        return SAMLCHECK_ENOMEM;
    sc_liberr_begin();
    EVP_PKEY *k = PEM_read_bio_PrivateKey(bio, NULL, NULL, (void *)"");
    BIO_free(bio);
    char cause[200] = "";
    if (!k)
        sc_liberr_cause(cause, sizeof cause, 0);
    ERR_clear_error();
    if (!k)
        return sc_error_set(err, SAMLCHECK_EINVAL, name,
                            "%s holds no unencrypted PEM private key%s%s%s", name,
                            cause[0] ? " (OpenSSL: " : "", cause, cause[0] ? ")" : "");
    EVP_PKEY **nk = realloc(ks->keys, (ks->n + 1) * sizeof *nk);
    if (!nk) {
        EVP_PKEY_free(k);
        return SAMLCHECK_ENOMEM;
    }
    ks->keys = nk;
    char **nn = realloc(ks->names, (ks->n + 1) * sizeof *nn);
    if (!nn) {
        EVP_PKEY_free(k);
        return SAMLCHECK_ENOMEM;
    }
    ks->names = nn;
    ks->names[ks->n] = sc_strdup(name);
    if (!ks->names[ks->n]) {
        EVP_PKEY_free(k);
        return SAMLCHECK_ENOMEM;
    }
    ks->keys[ks->n++] = k;
    return 0;
}

size_t samlcheck_keyset_count(const samlcheck_keyset *ks)
{
    return ks ? ks->n : 0;
}

void samlcheck_keyset_free(samlcheck_keyset *ks)
{
    if (!ks)
        return;
    for (size_t i = 0; i < ks->n; i++) {
        EVP_PKEY_free(ks->keys[i]);
        free(ks->names[i]);
    }
    free(ks->keys);
    free(ks->names);
    free(ks);
}
