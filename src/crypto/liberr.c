/* The cause of a library failure, for the finding that reports it.
 *
 * libxml2 and xmlsec report errors to process-wide callbacks
 * (samlcheck_global_init installs them: init.c), OpenSSL to a queue of the
 * calling thread. A check runs on one thread, so what the callbacks see is
 * kept per thread (_Thread_local): concurrent checks on several threads
 * never see each other's errors. A caller brackets one library call:
 *
 *     sc_liberr_begin();
 *     if (xmlSec...(...) < 0)
 *         sc_liberr_cause(why, sizeof why, 0);
 *
 * and gets the first (deepest) error reported since sc_liberr_begin: the
 * libxml2 message when libxml2 failed underneath (canonicalisation, say),
 * else xmlsec's: the algorithm or transform, what failed, and OpenSSL's
 * reason when OpenSSL queued one. The text is the library's own, cleaned of
 * control characters; callers put it after their own words (the stage that
 * failed), never instead of them. */
#include "crypto.h"
#include <libxml/xmlerror.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>
#include <openssl/err.h>
#include <stdio.h>
#include <string.h>

#define CAUSE_MAX 200

static _Thread_local struct {
    char xml[CAUSE_MAX]; /* first libxml2 error message */
    char obj[64];        /* xmlsec: the algorithm or transform ("aes128-gcm") */
    char subj[64];       /* xmlsec: the call that failed ("EVP_CipherFinal") */
    char reason[96];     /* xmlsec: its reason, unless only "<library> failed" */
    char ossl[96];       /* OpenSSL's reason for its first queued error */
    int have_sec;
} cap;

/* Copy @p s into @p dst: control characters become spaces, runs of spaces
 * one, no leading or trailing space, and libxml2's " : (null)" (an
 * argument it did not have) is dropped. */
static void clean_copy(char *dst, size_t size, const char *s)
{
    size_t n = 0;
    int space = 1;
    for (; s && *s && n + 1 < size; s++) {
        unsigned char c = (unsigned char)*s;
        if (c < 0x20 || c == 0x7f || c == ' ') {
            if (!space)
                dst[n++] = ' ';
            space = 1;
            continue;
        }
        dst[n++] = (char)c;
        space = 0;
    }
    while (n && dst[n - 1] == ' ')
        n--;
    dst[n] = '\0';
    static const char nul[] = " : (null)";
    if (n >= sizeof nul - 1 && strcmp(dst + n - (sizeof nul - 1), nul) == 0)
        dst[n - (sizeof nul - 1)] = '\0';
}

void sc_liberr_begin(void)
{
    memset(&cap, 0, sizeof cap);
    ERR_clear_error();
}

void sc_liberr_note_xml(const xmlError *e)
{
    if (!e || e->level < XML_ERR_ERROR || cap.xml[0] || !e->message)
        return;
    clean_copy(cap.xml, sizeof cap.xml, e->message);
}

/* xmlsec's text for a reason code (its table is searched by position). */
static const char *reason_text(int reason)
{
    for (xmlSecSize i = 0; i < XMLSEC_ERRORS_MAX_NUMBER; i++) {
        const char *m = xmlSecErrorsGetMsg(i);
        if (!m)
            break;
        if (xmlSecErrorsGetCode(i) == reason)
            return m;
    }
    return NULL;
}

void sc_liberr_note_xmlsec(const char *obj, const char *subj, int reason, const char *msg)
{
    (void)msg; /* xmlsec's details: call arguments and sizes, or a copy of
                  the last libxml2 error (the first one is in cap.xml) */
    if (cap.have_sec)
        return;
    cap.have_sec = 1;
    clean_copy(cap.obj, sizeof cap.obj, obj && strcmp(obj, "unknown") ? obj : "");
    clean_copy(cap.subj, sizeof cap.subj, subj && strcmp(subj, "unknown") ? subj : "");
    /* "xmlsec/crypto/libxml2 library function failed" says only which
     * library: the call (subj) and OpenSSL's reason say more */
    if (reason != XMLSEC_ERRORS_R_XMLSEC_FAILED && reason != XMLSEC_ERRORS_R_CRYPTO_FAILED &&
        reason != XMLSEC_ERRORS_R_XML_FAILED)
        clean_copy(cap.reason, sizeof cap.reason, reason_text(reason));
    unsigned long e = ERR_peek_error();
    const char *os = e ? ERR_reason_error_string(e) : NULL;
    clean_copy(cap.ossl, sizeof cap.ossl, os);
}

const char *sc_liberr_cause(char *buf, size_t size, int with_calls)
{
    if (!size)
        return buf;
    buf[0] = '\0';
    if (cap.xml[0]) {
        snprintf(buf, size, "%s", cap.xml);
        return buf;
    }
    if (!cap.have_sec) {
        unsigned long e = ERR_peek_error();
        clean_copy(buf, size, e ? ERR_reason_error_string(e) : NULL);
        return buf;
    }
    const char *parts[4] = {cap.obj, with_calls && cap.subj[0] ? cap.subj : "", cap.reason,
                            cap.ossl};
    if (!parts[1][0] && !parts[2][0] && !parts[3][0])
        return buf; /* only the algorithm's name: no cause known */
    size_t n = 0;
    for (int i = 0; i < 4 && n + 1 < size; i++) {
        if (!parts[i][0])
            continue;
        int k = snprintf(buf + n, size - n, "%s%s%s", n ? ": " : "", parts[i],
                         i == 1 && !parts[2][0] && !parts[3][0] ? " failed" : "");
        if (k < 0)
            break;
        n += (size_t)k < size - n ? (size_t)k : size - n - 1;
    }
    return buf;
}
