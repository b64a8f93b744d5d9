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

static void silent_structured(void *ctx, xmlErrorPtr e)
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

int samlcheck_global_init(void)
{
    if (initialised++)
        return 0;
    sc_alloc_fail_install();
    xmlInitParser();
    xmlSetExternalEntityLoader(refuse_loader);
    xmlSetGenericErrorFunc(NULL, silent_generic);
    xmlSetStructuredErrorFunc(NULL, silent_structured);
    xmlSubstituteEntitiesDefault(0);
    xmlLoadExtDtdDefaultValue = 0;
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
    xmlCleanupParser();
}
