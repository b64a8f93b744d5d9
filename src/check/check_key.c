/* samlcheck key (STUB). */
#include "samlcheck/check.h"
#include <stdlib.h>

struct samlcheck_keyset {
    size_t n;
};

int samlcheck_check_key(samlcheck_report *r, const unsigned char *data, size_t len,
                        const samlcheck_options *opts, samlcheck_error *err)
{
    (void)r; (void)data; (void)len; (void)opts; (void)err;
    return 0;
}

int samlcheck_keyset_new(samlcheck_keyset **out)
{
    *out = calloc(1, sizeof **out);
    return *out ? 0 : SAMLCHECK_ENOMEM;
}

int samlcheck_keyset_add_pem(samlcheck_keyset *ks, const unsigned char *pem, size_t len,
                             const char *name, samlcheck_error *err)
{
    (void)pem; (void)len; (void)name; (void)err;
    ks->n++;
    return 0;
}

size_t samlcheck_keyset_count(const samlcheck_keyset *ks)
{
    return ks ? ks->n : 0;
}

void samlcheck_keyset_free(samlcheck_keyset *ks)
{
    free(ks);
}
