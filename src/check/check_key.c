/* samlcheck key: a PEM private key as it would be uploaded to IAM with
 * AddPrivateKey (RULES.md section 8: key/size, key/not-pem, key/encrypted,
 * key/unsupported-type, key/too-small, key/mismatch case (b)), plus the
 * "more keys than IAM keeps" check over several key files
 * (config/too-many-keys, see docs/architecture.md "Decisions").
 *
 * The PEM armour is parsed here, not by OpenSSL's PEM reader, because the
 * rules are about the armour itself (labels, block count, headers); the DER
 * body is then handed to OpenSSL's d2i functions for the labelled
 * structure. Key material never leaves this file: the summary carries the
 * SHA-256 of the public key only. */
#include "samlcheck/check.h"
#include "../base/base.h"
#include "../crypto/crypto.h"
#include "../xml/metadata.h"
#include <openssl/decoder.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>
#include <stdlib.h>
#include <string.h>
#include "check/options.h"

#define KEY_MAX_CHARS 16384
#define MAX_BLOCKS 32
#define MAX_LABEL 64

typedef struct pem_block {
    char begin[MAX_LABEL + 1];
    char end[MAX_LABEL + 1];
    int has_end;
    int line;        /* line of the BEGIN */
    size_t body;     /* offset of the first body byte */
    size_t body_end; /* offset of the END line */
} pem_block;

typedef struct pem_scan {
    pem_block b[MAX_BLOCKS];
    size_t n;      /* blocks seen (capped at MAX_BLOCKS) */
    size_t total;  /* BEGIN lines seen */
    int stray_end; /* an END line outside any block */
} pem_scan;

/* ---- key/size ---- */

static int check_size(samlcheck_report *r, const unsigned char *d, size_t len, int binary)
{
    size_t chars = 0, bad_off = 0;
    uint32_t bad_cp = 0;
    int have_bad = 0, utf8 = 1, rc = 0;

    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = sc_utf8_decode(d + i, len - i, &cp);
        if (k == 0) {
            utf8 = 0;
            break;
        }
        i += k;
    }
    for (size_t i = 0; i < len;) {
        uint32_t cp;
        size_t k = 1;
        if (utf8)
            k = sc_utf8_decode(d + i, len - i, &cp);
        else
            cp = d[i]; /* Latin-1: one byte, one character */
        if (!have_bad && !(cp == 0x09 || cp == 0x0A || cp == 0x0D || (cp >= 0x20 && cp <= 0xFF))) {
            have_bad = 1;
            bad_cp = cp;
            bad_off = chars;
        }
        chars++;
        i += k;
    }
    if (chars == 0 || chars > KEY_MAX_CHARS)
        rc = sc_report_add(r, SC_RULE_KEY_SIZE, SC_POS_NONE,
                           "the key file is %zu characters long; AddPrivateKey accepts 1 to "
                           "16,384 characters",
                           chars);
    /* A binary file (DER, PKCS#12) is explained by key/not-pem; its bytes
     * are not also listed here (one root cause, one finding). */
    if (!rc && have_bad && !binary) {
        int line = 1;
        size_t c = 0;
        for (size_t i = 0; i < len && c < bad_off; c++) {
            size_t k = 1;
            uint32_t cp;
            if (utf8)
                k = sc_utf8_decode(d + i, len - i, &cp);
            if (d[i] == '\n')
                line++;
            i += k;
        }
        rc = sc_report_add(r, SC_RULE_KEY_SIZE, SC_POS_LINE(line),
                           "character U+%04X at character offset %zu (read as %s) is not "
                           "allowed; expected only TAB, LF, CR and U+0020 to U+00FF",
                           (unsigned)bad_cp, bad_off, utf8 ? "UTF-8" : "Latin-1");
    }
    return rc;
}

/* ---- PEM armour ---- */

/* "-----BEGIN X-----" / "-----END X-----" at the start of a line (trailing
 * spaces tolerated). Returns 1 and the label. */
static int armour_line(const char *line, size_t n, const char *kw, char *label)
{
    size_t kl = strlen(kw);
    while (n && (line[n - 1] == ' ' || line[n - 1] == '\t' || line[n - 1] == '\r'))
        n--;
    if (n < 5 + kl + 5 || memcmp(line, "-----", 5) != 0 || memcmp(line + 5, kw, kl) != 0 ||
        memcmp(line + n - 5, "-----", 5) != 0)
        return 0;
    size_t ll = n - 10 - kl;
    if (ll > MAX_LABEL)
        ll = MAX_LABEL;
    memcpy(label, line + 5 + kl, ll);
    label[ll] = 0;
    return 1;
}

static void scan_pem(pem_scan *s, const unsigned char *d, size_t len)
{
    pem_block *cur = NULL;
    int line_no = 0;
    char label[MAX_LABEL + 1];

    memset(s, 0, sizeof *s);
    /* A UTF-8 BOM is reported by key/size; it does not hide the armour. */
    size_t start = len >= 3 && memcmp(d, "\xEF\xBB\xBF", 3) == 0 ? 3 : 0;
    for (size_t off = start; off < len;) {
        const unsigned char *nl = memchr(d + off, '\n', len - off);
        size_t end = nl ? (size_t)(nl - d) : len;
        const char *line = (const char *)d + off;
        size_t n = end - off;
        line_no++;
        if (armour_line(line, n, "BEGIN ", label)) {
            s->total++;
            if (s->n < MAX_BLOCKS) {
                cur = &s->b[s->n++];
                memcpy(cur->begin, label, sizeof label);
                cur->line = line_no;
                cur->body = nl ? end + 1 : len;
            } else {
                cur = NULL;
            }
        } else if (armour_line(line, n, "END ", label)) {
            if (cur && !cur->has_end) {
                memcpy(cur->end, label, sizeof label);
                cur->has_end = 1;
                cur->body_end = off;
            } else {
                s->stray_end = 1;
            }
            cur = NULL;
        }
        off = nl ? end + 1 : len;
    }
}

static int is_text(const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (d[i] == 0 || (d[i] < 0x20 && d[i] != '\t' && d[i] != '\n' && d[i] != '\r'))
            return 0;
    return 1;
}

static int all_space(const unsigned char *d, size_t len)
{
    for (size_t i = 0; i < len; i++)
        if (!(d[i] == ' ' || d[i] == '\t' || d[i] == '\n' || d[i] == '\r'))
            return 0;
    return 1;
}

/* What a file without a PEM block is. Sets *binary for non-text inputs. */
static const char *classify_no_pem(const unsigned char *d, size_t len, int *binary)
{
    *binary = 0;
    if (len == 0 || all_space(d, len))
        return "the file is empty; expected one -----BEGIN PRIVATE KEY----- block";
    /* d is a buffer of len bytes, not a C string */
    if (sc_mem_starts(d, len, "ssh-") || sc_mem_starts(d, len, "ecdsa-sha2-"))
        return "the file is an OpenSSH public key line, not a PEM private key";
    if (sc_mem_starts(d, len, "PuTTY-User-Key-File"))
        return "the file is a PuTTY .ppk key; export it as PEM (puttygen key.ppk -O "
               "private-openssh -o key.pem, then openssl pkey -in key.pem -out key.pem)";
    if (is_text(d, len))
        return "no -----BEGIN ...----- line was found; expected one PEM block "
               "-----BEGIN PRIVATE KEY----- ... -----END PRIVATE KEY-----";
    *binary = 1;
    if (len > 1 && d[0] == 0x30 && len < (size_t)LONG_MAX) {
        const unsigned char *p = d;
        PKCS12 *p12 = d2i_PKCS12(NULL, &p, (long)len);
        if (p12) {
            PKCS12_free(p12);
            ERR_clear_error();
            return "the file is PKCS#12 (.pfx/.p12) binary; extract the key as PEM: "
                   "openssl pkcs12 -in idp.pfx -nocerts -nodes | openssl pkey -out key.pem";
        }
        p = d;
        X509 *x = d2i_X509(NULL, &p, (long)len);
        if (x) {
            X509_free(x);
            ERR_clear_error();
            return "the file is a DER (binary) certificate, not a private key";
        }
        ERR_clear_error();
        return "the file is DER (binary ASN.1); convert it to PEM: "
               "openssl pkey -inform DER -in key.der -out key.pem";
    }
    return "the file is binary, not a PEM text file";
}

/* Hint for a single block whose label is not a private-key label, or NULL
 * when the label is one of PRIVATE KEY, RSA PRIVATE KEY, EC PRIVATE KEY,
 * ENCRYPTED PRIVATE KEY. */
static const char *label_problem(const char *label)
{
    static const char *keys[] = {"PRIVATE KEY", "RSA PRIVATE KEY", "EC PRIVATE KEY",
                                 "ENCRYPTED PRIVATE KEY"};
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++)
        if (strcmp(label, keys[i]) == 0)
            return NULL;
    if (strcmp(label, "OPENSSH PRIVATE KEY") == 0)
        return "the key is in OpenSSH format; convert it with ssh-keygen -p -m PEM -f key "
               "(PKCS#1) or ssh-keygen -p -m PKCS8 -f key";
    if (strstr(label, "CERTIFICATE REQUEST"))
        return "the file is a certificate signing request, not a private key";
    if (strstr(label, "CERTIFICATE"))
        return "the file is a certificate (public), not the private key; upload the private "
               "key that belongs to it";
    if (strstr(label, "PUBLIC KEY"))
        return "the file is a public key, not the private key";
    if (strcmp(label, "DSA PRIVATE KEY") == 0)
        return "the label DSA PRIVATE KEY is not accepted (and IAM decryption keys are RSA)";
    if (strcmp(label, "PKCS12") == 0)
        return "the file is PKCS#12; extract the key as PEM";
    return "the label is not PRIVATE KEY (PKCS#8) or RSA PRIVATE KEY (PKCS#1)";
}

/* True when the block has RFC 1421 headers, and *encrypted when one says
 * Proc-Type: 4,ENCRYPTED. *body_at is set past the headers. */
static int pem_headers(const unsigned char *d, const pem_block *b, int *encrypted, size_t *body_at)
{
    size_t off = b->body;
    int any = 0;
    *encrypted = 0;
    *body_at = b->body;
    while (off < b->body_end) {
        const unsigned char *nl = memchr(d + off, '\n', b->body_end - off);
        size_t end = nl ? (size_t)(nl - d) : b->body_end;
        const char *line = (const char *)d + off;
        size_t n = end - off;
        if (!memchr(line, ':', n))
            break;
        any = 1;
        if (n >= 10 && sc_str_casestarts(line, "Proc-Type:")) {
            for (size_t i = 0; i + 9 <= n; i++)
                if (strncmp(line + i, "ENCRYPTED", 9) == 0)
                    *encrypted = 1;
        }
        off = end + 1;
    }
    *body_at = off;
    return any;
}

/* ---- the key ---- */

typedef struct key_facts {
    EVP_PKEY *pkey;     /* owned */
    const char *format; /* "PKCS#8", "PKCS#1", "SEC1" */
} key_facts;

/* Skip one DER TLV header at *off; returns the content length or -1. */
static long der_header(const unsigned char *d, size_t len, size_t *off)
{
    if (*off + 2 > len)
        return -1;
    size_t o = *off + 1;
    unsigned char l = d[o++];
    size_t n = l;
    if (l & 0x80) {
        unsigned k = l & 0x7Fu;
        if (k == 0 || k > 3 || o + k > len)
            return -1;
        n = 0;
        while (k--)
            n = (n << 8) | d[o++];
    }
    if (n > len - o)
        return -1;
    *off = o;
    return (long)n;
}

/* The structure is SEQUENCE { INTEGER version, <tag> ... }: PKCS#1 has an
 * INTEGER (0x02) next, SEC1 an OCTET STRING (0x04), PKCS#8 a SEQUENCE. */
static int second_tag_is(const unsigned char *d, size_t len, unsigned char tag)
{
    size_t off = 0;
    if (len < 2 || d[0] != 0x30 || der_header(d, len, &off) < 0)
        return 0;
    if (off >= len || d[off] != 0x02)
        return 0;
    long n = der_header(d, len, &off);
    if (n < 0)
        return 0;
    off += (size_t)n;
    return off < len && d[off] == tag;
}

/* Decode DER as exactly the key type's own structure (PKCS#1 RSAPrivateKey,
 * SEC1 ECPrivateKey), not PKCS#8, with no trailing bytes. NULL otherwise. */
static EVP_PKEY *decode_type_specific(const unsigned char *der, size_t len, const char *type)
{
    EVP_PKEY *pk = NULL;
    const unsigned char *p = der;
    size_t left = len;
    OSSL_DECODER_CTX *dc = OSSL_DECODER_CTX_new_for_pkey(&pk, "DER", "type-specific", type,
                                                         OSSL_KEYMGMT_SELECT_KEYPAIR, NULL, NULL);
    if (!dc)
        return NULL;
    if (!second_tag_is(der, len, strcmp(type, "RSA") == 0 ? 0x02 : 0x04) ||
        !OSSL_DECODER_from_data(dc, &p, &left) || left != 0) {
        EVP_PKEY_free(pk);
        pk = NULL;
    }
    OSSL_DECODER_CTX_free(dc);
    ERR_clear_error();
    return pk;
}

/* Parse the DER body as the labelled structure. 0 on success; EINVAL when
 * it does not parse (with *why); ENOMEM. */
static int parse_body(key_facts *kf, const char *label, const unsigned char *der, size_t len,
                      const char **why)
{
    const unsigned char *p = der;
    *why = NULL;
    if (len == 0 || len > (size_t)LONG_MAX) {
        *why = "the PEM body is empty";
        return SAMLCHECK_EINVAL;
    }
    if (strcmp(label, "PRIVATE KEY") == 0) {
        kf->format = "PKCS#8";
        PKCS8_PRIV_KEY_INFO *p8 = d2i_PKCS8_PRIV_KEY_INFO(NULL, &p, (long)len);
        if (p8 && p == der + len)
            kf->pkey = EVP_PKCS82PKEY(p8);
        PKCS8_PRIV_KEY_INFO_free(p8);
        if (!kf->pkey)
            *why = "the base64 body does not parse as a PKCS#8 PrivateKeyInfo";
    } else if (strcmp(label, "RSA PRIVATE KEY") == 0) {
        kf->format = "PKCS#1";
        kf->pkey = decode_type_specific(der, len, "RSA");
        if (!kf->pkey)
            *why = "the base64 body does not parse as a PKCS#1 RSAPrivateKey";
    } else {
        kf->format = "SEC1";
        kf->pkey = decode_type_specific(der, len, "EC");
        if (!kf->pkey)
            *why = "the base64 body does not parse as a SEC1 ECPrivateKey";
    }
    ERR_clear_error();
    return kf->pkey ? 0 : SAMLCHECK_EINVAL;
}

static const char *type_name(const EVP_PKEY *k)
{
    switch (EVP_PKEY_get_base_id(k)) {
    case EVP_PKEY_RSA: return "RSA";
    case EVP_PKEY_RSA_PSS: return "RSA-PSS";
    case EVP_PKEY_EC: return "EC";
    case EVP_PKEY_DSA: return "DSA";
    case EVP_PKEY_DH: return "DH";
    case EVP_PKEY_ED25519: return "Ed25519";
    case EVP_PKEY_ED448: return "Ed448";
    case EVP_PKEY_X25519: return "X25519";
    case EVP_PKEY_X448: return "X448";
    default: return "unknown";
    }
}

/* SHA-256 of the DER SubjectPublicKeyInfo, AA:BB:... */
static int pub_fingerprint(char *out, size_t size, EVP_PKEY *k)
{
    unsigned char *der = NULL, md[EVP_MAX_MD_SIZE];
    unsigned int mdlen = 0;
    int n = i2d_PUBKEY(k, &der);
    out[0] = 0;
    if (n <= 0 || !EVP_Digest(der, (size_t)n, md, &mdlen, EVP_sha256(), NULL)) {
        OPENSSL_free(der);
        ERR_clear_error();
        return SAMLCHECK_ECRYPTO;
    }
    OPENSSL_free(der);
    sc_hex_colon(out, size, md, mdlen);
    return 0;
}

static int set_str(json_t *o, const char *k, const char *v)
{
    return json_object_set_new(o, k, json_string(v ? v : "")) ? SAMLCHECK_ENOMEM : 0;
}

/* The summary's matches_certificate: the certificate the key belongs to. */
static int record_match(json_t *sum, const char *source, const char *subj, const char *sha1)
{
    json_t *m = json_object();
    if (!m || json_object_set_new(sum, "matches_certificate", m) || set_str(m, "source", source) ||
        set_str(m, "subject", subj) || set_str(m, "sha1", sha1))
        return SAMLCHECK_ENOMEM;
    return 0;
}

/* key/mismatch (b) against --encryption-cert; an unreadable certificate is
 * a usage error (@p err). */
static int check_encryption_cert(samlcheck_report *r, EVP_PKEY *k, const samlcheck_options *opts,
                                 json_t *sum, samlcheck_error *err)
{
    sc_cert_info ci;
    int rc = 0;

    memset(&ci, 0, sizeof ci);
    const char *name =
        opts->encryption_cert_name ? opts->encryption_cert_name : "--encryption-cert";
    X509 *x = sc_cert_parse_any(opts->encryption_cert, opts->encryption_cert_len);
    unsigned char *der = NULL;
    int der_len = x ? i2d_X509(x, &der) : 0;
    const char *why = NULL;
    if (!x || der_len <= 0 || sc_cert_inspect(&ci, der, (size_t)der_len, &why) != 0) {
        X509_free(x);
        OPENSSL_free(der);
        sc_cert_info_clear(&ci);
        return sc_error_set(err, SAMLCHECK_EINVAL, name,
                            "%s is not an X.509 certificate (PEM, DER or bare base64)", name);
    }
    OPENSSL_free(der);
    int eq = EVP_PKEY_eq(X509_get0_pubkey(x), k) == 1;
    X509_free(x);
    ERR_clear_error();
    char *subj = sc_str_escape(ci.subject ? ci.subject : "", 300);
    if (eq)
        rc = record_match(sum, name, subj, ci.sha1);
    else
        rc = sc_report_add(r, SC_RULE_KEY_MISMATCH, SC_POS_NONE,
                           "the private key's public key does not match the encryption "
                           "certificate %s (subject \"%s\", SHA-1 %s, %s %d bits); expected "
                           "the private key that belongs to the certificate the IdP "
                           "encrypts to",
                           name, subj ? subj : "", ci.sha1, ci.key_type ? ci.key_type : "?",
                           ci.key_bits);
    free(subj);
    sc_cert_info_clear(&ci);
    return rc;
}

/* key/mismatch (b) against the encryption-capable certificates of
 * metadata @p md: the one that matches, or the first one in the finding. */
static int check_metadata_certs(samlcheck_report *r, EVP_PKEY *k, const samlcheck_metadata *md,
                                json_t *sum)
{
    sc_cert_info ci;
    int rc = 0;

    memset(&ci, 0, sizeof ci);
    size_t candidates = 0;
    const sc_md_cert *first = NULL, *match = NULL;
    for (size_t i = 0; i < md->n_certs && !match; i++) {
        const sc_md_cert *c = &md->certs[i];
        if (!c->encryption || !c->der || c->der_len > (size_t)LONG_MAX)
            continue;
        const unsigned char *p = c->der;
        X509 *x = d2i_X509(NULL, &p, (long)c->der_len);
        if (!x)
            continue;
        candidates++;
        if (!first)
            first = c;
        if (EVP_PKEY_eq(X509_get0_pubkey(x), k) == 1)
            match = c;
        X509_free(x);
    }
    ERR_clear_error();
    const sc_md_cert *shown = match ? match : first;
    const char *why = NULL;
    if (shown && sc_cert_inspect(&ci, shown->der, shown->der_len, &why) == 0) {
        char *subj = sc_str_escape(ci.subject ? ci.subject : "", 300);
        if (match)
            rc = record_match(sum, md->name, subj, ci.sha1);
        else
            rc = sc_report_add(r, SC_RULE_KEY_MISMATCH, SC_POS_NONE,
                               "the private key's public key matches none of the %zu "
                               "encryption certificate(s) in the metadata %s (first: subject "
                               "\"%s\", SHA-1 %s); expected the private key of the "
                               "certificate the IdP encrypts to",
                               candidates, md->name ? md->name : "", subj ? subj : "", ci.sha1);
        free(subj);
    }
    sc_cert_info_clear(&ci);
    return rc;
}

/* key/mismatch (b): the key's public part against --encryption-cert and
 * the metadata's encryption-capable certificates. */
static int check_mismatch(samlcheck_report *r, EVP_PKEY *k, const samlcheck_options *opts,
                          json_t *sum, samlcheck_error *err)
{
    int rc = 0;
    if (opts && opts->encryption_cert && (rc = check_encryption_cert(r, k, opts, sum, err)))
        return rc;
    if (opts && opts->metadata)
        rc = check_metadata_certs(r, k, opts->metadata, sum);
    return rc;
}

static int analyse_key(samlcheck_report *r, EVP_PKEY *k, const char *format,
                       const samlcheck_options *opts, samlcheck_error *err)
{
    json_t *sum = sc_report_summary(r);
    char fp[100];
    int bits = EVP_PKEY_get_bits(k), rc;
    const char *type = type_name(k);

    if ((rc = pub_fingerprint(fp, sizeof fp, k)))
        return rc;
    if (set_str(sum, "format", format) || set_str(sum, "type", type) ||
        json_object_set_new(sum, "bits", json_integer(bits)) ||
        set_str(sum, "public_key_sha256", fp))
        return SAMLCHECK_ENOMEM;
    if (EVP_PKEY_get_base_id(k) != EVP_PKEY_RSA) {
        rc = sc_report_add(r, SC_RULE_KEY_UNSUPPORTED_TYPE, SC_POS_NONE,
                           "the private key is %s (%d bits, %s); expected RSA: XML Encryption "
                           "key transport in SAML (rsa-oaep-mgf1p, xmlenc11#rsa-oaep, rsa-1_5) "
                           "uses RSA",
                           type, bits, format);
        if (rc)
            return rc;
    } else if (bits < 2048) {
        if ((rc = sc_report_add(r, SC_RULE_KEY_TOO_SMALL, SC_POS_NONE,
                                "the RSA key has %d bits; expected at least 2048", bits)))
            return rc;
    }
    return check_mismatch(r, k, opts, sum, err);
}

/* More than one PEM block: key/not-pem, naming them. */
static int report_blocks(samlcheck_report *r, const pem_scan *s)
{
    int rc;
    sc_buf labels = SC_BUF_INIT;
    labels.max = 1024;
    for (size_t i = 0; i < s->n; i++)
        sc_buf_printf(&labels, "%s%s", i ? ", " : "", s->b[i].begin);
    char *esc = sc_str_escape(labels.data ? labels.data : "", 600);
    rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(s->b[1].line),
                       "the file holds %zu PEM blocks (%s); expected exactly one private-key "
                       "block, without certificates or other keys",
                       s->total, esc ? esc : "");
    free(esc);
    sc_buf_free(&labels);
    return rc;
}

/* The one PEM block @p b (label @p label, escaped): its lines and label, then
 * its body decoded into *@p der and parsed into *@p kf, then the key. */
static int check_block(samlcheck_report *r, const unsigned char *data, const pem_block *b,
                       int stray_end, const char *label, const samlcheck_options *opts,
                       samlcheck_error *err, unsigned char **der, size_t *der_len, key_facts *kf)
{
    int rc = 0;
    const char *hint;
    if (!b->has_end || stray_end) {
        rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(b->line),
                           "the PEM block -----BEGIN %s----- has no matching -----END %s----- "
                           "line",
                           label, label);
    } else if (strcmp(b->begin, b->end) != 0) {
        char *end = sc_str_escape(b->end, MAX_LABEL);
        rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(b->line),
                           "the BEGIN label \"%s\" and the END label \"%s\" differ; expected "
                           "the same label in both lines",
                           label, end ? end : "");
        free(end);
    } else if ((hint = label_problem(b->begin)) != NULL) {
        rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(b->line), "-----BEGIN %s-----: %s",
                           label, hint);
    } else {
        int encrypted = 0;
        size_t body_at = 0;
        int headers = pem_headers(data, b, &encrypted, &body_at);
        if (strcmp(b->begin, "ENCRYPTED PRIVATE KEY") == 0 || encrypted) {
            rc = sc_report_add(r, SC_RULE_KEY_ENCRYPTED, SC_POS_LINE(b->line),
                               "the private key is password-protected (%s); expected an "
                               "unencrypted key",
                               encrypted ? "Proc-Type: 4,ENCRYPTED header"
                                         : "label ENCRYPTED PRIVATE KEY, PKCS#8 encrypted");
        } else if (headers && strcmp(b->begin, "PRIVATE KEY") == 0) {
            rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(b->line + 1),
                               "the PRIVATE KEY block has header lines; PKCS#8 PEM has none");
        } else if ((rc = sc_crypto_b64_decode(der, der_len, (const char *)data + body_at,
                                              b->body_end - body_at)) == SAMLCHECK_ENOMEM) {
            /* fall through to out */
        } else if (rc) {
            rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(b->line + 1),
                               "the body of the %s block is not valid base64", label);
        } else {
            const char *why = NULL;
            rc = parse_body(kf, b->begin, *der, *der_len, &why);
            if (rc == SAMLCHECK_EINVAL)
                rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_LINE(b->line + 1), "%s", why);
            else if (!rc)
                rc = analyse_key(r, kf->pkey, kf->format, opts, err);
        }
    }
    return rc;
}

int samlcheck_check_key(samlcheck_report *r, const unsigned char *data, size_t len,
                        const samlcheck_options *opts, samlcheck_error *err)
{
    pem_scan *s = NULL;
    unsigned char *der = NULL;
    size_t der_len = 0;
    key_facts kf = {NULL, NULL};
    int rc = 0, binary = 0;
    const char *hint = NULL;

    if (!r || !data)
        return sc_arg_null(err, !r ? "r" : "data");
    if (sc_options_check(opts, err))
        return SAMLCHECK_EINVAL;
    s = malloc(sizeof *s);
    if (!s)
        return SAMLCHECK_ENOMEM;
    scan_pem(s, data, len);
    if (s->total == 0)
        hint = classify_no_pem(data, len, &binary);
    if ((rc = check_size(r, data, len, binary)))
        goto out;
    if (hint) {
        rc = sc_report_add(r, SC_RULE_KEY_NOT_PEM, SC_POS_NONE, "%s", hint);
        goto out;
    }
    if (s->total > 1) {
        rc = report_blocks(r, s);
        goto out;
    }
    pem_block *b = &s->b[0];
    char *label = sc_str_escape(b->begin, MAX_LABEL);
    if (!label) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    rc = check_block(r, data, b, s->stray_end, label, opts, err, &der, &der_len, &kf);
    free(label);
out:
    if (der)
        OPENSSL_cleanse(der, der_len);
    free(der);
    EVP_PKEY_free(kf.pkey);
    free(s);
    ERR_clear_error();
    return rc;
}

int samlcheck_check_key_count(samlcheck_report *r, size_t position, size_t total)
{
    if (!r)
        return SAMLCHECK_EINVAL;
    if (total <= 2 || position < 2)
        return 0;
    return sc_report_add(r, SC_RULE_CONFIG_TOO_MANY_KEYS, SC_POS_NONE,
                         "this is key %zu of %zu given together; an IAM SAML provider keeps at "
                         "most 2 private keys, so adding it fails until an old key is removed",
                         position + 1, total);
}
