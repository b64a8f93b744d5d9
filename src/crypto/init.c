/* Global initialisation of libxml2, OpenSSL and xmlsec. Library output is
 * captured, not printed, and nothing may ever be fetched: the entity loader
 * refuses every external resource (RULES.md sec/no-external-fetch). */
#include "samlcheck/samlcheck.h"
#include "crypto.h"
#include "../xml/xml.h"
#include <libxml/parser.h>
#include <libxml/xmlerror.h>
#include <libxml/xmlIO.h>
#include <xmlsec/xmlsec.h>
#include <xmlsec/crypto.h>
#include <xmlsec/errors.h>
#include <openssl/err.h>
#include <string.h>

static int initialised;

/* The process-wide libxml2 settings found at the first init, restored at
 * the last cleanup: a library leaves its host's settings as it found them
 * (libxml2 documents that only the application may call
 * xmlCleanupParser(), so samlcheck never does). */
static struct {
    xmlExternalEntityLoader loader;
    xmlGenericErrorFunc generic;
    void *generic_ctx;
    xmlStructuredErrorFunc structured;
    void *structured_ctx;
    int substitute, load_ext_dtd;
} saved;

static xmlParserInputPtr refuse_loader(const char *url, const char *id, xmlParserCtxtPtr ctxt)
{
    (void)url;
    (void)id;
    (void)ctxt;
    return NULL;
}

static void silent_generic(void *ctx, const char *msg, ...)
{
    (void)ctx;
    (void)msg;
}

static void silent_structured(void *ctx, SC_XML_ERROR_CONST xmlError *e)
{
    (void)ctx;
    sc_xml_note_global_error(e);
}

static void xmlsec_silent(const char *file, int line, const char *func, const char *obj,
                          const char *subj, int reason, const char *msg)
{
    (void)file;
    (void)line;
    (void)func;
    (void)obj;
    (void)subj;
    (void)reason;
    (void)msg;
}

const char *samlcheck_version(void)
{
    return SAMLCHECK_VERSION;
}

/* libxml2's error handlers are per thread: a thread gets the "thread
 * default" ones when it first uses libxml2. Checks run on other threads
 * than the one that called samlcheck_global_init() (samlcheck -j, a host's
 * thread pool), so the silent handlers are the thread defaults too (else
 * xmlsec's messages, which reach the generic handler, were printed to
 * stderr by worker threads). Deprecated from libxml2 2.12 on, still used. */
static void thread_defaults(xmlGenericErrorFunc generic, xmlStructuredErrorFunc structured)
{
#if defined(__GNUC__)
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
    xmlThrDefSetGenericErrorFunc(NULL, generic);
    xmlThrDefSetStructuredErrorFunc(NULL, structured);
#if defined(__GNUC__)
#pragma GCC diagnostic pop
#endif
}

static void restore_libxml2(void)
{
    thread_defaults(saved.generic, saved.structured);
    xmlSetExternalEntityLoader(saved.loader);
    xmlSetGenericErrorFunc(saved.generic_ctx, saved.generic);
    xmlSetStructuredErrorFunc(saved.structured_ctx, saved.structured);
#if LIBXML_VERSION < 21200
    xmlSubstituteEntitiesDefault(saved.substitute);
    xmlLoadExtDtdDefaultValue = saved.load_ext_dtd;
#endif
}

int samlcheck_global_init(void)
{
    if (initialised++)
        return 0;
    sc_alloc_fail_install();
    xmlInitParser();
    saved.loader = xmlGetExternalEntityLoader();
#if LIBXML_VERSION < 21200
    /* Before 2.12 these are the (thread-local) process-wide defaults; from
     * 2.12 on they are deprecated and every parse states its options. */
    saved.generic = xmlGenericError;
    saved.generic_ctx = xmlGenericErrorContext;
    saved.structured = xmlStructuredError;
    saved.structured_ctx = xmlStructuredErrorContext;
    saved.substitute = xmlSubstituteEntitiesDefaultValue;
    saved.load_ext_dtd = xmlLoadExtDtdDefaultValue;
    xmlSubstituteEntitiesDefault(0);
    xmlLoadExtDtdDefaultValue = 0;
#endif
    xmlSetExternalEntityLoader(refuse_loader);
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
    thread_defaults(silent_generic, silent_structured);
    xmlSecErrorsSetCallback(xmlsec_silent);
    if (xmlSecInit() < 0)
        goto fail;
    if (xmlSecCheckVersion() != 1)
        goto fail_sec;
    if (xmlSecCryptoAppInit(NULL) < 0)
        goto fail_sec;
    if (xmlSecCryptoInit() < 0)
        goto fail_app;
    return 0;
fail_app:
    xmlSecCryptoAppShutdown();
fail_sec:
    xmlSecShutdown();
fail:
    restore_libxml2();
    initialised = 0;
    return SAMLCHECK_ECRYPTO;
}

void samlcheck_global_cleanup(void)
{
    if (!initialised || --initialised)
        return;
    xmlSecCryptoShutdown();
    xmlSecCryptoAppShutdown();
    xmlSecShutdown();
    restore_libxml2();
}
