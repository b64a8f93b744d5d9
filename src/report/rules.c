/* The rule table. Every rule ID lives in rules.def, generated from
 * rules/rules.txt by tools/gen-rules.py; the enum, this table, SARIF,
 * `samlcheck explain` and docs/rules.md all derive from it. */
#include "sc_report.h"
#include <string.h>

static const samlcheck_rule rule_table[] = {
#define RULE(e, id, sev, st, ap, aws, an, ti, ch, fx, so, im, fxs)                                 \
    {id, sev, st, ap, aws, an, ti, ch, fx, so, im, fxs},
#include "rules.def"
#undef RULE
};

const char sc_aws_default[] = "(default)";

const samlcheck_rule *sc_rule(sc_rule_id id)
{
    return (unsigned)id < SC_RULE__COUNT ? &rule_table[id] : NULL;
}

size_t samlcheck_rules_count(void)
{
    return SC_RULE__COUNT;
}

const samlcheck_rule *samlcheck_rules_at(size_t i)
{
    return i < SC_RULE__COUNT ? &rule_table[i] : NULL;
}

const samlcheck_rule *samlcheck_rules_find(const char *id)
{
    if (!id)
        return NULL;
    for (size_t i = 0; i < SC_RULE__COUNT; i++)
        if (strcmp(rule_table[i].id, id) == 0)
            return &rule_table[i];
    return NULL;
}

const char *samlcheck_severity_name(samlcheck_severity sev)
{
    switch (sev) {
    case SAMLCHECK_SEV_ERROR: return "error";
    case SAMLCHECK_SEV_WARNING: return "warning";
    default: return "info";
    }
}
