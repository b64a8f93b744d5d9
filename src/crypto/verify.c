/* XML-DSig verification (STUB until the signature work lands). */
#include "crypto.h"
#include <string.h>

int sc_verify_response(sc_sig_outcome *out, xmlDocPtr doc, xmlNode *R, xmlNode *A,
                       const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    (void)doc; (void)R; (void)A; (void)opts; (void)r; (void)summary;
    memset(out, 0, sizeof *out);
    return 0;
}

int sc_verify_decrypted(sc_sig_outcome *out, const sc_sig_outcome *outer, xmlDocPtr doc,
                        xmlNode *A, const samlcheck_options *opts, samlcheck_report *r,
                        json_t *summary)
{
    (void)outer; (void)doc; (void)A; (void)opts; (void)r; (void)summary;
    memset(out, 0, sizeof *out);
    return 0;
}

int sc_verify_metadata_signature(xmlDocPtr doc, xmlNode *root, const unsigned char *signer_der,
                                 size_t signer_len, samlcheck_report *r, json_t *summary)
{
    (void)doc; (void)root; (void)signer_der; (void)signer_len; (void)r; (void)summary;
    return 0;
}
