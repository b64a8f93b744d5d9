/* Input decoding entry point (STUB: raw XML only, until the input work lands). */
#include "input.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

int sc_input_decode(sc_input_list *out, const char *name, const unsigned char *data, size_t len,
                    const samlcheck_options *opts, samlcheck_report *r)
{
    (void)opts;
    (void)r;
    memset(out, 0, sizeof *out);
    out->items = calloc(1, sizeof *out->items);
    if (!out->items)
        return SAMLCHECK_ENOMEM;
    sc_input_item *it = &out->items[0];
    it->label = sc_strdup(name);
    it->xml = (unsigned char *)sc_strndup((const char *)data, len);
    if (!it->label || !it->xml) {
        free(it->label);
        free(it->xml);
        free(out->items);
        out->items = NULL;
        return SAMLCHECK_ENOMEM;
    }
    it->xml_len = len;
    out->n = 1;
    return 0;
}

void sc_input_list_free(sc_input_list *l)
{
    if (!l)
        return;
    for (size_t i = 0; i < l->n; i++) {
        free(l->items[i].label);
        free(l->items[i].xml);
        free(l->items[i].post_url);
        free(l->items[i].relay_state);
    }
    free(l->items);
    l->items = NULL;
    l->n = 0;
}
