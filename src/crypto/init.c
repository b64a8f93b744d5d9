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

/* Errors are never printed: they are kept, per thread, as the cause of the
 * failure a finding reports (liberr.c). */
static void silent_structured(void *ctx, SC_XML_ERROR_CONST xmlError *e)
{
    (void)ctx;
    sc_xml_note_global_error(e);
    sc_liberr_note_xml(e);
}

static void xmlsec_silent(const char *file, int line, const char *func, const char *obj,
                          const char *subj, int reason, const char *msg)
{
    (void)file;
    (void)line;
    (void)func;
    sc_liberr_note_xmlsec(obj, subj, reason, msg);
}

/* libxml2 keeps its error handlers per thread: a thread takes the "thread
 * defaults" when it first uses libxml2. Set both, so that the threads a
 * host starts after samlcheck_global_init are silent too (libxml2 2.12
 * deprecated the thread defaults, but they still decide new threads). */
#if defined(__GNUC__) && LIBXML_VERSION >= 21200
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wdeprecated-declarations"
#endif
static void set_handlers(void *generic_ctx, xmlGenericErrorFunc generic, void *structured_ctx,
                         xmlStructuredErrorFunc structured)
{
    xmlSetGenericErrorFunc(generic_ctx, generic);
    xmlSetStructuredErrorFunc(structured_ctx, structured);
    xmlThrDefSetGenericErrorFunc(generic_ctx, generic);
    xmlThrDefSetStructuredErrorFunc(structured_ctx, structured);
}
#if defined(__GNUC__) && LIBXML_VERSION >= 21200
#pragma GCC diagnostic pop
#endif

static void restore_libxml2(void)
{
    xmlSetExternalEntityLoader(saved.loader);
    set_handlers(saved.generic_ctx, saved.generic, saved.structured_ctx, saved.structured);
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
    /* the handlers of this thread (libxml2 has no getter for the thread
     * defaults; they are restored to these too) */
    saved.generic = xmlGenericError;
    saved.generic_ctx = xmlGenericErrorContext;
    saved.structured = xmlStructuredError;
    saved.structured_ctx = xmlStructuredErrorContext;
#if LIBXML_VERSION < 21200
    /* Before 2.12 these are process-wide parser defaults; from 2.12 on they
     * are deprecated and every parse states its options. */
    saved.substitute = xmlSubstituteEntitiesDefaultValue;
    saved.load_ext_dtd = xmlLoadExtDtdDefaultValue;
    xmlSubstituteEntitiesDefault(0);
    xmlLoadExtDtdDefaultValue = 0;
#endif
    xmlSetExternalEntityLoader(refuse_loader);
    set_handlers(NULL, silent_generic, NULL, silent_structured);
    if (xmlSecInit() < 0)
        goto fail;
    if (xmlSecCheckVersion() != 1)
        goto fail_sec;
    if (xmlSecCryptoAppInit(NULL) < 0)
        goto fail_sec;
    if (xmlSecCryptoInit() < 0)
        goto fail_app;
    /* after the inits: xmlSecInit and xmlSecCryptoInit each install
     * xmlsec's own callback, which prints through libxml2's generic handler
     * (on other threads than this one: to stderr) */
    xmlSecErrorsSetCallback(xmlsec_silent);
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
