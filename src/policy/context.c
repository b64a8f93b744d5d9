/* The request context a policy is evaluated in: condition keys (names
 * compared case-insensitively, RULES.md D7) with one or more values, plus
 * what the inputs prove about keys that are absent. */
#include "policy.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

void sc_policy_ctx_init(sc_policy_ctx *c)
{
    memset(c, 0, sizeof *c);
}

static void entry_clear(sc_ctx_entry *e)
{
    for (size_t i = 0; i < e->n; i++)
        free(e->values[i]);
    free(e->values);
    free(e->key);
}

void sc_policy_ctx_clear(sc_policy_ctx *c)
{
    for (size_t i = 0; i < c->n; i++)
        entry_clear(&c->v[i]);
    free(c->v);
    memset(c, 0, sizeof *c);
}

static sc_ctx_entry *find(const sc_policy_ctx *c, const char *key)
{
    for (size_t i = 0; i < c->n; i++)
        if (sc_str_ieq(c->v[i].key, key))
            return &c->v[i];
    return NULL;
}

const sc_ctx_entry *sc_policy_ctx_get(const sc_policy_ctx *c, const char *key)
{
    return find(c, key);
}

static sc_ctx_entry *get_or_add(sc_policy_ctx *c, const char *key)
{
    sc_ctx_entry *e = find(c, key);
    if (e)
        return e;
    sc_ctx_entry *nv = sc_grow(c->v, c->n, &c->cap, sizeof *nv, 16);
    if (!nv)
        return NULL;
    c->v = nv;
    e = &c->v[c->n];
    memset(e, 0, sizeof *e);
    if (!(e->key = sc_strdup(key)))
        return NULL;
    c->n++;
    return e;
}

int sc_policy_ctx_add(sc_policy_ctx *c, const char *key, const char *value, int multi)
{
    sc_ctx_entry *e = get_or_add(c, key);
    if (!e)
        return SAMLCHECK_ENOMEM;
    if (multi)
        e->multi = 1;
    if (!value)
        return 0;
    char **nv = realloc(e->values, (e->n + 1) * sizeof *nv);
    if (!nv)
        return SAMLCHECK_ENOMEM;
    e->values = nv;
    if (!(e->values[e->n] = sc_strdup(value)))
        return SAMLCHECK_ENOMEM;
    e->n++;
    return 0;
}

int sc_policy_ctx_set(sc_policy_ctx *c, const char *key, const char *value)
{
    sc_ctx_entry *e = get_or_add(c, key);
    if (!e)
        return SAMLCHECK_ENOMEM;
    for (size_t i = 0; i < e->n; i++)
        free(e->values[i]);
    e->n = 0;
    e->multi = 0;
    return sc_policy_ctx_add(c, key, value, 0);
}

sc_ctx_state sc_policy_ctx_state(const sc_policy_ctx *c, const char *key)
{
    const sc_ctx_entry *e = find(c, key);
    if (e && e->n > 0)
        return SC_CTX_PRESENT;
    if (e) /* an empty multivalued key, such as aws:TagKeys with no tags */
        return SC_CTX_ABSENT;
    for (size_t i = 0; c->absent && c->absent[i]; i++)
        if (sc_str_ieq(c->absent[i], key))
            return SC_CTX_ABSENT;
    for (size_t i = 0; c->absent_prefix && c->absent_prefix[i]; i++)
        if (sc_str_casestarts(key, c->absent_prefix[i]))
            return SC_CTX_ABSENT;
    if (c->saml_attrs_known && sc_str_casestarts(key, "saml:"))
        return SC_CTX_ABSENT_ATTR;
    return SC_CTX_UNKNOWN;
}

/* The first strlen(@p key) bytes of @p s equal @p key, ASCII case-insensitively. */
static int prefix_ieq(const char *s, const char *key)
{
    for (; *key; s++, key++) {
        int a = (unsigned char)*s, b = (unsigned char)*key;
        if (a >= 'A' && a <= 'Z')
            a += 32;
        if (b >= 'A' && b <= 'Z')
            b += 32;
        if (a != b)
            return 0;
    }
    return 1;
}

int sc_policy_ctx_apply(sc_policy_ctx *c, const char *const *kv, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        const char *eq = strchr(kv[i], '=');
        if (!eq || eq == kv[i])
            return SAMLCHECK_EINVAL;
        char *key = sc_strndup(kv[i], (size_t)(eq - kv[i]));
        if (!key)
            return SAMLCHECK_ENOMEM;
        int seen = 0;
        for (size_t k = 0; k < i; k++) {
            const char *e2 = strchr(kv[k], '=');
            if (e2 && (size_t)(e2 - kv[k]) == strlen(key) && prefix_ieq(kv[k], key))
                seen = 1;
        }
        int rc = seen ? sc_policy_ctx_add(c, key, eq + 1, 1) : sc_policy_ctx_set(c, key, eq + 1);
        free(key);
        if (rc)
            return rc;
    }
    return 0;
}
