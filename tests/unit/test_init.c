/* samlcheck_global_init / _cleanup as a library must behave: refuse every
 * external entity while initialised, and leave the host's libxml2 settings
 * as it found them afterwards (issue: library manners). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <pthread.h>
#include <string.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/errors.h>
#include <openssl/err.h>
#include <openssl/evp.h>
#include "samlcheck/samlcheck.h"
#include "crypto/crypto.h"

static int host_loader_calls;

static xmlParserInputPtr host_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    host_loader_calls++;
    return NULL;
}

static void host_structured(void *ctx, const xmlError *e)
{
    (void)ctx;
    (void)e;
}

static void init__host_settings__restored_after_cleanup(void **state)
{
    (void)state;
    xmlInitParser();
    xmlSetExternalEntityLoader(host_loader);
    xmlSetStructuredErrorFunc(NULL, (xmlStructuredErrorFunc)host_structured);
    assert_int_equal(samlcheck_global_init(), 0);
    /* while initialised, samlcheck's refusing loader is in place */
    assert_ptr_not_equal(xmlGetExternalEntityLoader(), host_loader);
    /* nested init/cleanup pairs keep it in place */
    assert_int_equal(samlcheck_global_init(), 0);
    samlcheck_global_cleanup();
    assert_ptr_not_equal(xmlGetExternalEntityLoader(), host_loader);
    samlcheck_global_cleanup();
    assert_ptr_equal(xmlGetExternalEntityLoader(), host_loader);
    assert_ptr_equal(xmlStructuredError, (xmlStructuredErrorFunc)host_structured);
    /* the host can still parse: libxml2 was not torn down */
    xmlDocPtr d = xmlReadMemory("<a/>", 4, "x.xml", NULL, XML_PARSE_NONET);
    assert_non_null(d);
    xmlFreeDoc(d);
    assert_int_equal(host_loader_calls, 0);
    xmlSetExternalEntityLoader(NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

/* A document libxml2 rejects, parsed without a context error handler: the
 * error goes to the thread's global structured handler. */
static void libxml2_fails(const char *doc)
{
    xmlDocPtr d = xmlReadMemory(doc, (int)strlen(doc), "x.xml", NULL, XML_PARSE_NONET);
    xmlFreeDoc(d);
}

typedef struct worker {
    pthread_barrier_t *bar;
    const char *doc;
    char cause[200];
} worker;

static void *work(void *arg)
{
    worker *w = arg;
    sc_liberr_begin();
    pthread_barrier_wait(w->bar); /* both threads have begun */
    libxml2_fails(w->doc);
    pthread_barrier_wait(w->bar); /* both threads have failed */
    sc_liberr_cause(w->cause, sizeof w->cause, 1);
    return NULL;
}

/* Library errors are kept per thread, also on threads started after init
 * (libxml2's handlers are per thread: init sets the thread defaults), and
 * each thread reads its own first error, never another thread's. */
static void liberr__per_thread__own_first_error(void **state)
{
    (void)state;
    assert_int_equal(samlcheck_global_init(), 0);
    pthread_barrier_t bar;
    assert_int_equal(pthread_barrier_init(&bar, NULL, 2), 0);
    worker a = {&bar, "<a><b></a>", ""}, b = {&bar, "<?xml version='1.0'?><x y='1' y='2'/>", ""};
    pthread_t ta, tb;
    assert_int_equal(pthread_create(&ta, NULL, work, &a), 0);
    assert_int_equal(pthread_create(&tb, NULL, work, &b), 0);
    pthread_join(ta, NULL);
    pthread_join(tb, NULL);
    pthread_barrier_destroy(&bar);
    assert_true(a.cause[0] != '\0');
    assert_true(b.cause[0] != '\0');
    assert_string_not_equal(a.cause, b.cause);
    /* no control characters (libxml2's messages end in a newline) */
    for (const char *p = a.cause; *p; p++)
        assert_true((unsigned char)*p >= 0x20);
    /* this thread saw neither */
    char mine[200];
    sc_liberr_begin();
    assert_string_equal(sc_liberr_cause(mine, sizeof mine, 1), "");
    /* the first error is kept, not the last */
    libxml2_fails("<a><b></a>");
    sc_liberr_cause(a.cause, sizeof a.cause, 1);
    libxml2_fails("<x y='1' y='2'/>");
    assert_string_equal(sc_liberr_cause(mine, sizeof mine, 1), a.cause);
    samlcheck_global_cleanup();
}

/* xmlsec's report: the algorithm, the failed call only when asked (a
 * signature finding names the stage, not the library), and OpenSSL's reason
 * when it queued one; a bare "<library> function failed" adds nothing. */
static void liberr__xmlsec_and_openssl__reason_not_library(void **state)
{
    (void)state;
    char buf[200];
    sc_liberr_begin();
    sc_liberr_note_xmlsec("aes128-gcm", "EVP_CipherFinal", XMLSEC_ERRORS_R_CRYPTO_FAILED, "x");
    sc_liberr_note_xmlsec("later", "later", XMLSEC_ERRORS_R_INVALID_DATA, "later");
    assert_string_equal(sc_liberr_cause(buf, sizeof buf, 1), "aes128-gcm: EVP_CipherFinal failed");
    assert_string_equal(sc_liberr_cause(buf, sizeof buf, 0), "");
    sc_liberr_begin();
    sc_liberr_note_xmlsec("unknown", "xmlSecFoo", XMLSEC_ERRORS_R_INVALID_SIZE, NULL);
    assert_non_null(strstr(sc_liberr_cause(buf, sizeof buf, 0), "size"));
    assert_null(strstr(buf, "xmlSec"));
    /* OpenSSL's own reason, from a real failure */
    sc_liberr_begin();
    EVP_PKEY_CTX *pc = EVP_PKEY_CTX_new_from_name(NULL, "no-such-algorithm", NULL);
    assert_null(pc);
    sc_liberr_note_xmlsec("rsa-oaep", "EVP_PKEY_CTX_new", XMLSEC_ERRORS_R_CRYPTO_FAILED, "");
    sc_liberr_cause(buf, sizeof buf, 1);
    assert_non_null(strstr(buf, "rsa-oaep: EVP_PKEY_CTX_new: "));
    assert_true(strlen(buf) > strlen("rsa-oaep: EVP_PKEY_CTX_new: "));
    sc_liberr_begin();
    assert_int_equal(ERR_peek_error(), 0);
    /* bounded */
    char small[8];
    sc_liberr_note_xmlsec("aes256-cbc", "EVP_DecryptFinal_ex", XMLSEC_ERRORS_R_CRYPTO_FAILED, "");
    assert_string_equal(sc_liberr_cause(small, sizeof small, 1), "aes256-");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init__host_settings__restored_after_cleanup),
        cmocka_unit_test(liberr__per_thread__own_first_error),
        cmocka_unit_test(liberr__xmlsec_and_openssl__reason_not_library),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
