#ifndef SC_CRYPTO_H
#define SC_CRYPTO_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The crypto layer: X.509 inspection, XML-DSig verification with the
 * signature-wrapping defence, EncryptedAssertion decryption, private keys.
 * Trust comes from the metadata alone; nothing here reads the system CA
 * store. */

#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <openssl/evp.h>
#include <openssl/x509.h>
#include <jansson.h>
#include "samlcheck/check.h"
#include "../report/sc_report.h"

/* ---- cert.c: X.509 inspection ---- */
typedef struct sc_cert_info {
    X509 *x509;    /* owned; NULL when the DER did not parse */
    char *subject; /* owned, RFC 2253 one-line */
    char *issuer;  /* owned */
    char sha1[60]; /* AA:BB:... fingerprint of the DER */
    char sha256[100];
    const char *key_type; /* static: "RSA", "EC", "DSA", "Ed25519", ... */
    int key_bits;
    long long not_before; /* Unix seconds */
    long long not_after;
    char *dup_ext_oid;    /* owned; first extension OID that repeats, or NULL */
    int version;          /* 1..3 */
    char degenerate[160]; /* why the public key is degenerate
                               (metadata/cert-key-degenerate), or "" */
} sc_cert_info;

/* Decode an <X509Certificate> text value: remove XML whitespace, strict
 * base64, exactly one DER certificate with no trailing bytes. On failure
 * returns SAMLCHECK_EINVAL with a reason in @p why (static text or owned by
 * nobody) and *der_out NULL. */
int sc_cert_decode_b64(unsigned char **der_out, size_t *der_len, const char *text,
                       const char **why);
/* Parse DER and fill @p out (caller frees with sc_cert_info_clear). Returns
 * 0, SAMLCHECK_EINVAL (not a certificate; @p why says why) or ENOMEM. */
int sc_cert_inspect(sc_cert_info *out, const unsigned char *der, size_t len, const char **why);
/* sc_cert_decode_b64 that also hands over the certificate it parsed to
 * check the DER (*x_out, caller frees with X509_free; NULL on failure), so
 * that callers which inspect it next do not parse it again. */
int sc_cert_decode_b64_x509(unsigned char **der_out, size_t *der_len, X509 **x_out,
                            const char *text, const char **why);
/* The two steps of sc_cert_decode_b64_x509: the text to DER (no parsing),
 * and the DER to one certificate with nothing after it. Same reasons. */
int sc_cert_b64_to_der(unsigned char **der_out, size_t *der_len, const char *text,
                       const char **why);
int sc_cert_der_to_x509(X509 **x_out, const unsigned char *der, size_t len, const char **why);
/* sc_cert_inspect of an already parsed certificate @p x (taken: owned by
 * out->x509 on success, freed on failure) whose DER is @p der. */
int sc_cert_inspect_take(sc_cert_info *out, X509 *x, const unsigned char *der, size_t len,
                         const char **why);
void sc_cert_info_clear(sc_cert_info *ci);
/* RULES.md metadata/cert-key-degenerate: is the public key of @p x one that
 * anyone can forge signatures for without the private key? RSA: public
 * exponent 0, 1 or even, or not smaller than the modulus, or an even
 * modulus; EC: a point that is not on its curve (or the point at infinity).
 * Returns 1 with the reason in @p why (may be NULL), 0 when the key is sound
 * or of another type. Never leaves OpenSSL errors queued. */
int sc_cert_key_degenerate(const X509 *x, char *why, size_t size);
/* RFC 2253 one-line form of a name (malloc'd), or NULL. */
char *sc_cert_name_oneline(const X509_NAME *nm);
/* Digest of @p der as AA:BB:... into @p buf (size >= 3 * digest size).
 * Returns 0, or -1 when the digest fails or does not fit. */
int sc_cert_fingerprint(char *buf, size_t size, const EVP_MD *md, const unsigned char *der,
                        size_t len);

/* ---- keys.c: the metadata's certificates decoded once (trust material) ---- */
/* IAM keeps at most 10 signing keys per SAML provider (DOC-QUOTAS;
 * metadata/too-many-keys); candidates beyond that are never tried. */
#define SC_KEYS_MAX_CANDIDATES 10
#define SC_KEY_HASH_LEN 32 /* SHA-256 */

/* What a KeyInfo hint can name a key by. */
enum {
    SC_KEY_BY_DER = 0,       /* SHA-256 of the certificate DER (X509Certificate) */
    SC_KEY_BY_SPKI,          /* SHA-256 of the SubjectPublicKeyInfo DER */
    SC_KEY_BY_ISSUER_SERIAL, /* sc_keys_issuer_serial_hash (X509IssuerSerial) */
    SC_KEY_BY_RSA,           /* sc_keys_rsa_hash (KeyValue/RSAKeyValue) */
    SC_KEY_BY_SKI,           /* SHA-256 of the subject key identifier (X509SKI) */
    SC_KEY_BY_N
};

/* One distinct certificate of the metadata, parsed once. */
typedef struct sc_trust_key {
    X509 *x509;               /* owned */
    EVP_PKEY *pkey;           /* borrowed from x509; NULL when it does not decode */
    size_t cert;              /* index in md->certs of its first occurrence */
    const unsigned char *der; /* borrowed from md->certs[cert].der */
    size_t der_len;
    int signing;          /* some occurrence is a signing certificate */
    char degenerate[160]; /* sc_cert_key_degenerate's reason, or "" */
    unsigned have;        /* bit SC_KEY_BY_x: h[x] is set */
    unsigned char h[SC_KEY_BY_N][SC_KEY_HASH_LEN];
} sc_trust_key;

typedef struct sc_keys sc_keys;
#define SC_MD_KEYS_MAX 10000

/* Build: sc_keys_new for at most @p max distinct certificates, sc_keys_add
 * for each decoded certificate in document order (@p x is up-referenced;
 * a DER seen before only adds its use), then sc_keys_finish. Read-only and
 * safe to share between threads afterwards. */
int sc_keys_new(sc_keys **out, size_t max);
int sc_keys_add(sc_keys *k, size_t cert, const unsigned char *der, size_t len, X509 *x, int signing,
                const char *degenerate);
int sc_keys_finish(sc_keys *k);
void sc_keys_free(sc_keys *k);
/* Decode md->certs' DER and attach the index to @p md (a model built
 * without the metadata checks, which otherwise build it from the
 * certificates they parse). 0 or ENOMEM. */
int sc_keys_build_md(samlcheck_metadata *md);
/* The first key (document order) whose hash of kind @p by is @p h, or NULL. */
const sc_trust_key *sc_keys_find(const sc_keys *k, int by, const unsigned char *h);
/* The candidates IAM keeps: the first SC_KEYS_MAX_CANDIDATES distinct
 * signing certificates in document order; *capped when there are more. */
size_t sc_keys_candidates(const sc_keys *k, const sc_trust_key *const **cand, int *capped);
size_t sc_keys_count(const sc_keys *k);
const sc_trust_key *sc_keys_at(const sc_keys *k, size_t i);
/* The hash functions of the index, for hints. 0 or -1. */
int sc_keys_hash(unsigned char out[SC_KEY_HASH_LEN], const unsigned char *d, size_t n);
int sc_keys_issuer_serial_hash(unsigned char out[SC_KEY_HASH_LEN], const char *issuer,
                               const char *serial_dec);
int sc_keys_rsa_hash(unsigned char out[SC_KEY_HASH_LEN], const unsigned char *n, size_t nl,
                     const unsigned char *e, size_t el);

/* ---- key.c: private keys ---- */
struct samlcheck_keyset {
    EVP_PKEY **keys; /* owned */
    char **names;    /* owned */
    size_t n;
};

/* sc_b64_decode(SC_B64_XML_WS) for callers that need no reason: base64
 * text, XML whitespace (TAB, LF, CR, SPACE) skipped; strict otherwise
 * (alphabet, '=' padding only at the end, no stray bits). Returns 0 with
 * *out malloc'd (NUL-terminated, not counted), EINVAL or ENOMEM. */
int sc_crypto_b64_decode(unsigned char **out, size_t *out_len, const char *s, size_t n);

/* ---- verify.c: XML-DSig with the signature-wrapping defence ---- */
typedef struct sc_sig_outcome {
    int response_signed; /* an applicable signature on R is present */
    int response_valid;  /* ... and it verified with a metadata key (without
                                 --metadata: with its embedded certificate, which
                                 never makes it trusted) */
    int assertion_signed;
    int assertion_valid;
    int trusted;        /* step 5 of response/signature-wrapping holds */
    int security_error; /* a sec rule (or wrapping) error was reported */
    int unchecked;      /* without metadata, a signature had no certificate to
                           check its SignatureValue with (verdict not-verified) */
    int reindented;     /* a digest mismatch came with the marks of a document
                           re-indented after signing (reported once, by
                           response/signature-invalid) */
} sc_sig_outcome;

/* Check the signatures of a parsed response. @p R is the root Response,
 * @p A the single Assertion or EncryptedAssertion (a direct child of R) or
 * NULL when response/assertion-count failed. Reports response/unsigned
 * (unless A is an EncryptedAssertion and R is unsigned: that is judged after
 * decryption), response/signature-*, sec/reference-uri, sec/transforms,
 * sec/no-external-fetch, and adds "signature" details to @p summary.
 * When a signature's digest mismatch comes with the marks of re-indenting
 * (out->reindented), the line breaks and indentation added around the
 * values of the element it signs are removed from the document, so that
 * the claims read afterwards are not reported once per value.
 * Returns 0 or a negative SAMLCHECK_E* code. */
int sc_verify_response(sc_sig_outcome *out, xmlDocPtr doc, xmlNode *R, xmlNode *A,
                       const samlcheck_options *opts, samlcheck_report *r, json_t *summary);

/* The metadata key that the KeyInfo of ds:Signature @p sig names among the
 * candidates (the one tried first), or NULL when it names none of them;
 * *hint_known as for response/signature-cert-unknown. For tests. */
const sc_trust_key *sc_verify_hinted_key(xmlNode *sig, const samlcheck_metadata *md,
                                         int *hint_known);

/* After decryption: verify the decrypted Assertion's own signature and apply
 * sec/decrypted-unsigned (using @p outer, the outcome for the Response). */
int sc_verify_decrypted(sc_sig_outcome *out, const sc_sig_outcome *outer, xmlDocPtr doc, xmlNode *A,
                        const samlcheck_options *opts, samlcheck_report *r, json_t *summary);

/* A certificate as PEM, DER or bare base64 into DER (*der_out malloc'ed).
 * 0, SAMLCHECK_EINVAL (not a certificate) or SAMLCHECK_ENOMEM. */
/* A certificate as PEM, DER or bare base64 (command-line files); NULL when
 * none. Caller frees with X509_free. */
X509 *sc_cert_parse_any(const unsigned char *d, size_t len);
int sc_cert_load_der(unsigned char **der_out, size_t *der_len, const unsigned char *d, size_t len);

/* Verify the enveloped ds:Signature of IdP metadata (a direct child of the
 * root), if any, against the certificate in its own KeyInfo (or @p signer,
 * DER, when --metadata-signer is given). Reports metadata/signature-invalid
 * and, for metadata, sec/reference-uri and sec/transforms. Adds "signature"
 * to @p summary. Returns 0 or a negative code. */
int sc_verify_metadata_signature(xmlDocPtr doc, xmlNode *root, const unsigned char *signer_der,
                                 size_t signer_len, samlcheck_report *r, json_t *summary);

/* ---- liberr.c: the cause of a library failure (per thread) ---- */
/* Forget the errors this thread's library calls reported so far (and clear
 * OpenSSL's queue); call right before the library call to explain. */
void sc_liberr_begin(void);
/* The first error reported since sc_liberr_begin on this thread, as text
 * for a finding (after the stage's own words): libxml2's message, else
 * xmlsec's algorithm, reason and OpenSSL's reason; with @p with_calls also
 * the name of the library call that failed (never for signature findings:
 * they name the stage, not the library). "" when nothing was reported.
 * Returns @p buf. */
const char *sc_liberr_cause(char *buf, size_t size, int with_calls);
/* init.c's callbacks: every libxml2 and xmlsec error passes here. */
void sc_liberr_note_xml(const xmlError *e);
void sc_liberr_note_xmlsec(const char *obj, const char *subj, int reason, const char *msg);

/* ---- alloc_fail.c: allocation-failure test mode ---- */
/* With configure --enable-alloc-fail: route libxml2, jansson and OpenSSL
 * allocations through the counting hooks (SAMLCHECK_ALLOC_FAIL=N fails the
 * Nth allocation). A no-op in normal builds. Called first by
 * samlcheck_global_init. */
void sc_alloc_fail_install(void);

/* ---- decrypt.c: EncryptedAssertion ---- */
/* Decrypt @p enc (a saml:EncryptedAssertion) with each key of opts->keys.
 * On success *doc_out is a new document (caller frees with xmlFreeDoc) whose
 * root is the decrypted saml:Assertion, also returned in *assertion_out.
 * Without keys, or when nothing decrypts, *doc_out is NULL and findings
 * (response/encrypted-no-key, response/decrypt-failed, key/mismatch,
 * sec/encryption-algorithm-weak) say why. Returns 0 or a negative code. */
int sc_decrypt_assertion(xmlDocPtr *doc_out, xmlNode **assertion_out, xmlNode *enc,
                         const samlcheck_options *opts, samlcheck_report *r, json_t *summary);

/* The xenc:EncryptedKey that the ds:RetrievalMethod @p rm names in the
 * SAML-CORE 6.2 layout that RULES.md sec/no-external-fetch allows (Okta):
 * URI "#id", Type xmlenc#EncryptedKey, @p rm inside a saml:EncryptedAssertion
 * whose subtree holds exactly one element with that ID, and that element is
 * an xenc:EncryptedKey child of the EncryptedAssertion. NULL for any other
 * RetrievalMethod (another document, another type or target, outside the
 * EncryptedAssertion), which stays sec/no-external-fetch. */
xmlNode *sc_decrypt_retrieval_target(const xmlNode *rm);

#endif
