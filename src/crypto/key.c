/* Private keys for EncryptedAssertion: the key set behind --key. */
#include "crypto.h"
#include "../base/base.h"
#include <openssl/pem.h>
#include <openssl/err.h>
#include <stdlib.h>
#include <string.h>

static int b64_val(unsigned char c)
{
    if (c >= 'A' && c <= 'Z')
        return c - 'A';
    if (c >= 'a' && c <= 'z')
        return c - 'a' + 26;
    if (c >= '0' && c <= '9')
        return c - '0' + 52;
    if (c == '+')
        return 62;
    if (c == '/')
        return 63;
    return -1;
}

int sc_crypto_b64_decode(unsigned char **out, size_t *out_len, const char *s, size_t n)
{
    unsigned char *buf = NULL;
    size_t o = 0, pad = 0, nsym = 0;
    unsigned acc = 0, nq = 0;
    int rc = SAMLCHECK_EINVAL;

    *out = NULL;
    *out_len = 0;
    buf = malloc(n / 4 * 3 + 4);
    if (!buf)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < n; i++) {
        unsigned char c = (unsigned char)s[i];
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r')
            continue;
        nsym++;
        if (c == '=') {
            if (++pad > 2)
                goto out;
            continue;
        }
        int v = b64_val(c);
        if (v < 0 || pad)
            goto out;
        acc = (acc << 6) | (unsigned)v;
        if (++nq == 4) {
            buf[o++] = (unsigned char)(acc >> 16);
            buf[o++] = (unsigned char)(acc >> 8);
            buf[o++] = (unsigned char)acc;
            acc = 0;
            nq = 0;
        }
    }
    if (nsym % 4 != 0 || (pad && nq + pad != 4))
        goto out;
    if (nq == 2) { /* 12 bits: one byte, 4 bits must be zero */
        if (acc & 0xFu)
            goto out;
        buf[o++] = (unsigned char)(acc >> 4);
    } else if (nq == 3) { /* 18 bits: two bytes, 2 bits must be zero */
        if (acc & 0x3u)
            goto out;
        buf[o++] = (unsigned char)(acc >> 10);
        buf[o++] = (unsigned char)(acc >> 2);
    } else if (nq != 0) {
        goto out;
    }
    buf[o] = 0;
    *out = buf;
    *out_len = o;
    buf = NULL;
    rc = 0;
out:
    free(buf);
    return rc;
}

int samlcheck_keyset_new(samlcheck_keyset **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : SAMLCHECK_ENOMEM;
}

int samlcheck_keyset_add_pem(samlcheck_keyset *ks, const unsigned char *pem, size_t len,
                             const char *name, samlcheck_error *err)
{
    BIO *bio = BIO_new_mem_buf(pem, (int)len);
    if (!bio)
        return SAMLCHECK_ENOMEM;
    EVP_PKEY *k = PEM_read_bio_PrivateKey(bio, NULL, NULL, (void *)"");
    BIO_free(bio);
    ERR_clear_error();
    if (!k)
        return sc_error_set(err, SAMLCHECK_EINVAL, name, "%s holds no unencrypted PEM private key",
                            name);
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
