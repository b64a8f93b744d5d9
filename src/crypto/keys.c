/* The trust material's keys, decoded once (issue 14 item 3). Every distinct
 * certificate of the metadata is parsed when the metadata is loaded (by the
 * metadata checks, which parse it anyway) and kept here with its public key,
 * so that a signature is verified with the bare EVP_PKEY and never by
 * decoding a certificate again. The keys are indexed by SHA-256 of the
 * certificate DER, of the SubjectPublicKeyInfo, of issuer and serial, of
 * the RSA modulus and exponent, and of the subject key identifier, so that a
 * KeyInfo hint finds its key in O(1) (open addressing, keyed slot function:
 * crafted certificates cannot pile up in one probe chain).
 *
 * Read-only once sc_keys_finish returned: any number of threads may look
 * keys up and verify with them (docs/api.md threading contract). OpenSSL's
 * lazily cached certificate fields (extensions, fingerprint) are filled
 * here, before the index is shared. */
#include "crypto.h"
#include "../xml/metadata.h"
#include "../base/base.h"
#include <openssl/bn.h>
#include <openssl/core_names.h>
#include <openssl/err.h>
#include <openssl/x509v3.h>
#include <stdlib.h>
#include <string.h>

typedef struct slot {
    unsigned key1; /* index + 1 into keys[]; 0 = empty */
    unsigned char by;
} slot;

struct sc_keys {
    sc_trust_key *keys;
    size_t n, cap;
    slot *slots; /* one table for every kind of hash */
    size_t mask;
    uint64_t mul[4]; /* slot function key (odd multipliers) */
    const sc_trust_key *cand[SC_KEYS_MAX_CANDIDATES];
    size_t n_cand;
    int capped;
};

int sc_keys_hash(unsigned char out[SC_KEY_HASH_LEN], const unsigned char *d, size_t n)
{
    unsigned int hl = 0;
    if (EVP_Digest(d, n, out, &hl, EVP_sha256(), NULL) != 1 || hl != SC_KEY_HASH_LEN) {
        ERR_clear_error();
        return -1;
    }
    return 0;
}

/* Multiply-shift over the four words of the digest, keyed per index. */
static size_t slot_of(const sc_keys *k, int by, const unsigned char *h)
{
    uint64_t acc = (uint64_t)by * 0x9e3779b97f4a7c15ULL;
    for (int i = 0; i < 4; i++) {
        uint64_t w;
        memcpy(&w, h + 8 * i, sizeof w);
        acc += w * k->mul[i];
    }
    return (size_t)(acc >> 20) & k->mask;
}

static void table_put(sc_keys *k, int by, size_t key)
{
    for (size_t s = slot_of(k, by, k->keys[key].h[by]);; s = (s + 1) & k->mask)
        if (!k->slots[s].key1) {
            k->slots[s].key1 = (unsigned)key + 1;
            k->slots[s].by = (unsigned char)by;
            return;
        }
}

const sc_trust_key *sc_keys_find(const sc_keys *k, int by, const unsigned char *h)
{
    const sc_trust_key *best = NULL;
    if (!k || !k->slots || by < 0 || by >= SC_KEY_BY_N || !h)
        return NULL;
    /* every key with this hash lies on the probe chain before the first
     * empty slot; the earliest in document order wins */
    for (size_t s = slot_of(k, by, h); k->slots[s].key1; s = (s + 1) & k->mask) {
        const sc_trust_key *t = &k->keys[k->slots[s].key1 - 1];
        if (k->slots[s].by == by && (t->have & (1u << by)) &&
            memcmp(t->h[by], h, SC_KEY_HASH_LEN) == 0 && (!best || t < best))
            best = t;
    }
    return best;
}

int sc_keys_new(sc_keys **out, size_t max)
{
    *out = NULL;
    if (max > SC_MD_KEYS_MAX)
        max = SC_MD_KEYS_MAX;
    sc_keys *k = calloc(1, sizeof *k);
    if (!k)
        return SAMLCHECK_ENOMEM;
    k->cap = max;
    if (max && !(k->keys = calloc(max, sizeof *k->keys))) {
        free(k);
        return SAMLCHECK_ENOMEM;
    }
    *out = k;
    return 0;
}

/* The key's hashes other than the DER's. */
static int key_hashes(sc_trust_key *t)
{
    unsigned char *d = NULL;
    int dl;
    /* SubjectPublicKeyInfo as it appears in the certificate */
    if ((dl = i2d_X509_PUBKEY(X509_get_X509_PUBKEY(t->x509), &d)) > 0 &&
        sc_keys_hash(t->h[SC_KEY_BY_SPKI], d, (size_t)dl) == 0)
        t->have |= 1u << SC_KEY_BY_SPKI;
    OPENSSL_free(d);
    d = NULL;
    /* issuer name (DER) and serial (DER INTEGER content) */
    const X509_NAME *iss = X509_get_issuer_name(t->x509);
    char *is = sc_cert_name_oneline(iss);
    const ASN1_INTEGER *ser = X509_get0_serialNumber(t->x509);
    BIGNUM *bn = ser ? ASN1_INTEGER_to_BN(ser, NULL) : NULL;
    char *dec = bn ? BN_bn2dec(bn) : NULL;
    if (is && dec && sc_keys_issuer_serial_hash(t->h[SC_KEY_BY_ISSUER_SERIAL], is, dec) == 0)
        t->have |= 1u << SC_KEY_BY_ISSUER_SERIAL;
    free(is);
    OPENSSL_free(dec);
    BN_free(bn);
    /* RSA modulus and exponent (ds:RSAKeyValue) */
    BIGNUM *n = NULL, *e = NULL;
    if (t->pkey && EVP_PKEY_get_base_id(t->pkey) == EVP_PKEY_RSA &&
        EVP_PKEY_get_bn_param(t->pkey, OSSL_PKEY_PARAM_RSA_N, &n) == 1 &&
        EVP_PKEY_get_bn_param(t->pkey, OSSL_PKEY_PARAM_RSA_E, &e) == 1) {
        int nl = BN_num_bytes(n), el = BN_num_bytes(e);
        unsigned char *nb = malloc((size_t)nl + 1), *eb = malloc((size_t)el + 1);
        if (nb && eb && BN_bn2bin(n, nb) == nl && BN_bn2bin(e, eb) == el &&
            sc_keys_rsa_hash(t->h[SC_KEY_BY_RSA], nb, (size_t)nl, eb, (size_t)el) == 0)
            t->have |= 1u << SC_KEY_BY_RSA;
        free(nb);
        free(eb);
    }
    BN_free(n);
    BN_free(e);
    /* subject key identifier (ds:X509SKI) */
    const ASN1_OCTET_STRING *ski = X509_get0_subject_key_id(t->x509);
    if (ski && ASN1_STRING_length(ski) > 0 &&
        sc_keys_hash(t->h[SC_KEY_BY_SKI], ASN1_STRING_get0_data(ski),
                     (size_t)ASN1_STRING_length(ski)) == 0)
        t->have |= 1u << SC_KEY_BY_SKI;
    ERR_clear_error();
    return 0;
}

int sc_keys_issuer_serial_hash(unsigned char out[SC_KEY_HASH_LEN], const char *issuer,
                               const char *serial_dec)
{
    sc_buf b = SC_BUF_INIT;
    int rc = sc_buf_printf(&b, "%s%c%s", issuer, 0, serial_dec);
    if (!rc)
        rc = sc_keys_hash(out, (const unsigned char *)b.data, b.len);
    sc_buf_free(&b);
    return rc ? -1 : 0;
}

int sc_keys_rsa_hash(unsigned char out[SC_KEY_HASH_LEN], const unsigned char *n, size_t nl,
                     const unsigned char *e, size_t el)
{
    /* unsigned big-endian without leading zero bytes, length-prefixed */
    while (nl && !*n)
        n++, nl--;
    while (el && !*e)
        e++, el--;
    if (!nl || !el || nl > 4096 || el > 4096)
        return -1;
    unsigned char *b = malloc(4 + nl + el);
    if (!b)
        return -1;
    b[0] = (unsigned char)(nl >> 8);
    b[1] = (unsigned char)nl;
    memcpy(b + 2, n, nl);
    b[2 + nl] = (unsigned char)(el >> 8);
    b[3 + nl] = (unsigned char)el;
    memcpy(b + 4 + nl, e, el);
    int rc = sc_keys_hash(out, b, 4 + nl + el);
    free(b);
    return rc;
}

int sc_keys_add(sc_keys *k, size_t cert, const unsigned char *der, size_t len, X509 *x, int signing,
                const char *degenerate)
{
    unsigned char h[SC_KEY_HASH_LEN];
    if (!der || !x || sc_keys_hash(h, der, len))
        return 0; /* not a usable key */
    /* the same DER again: the key it already has */
    sc_trust_key *t = (sc_trust_key *)sc_keys_find(k, SC_KEY_BY_DER, h);
    if (!t) {
        if (k->n >= k->cap)
            return 0; /* beyond the cap: never a key (sec/limits bounds it) */
        if (!k->slots) {
            size_t tcap = 16;
            while (tcap < 2 * (size_t)SC_KEY_BY_N * k->cap)
                tcap <<= 1;
            if (!(k->slots = calloc(tcap, sizeof *k->slots)))
                return SAMLCHECK_ENOMEM;
            k->mask = tcap - 1;
            if (sc_random_salt(k->mul, sizeof k->mul) != 0) {
                for (int i = 0; i < 4; i++)
                    k->mul[i] = 0x9e3779b97f4a7c15ULL * (uint64_t)(i + 3);
            }
            for (int i = 0; i < 4; i++)
                k->mul[i] |= 1;
        }
        if (X509_up_ref(x) != 1)
            return SAMLCHECK_ENOMEM;
        t = &k->keys[k->n];
        memset(t, 0, sizeof *t);
        t->x509 = x;
        t->pkey = X509_get0_pubkey(x);
        t->cert = cert;
        t->der = der;
        t->der_len = len;
        memcpy(t->h[SC_KEY_BY_DER], h, sizeof h);
        t->have = 1u << SC_KEY_BY_DER;
        if (degenerate && degenerate[0])
            snprintf(t->degenerate, sizeof t->degenerate, "%s", degenerate);
        /* fill OpenSSL's lazily cached fields now, before sharing */
        (void)X509_check_purpose(x, -1, 0);
        ERR_clear_error();
        table_put(k, SC_KEY_BY_DER, k->n);
        k->n++;
    }
    if (signing && !t->signing) {
        t->signing = 1;
        /* the candidates: the first distinct signing certificates, in
         * document order, as many as IAM keeps */
        if (k->n_cand < SC_KEYS_MAX_CANDIDATES)
            k->cand[k->n_cand++] = t;
        else
            k->capped = 1;
    }
    return 0;
}

int sc_keys_finish(sc_keys *k)
{
    for (size_t i = 0; i < k->n; i++) {
        key_hashes(&k->keys[i]);
        for (int by = SC_KEY_BY_DER + 1; by < SC_KEY_BY_N; by++)
            if (k->keys[i].have & (1u << by))
                table_put(k, by, i);
    }
    return 0;
}

size_t sc_keys_candidates(const sc_keys *k, const sc_trust_key *const **cand, int *capped)
{
    *cand = k ? k->cand : NULL;
    *capped = k ? k->capped : 0;
    return k ? k->n_cand : 0;
}

size_t sc_keys_count(const sc_keys *k)
{
    return k ? k->n : 0;
}

const sc_trust_key *sc_keys_at(const sc_keys *k, size_t i)
{
    return k && i < k->n ? &k->keys[i] : NULL;
}

void sc_keys_free(sc_keys *k)
{
    if (!k)
        return;
    for (size_t i = 0; i < k->n; i++)
        X509_free(k->keys[i].x509);
    free(k->keys);
    free(k->slots);
    free(k);
}

int sc_keys_build_md(samlcheck_metadata *md)
{
    sc_keys *k = NULL;
    int rc = sc_keys_new(&k, md->n_certs);
    for (size_t i = 0; !rc && i < md->n_certs; i++) {
        const sc_md_cert *c = &md->certs[i];
        if (!c->der || c->der_len > 1024 * 1024)
            continue;
        const unsigned char *p = c->der;
        X509 *x = d2i_X509(NULL, &p, (long)c->der_len);
        if (x && p == c->der + c->der_len) {
            char why[160];
            if (!sc_cert_key_degenerate(x, why, sizeof why))
                why[0] = '\0';
            rc = sc_keys_add(k, i, c->der, c->der_len, x, c->signing, why);
        }
        X509_free(x);
        ERR_clear_error();
    }
    if (!rc)
        rc = sc_keys_finish(k);
    if (rc) {
        sc_keys_free(k);
        return rc;
    }
    if (md->keys && md->keys_free)
        md->keys_free(md->keys);
    md->keys = k;
    md->keys_free = sc_keys_free;
    return 0;
}
