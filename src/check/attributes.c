/* The AWS attributes of the trusted assertion (RULES.md D2, D3, D6, D7 and
 * sections 7.5-7.8), plus config/duration-out-of-range for --duration.
 *
 * Values are never trimmed (D3). A value that a comment, PI or child
 * element splits (D4 "ambiguous") is reported once as
 * response/nameid-comment and not used by any other check. A Role value
 * with whitespace gets only response/role-whitespace (one root cause, one
 * finding).
 *
 * This file runs the steps in order (sc_check_aws_attributes) and holds
 * the helpers they share; the steps live in attr_names.c (nameid-comment,
 * near-miss and duplicate names, the D7 context-key table), attr_roles.c
 * (Role), attr_session.c (RoleSessionName, SourceIdentity, SessionDuration,
 * --duration) and attr_tags.c (PrincipalTag, TransitiveTagKeys). */
#include "attr_ctx.h"
#include <string.h>

int sc_attr_scan(const char *s, int (*ok)(uint32_t), size_t *nchars, uint32_t *bad_cp,
                 size_t *bad_off)
{
    const unsigned char *p = (const unsigned char *)s;
    size_t len = strlen(s), i = 0, k = 0;
    int good = 1;
    while (i < len) {
        uint32_t cp;
        size_t n = sc_utf8_decode(p + i, len - i, &cp);
        if (n == 0) {
            cp = 0xFFFD;
            n = 1;
        }
        if (good && (n == 1 && p[i] >= 0x80 ? 1 : !ok(cp))) {
            good = 0;
            *bad_cp = cp;
            *bad_off = k;
        }
        i += n;
        k++;
    }
    *nchars = k;
    return good;
}

int sc_check_aws_attributes(const sc_attrs *attrs, long long session_not_on_or_after,
                            const samlcheck_options *opts, samlcheck_report *r, json_t *summary)
{
    static const sc_attrs none = {NULL, 0};
    ctx c = {attrs ? attrs : &none, opts, r, -1, session_not_on_or_after, NULL, 0};
    int rc = 0;
    c.roles = json_array();
    if (!c.roles) {
        rc = SAMLCHECK_ENOMEM;
        goto out;
    }
    if ((rc = sc_attr_check_names(&c)) || (rc = sc_attr_check_roles(&c)))
        goto out;
    if (summary && json_array_size(c.roles) > 0) {
        rc = sc_report_summary_set(summary, "roles", c.roles);
        c.roles = NULL;
        if (rc)
            goto out;
    }
    if ((rc = sc_attr_check_session(&c, summary)) || (rc = sc_attr_check_tags(&c, summary)))
        goto out;
out:
    json_decref(c.roles);
    return rc;
}
