#ifndef SC_ATTR_CTX_H
#define SC_ATTR_CTX_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* Private to the attribute checks (attributes.c, the driver, and
 * attr_names.c, attr_roles.c, attr_session.c, attr_tags.c): the context they
 * share, the D6 attribute names and the helpers more than one of them uses.
 * Everything else includes attributes.h. */

#include <stdint.h>
#include <stdlib.h>
#include "attributes.h"
#include "../base/base.h"
#include "../xml/xml.h"

/* short names for the D6 attribute names of attributes.h */
#define AWS_ATTR SC_AWS_ATTR
#define NAME_ROLE SC_AWS_ATTR_ROLE
#define NAME_RSN SC_AWS_ATTR_RSN
#define NAME_SD SC_AWS_ATTR_SD
#define NAME_SI SC_AWS_ATTR_SI
#define NAME_TTK SC_AWS_ATTR_TTK
#define NAME_TAG SC_AWS_ATTR_TAG

#define SHOW 200 /* characters of a value shown in a message */

/* One run of sc_check_aws_attributes. The short name is for the attr_*.c
 * files only. */
typedef struct sc_attr_ctx {
    const sc_attrs *attrs;
    const samlcheck_options *opts;
    samlcheck_report *r;
    long session_duration; /* the first valid SessionDuration, -1 when none */
    long long snooa;
    json_t *roles;    /* summary rows (owned until moved into the summary) */
    int role_pair_ok; /* a pair names --role-arn with --provider-arn exactly */
} ctx;

static inline const char *vtext(const sc_attr_value *v)
{
    return v->text ? v->text : "";
}

static inline const xmlNode *vnode(const sc_attr *a, const sc_attr_value *v)
{
    return v->node ? v->node : a->node;
}

static inline int is_tag_name(const char *name)
{
    return name && sc_str_starts(name, NAME_TAG);
}

/* D3 whitespace/invisible, or a C0/C1 control character. */
static inline int is_space_or_control(uint32_t cp)
{
    return sc_is_unicode_space(cp) || cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0);
}

/* rc = a finding whose first %s is @p value, escaped; the format stays a
 * literal so that the compiler checks it (at least one more argument). */
#define REPORT_ESC(rc, c, rule, sev, node, value, fmt, ...)                                        \
    do {                                                                                           \
        char *esc_ = sc_str_escape((value), SHOW);                                                 \
        (rc) = esc_ ? sc_xml_reportx((c)->r, (rule), (sev), SC_AWS_DEFAULT, NULL, (node), fmt,     \
                                     esc_, __VA_ARGS__)                                            \
                    : SAMLCHECK_ENOMEM;                                                            \
        free(esc_);                                                                                \
    } while (0)

/* Scan a UTF-8 value: its length in characters, and the first character
 * @p ok rejects (code point and character offset). Invalid UTF-8 bytes are
 * rejected as U+FFFD. Returns 1 when every character is accepted. */
int sc_attr_scan(const char *s, int (*ok)(uint32_t), size_t *nchars, uint32_t *bad_cp,
                 size_t *bad_off);

/* The steps of sc_check_aws_attributes, in the order it runs them; each
 * returns 0 or a negative code. */
/* attr_names.c: response/nameid-comment for AWS and D7 attribute values,
 * response/attribute-near-miss, response/attribute-duplicate. */
int sc_attr_check_names(ctx *c);
/* attr_roles.c: 7.5 the Role attribute (role-*, provider-*); fills the
 * summary rows in c->roles. */
int sc_attr_check_roles(ctx *c);
/* attr_session.c: 7.6 RoleSessionName, SourceIdentity, SessionDuration,
 * and config/duration-out-of-range for --duration. */
int sc_attr_check_session(ctx *c, json_t *summary);
/* attr_tags.c: 7.7 PrincipalTag:* and TransitiveTagKeys, and the summary's
 * "tags". */
int sc_attr_check_tags(ctx *c, json_t *summary);

#endif
