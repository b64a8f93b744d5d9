#ifndef SC_SIG_H
#define SC_SIG_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* Private to the XML-DSig verifier: verify.c (xmlsec / OpenSSL
 * verification, verdicts, summary) and sigstruct.c (the structural
 * signature-wrapping defence: which signatures apply, Reference and
 * transforms, no crypto). */

#include "crypto.h"
#include "../xml/xml.h"

#define ALG_EXC_C14N "http://www.w3.org/2001/10/xml-exc-c14n#"
#define ALG_EXC_C14N_C "http://www.w3.org/2001/10/xml-exc-c14n#WithComments"
#define ALG_C14N10 "http://www.w3.org/TR/2001/REC-xml-c14n-20010315"
#define ALG_C14N10_C "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"
#define ALG_C14N11 "http://www.w3.org/2006/12/xml-c14n11"
#define ALG_C14N11_C "http://www.w3.org/2006/12/xml-c14n11#WithComments"
#define ALG_ENVELOPED "http://www.w3.org/2000/09/xmldsig#enveloped-signature"
#define TYPE_MANIFEST "http://www.w3.org/2000/09/xmldsig#Manifest"

typedef struct alg_info {
    const char *href;
    const char *name;
    int weak;       /* SHA-1 / MD5: response/signature-algorithm-weak */
    const char *md; /* OpenSSL digest name */
    int pkey;       /* key type a SignatureMethod needs (0 for digests) */
} alg_info;

/* Outcome of one signature. */
enum sig_result {
    RES_NOT_CHECKED = 0, /* not applicable: structure rejected */
    RES_VALID,
    RES_MALFORMED,   /* empty or non-base64 DigestValue / SignatureValue */
    RES_DIGEST,      /* digest mismatch: content changed after signing */
    RES_SIGNATURE,   /* SignatureValue does not verify with the key */
    RES_UNSUPPORTED, /* algorithm unknown or unusable */
    RES_NO_KEY,      /* nothing to verify with */
    RES_DEGENERATE   /* verifies only with a degenerate key: proves nothing */
};

typedef struct vctx {
    xmlDocPtr doc;
    const xmlNode *R; /* root (response or metadata) */
    const xmlNode *A; /* the Assertion, or NULL */
    const samlcheck_metadata *md;
    int metadata_mode; /* checking IdP metadata (warnings, own KeyInfo) */
    const unsigned char *signer_der;
    size_t signer_len;
    samlcheck_report *r;
    int security_error;
    json_t *sigs;            /* summary array, borrowed */
    int reindented;          /* a digest mismatch looked like re-indenting */
    xmlNode *reindented_top; /* the document element, once re-indenting is seen */
    int no_key;              /* without metadata: a signature had no certificate to check */
    int unverified;          /* a signature passed every stage that could be checked */
} vctx;

typedef struct sig_check {
    xmlNode *sig;
    xmlNode *parent;
    xmlNode *si, *cm, *ref; /* SignedInfo, its CanonicalizationMethod, the Reference */
    const alg_info *sig_alg, *dig_alg;
    char *sig_href, *dig_href, *c14n_href; /* owned */
    int applicable;
    int c14n_inclusive; /* inclusive C14N accepted (sec/transforms warning) */
    int uri_empty;      /* URI="" on the document element accepted */
    int position_odd;   /* applicable, but not at the schema position */
    const char *reason; /* why it is not applicable (summary), static */
    int result;
    int digest_ok;         /* the Reference digest matched */
    int capped;            /* the metadata has more signing certificates than were tried */
    int reindented;        /* digest mismatch with the marks of re-indenting */
    unsigned char *si_buf; /* owned: canonical SignedInfo */
    size_t si_len;
    unsigned char *sv; /* owned: decoded SignatureValue */
    size_t sv_len;
    X509 *hint;     /* owned: embedded KeyInfo certificate */
    int hint_known; /* the hint is among the metadata certificates */
    unsigned char hint_h[SC_KEY_BY_N][SC_KEY_HASH_LEN]; /* the KeyInfo hints' hashes */
    unsigned hint_have;                                 /* bit SC_KEY_BY_x: hint_h[x] set */
    X509 *verified_by;                /* owned: the certificate whose key verified */
    const sc_trust_key *verified_key; /* the metadata key that verified, or NULL */
    const char *verified_source;      /* "metadata", "embedded", "metadata-signer" */
    char detail[400];                 /* what failed, for the message */
} sig_check;

/* ---- sigstruct.c ---- */

/* Escaped for messages (at most 200 characters); NULL as "". */
char *sc_sig_esc(const char *s);
const char *sc_sig_elem_name(const xmlNode *n);
/* A section-11 (sec rule) finding about a signature's structure at
 * sub-case severity @p sev; on metadata nothing is more than a warning. */
int sc_sig_report_sec(vctx *v, sc_rule_id rule, samlcheck_severity sev, const xmlNode *n,
                      const char *fmt, ...)
#if defined(__GNUC__)
    __attribute__((format(printf, 5, 6)))
#endif
    ;
#define report_sec(v, rule, n, ...)                                                                \
    sc_sig_report_sec((v), (rule), SAMLCHECK_SEV_ERROR, (n), __VA_ARGS__)
/* Collect every ds:Signature under @p root (up to @p max + 1) and report
 * sec/no-external-fetch constructs. */
int sc_sig_scan(vctx *v, xmlNode *root, xmlNode **sigs, size_t max, size_t *nsig);
/* Register the SAML ID attribute of @p elem as an XML ID (and nothing else). */
void sc_sig_register_id(xmlDocPtr doc, const xmlNode *elem);
/* Is @p sig at the schema position in @p parent? */
int sc_sig_at_schema_position(const xmlNode *sig, const xmlNode *parent, int metadata);
/* Judge everything about one signature that does not need a key; sets
 * sc->applicable, sc->sig_alg / dig_alg (sc_sig_find_alg). */
int sc_sig_check_structure(vctx *v, sig_check *sc);
/* The signature among @p sigs that is a direct child of @p p. */
xmlNode *sc_sig_pick(xmlNode **sigs, size_t n, const xmlNode *p);
/* Every signature other than @p sR / @p sA: ignored inside signed content
 * (info), else response/signature-wrapping. */
int sc_sig_judge_others(vctx *v, xmlNode **sigs, size_t nsig, xmlNode *R, xmlNode *A,
                        const xmlNode *sR, const xmlNode *sA, int covR, int covA);
/* Summary entry of a signature that is not applicable (or ignored). */
int sc_sig_json_na(vctx *v, const xmlNode *sig, const char *reason);

/* ---- verify.c ---- */

/* The SignatureMethod (@p digest 0) or DigestMethod (1) named @p href, or NULL. */
const alg_info *sc_sig_find_alg(int digest, const char *href);

#endif
