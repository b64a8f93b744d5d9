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
#include "samlcheck/samlcheck.h"

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
#if LIBXML_VERSION < 21200
    assert_ptr_equal(xmlStructuredError, (xmlStructuredErrorFunc)host_structured);
#endif
    /* the host can still parse: libxml2 was not torn down */
    xmlDocPtr d = xmlReadMemory("<a/>", 4, "x.xml", NULL, XML_PARSE_NONET);
    assert_non_null(d);
    xmlFreeDoc(d);
    assert_int_equal(host_loader_calls, 0);
    xmlSetExternalEntityLoader(NULL);
    xmlSetStructuredErrorFunc(NULL, NULL);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(init__host_settings__restored_after_cleanup),
    };
    int rc = cmocka_run_group_tests(tests, NULL, NULL);
    xmlCleanupParser();
    return rc;
}
