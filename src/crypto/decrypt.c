/* EncryptedAssertion decryption (STUB until the encryption work lands). */
#include "crypto.h"

int sc_decrypt_assertion(xmlDocPtr *doc_out, xmlNode **assertion_out, xmlNode *enc,
                         const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    (void)enc; (void)opts; (void)r; (void)summary;
    *doc_out = NULL;
    *assertion_out = NULL;
    return 0;
}
