#ifndef SC_ARN_H
#define SC_ARN_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* IAM ARNs as AWS SAML federation uses them (RULES.md D2): role ARNs,
 * SAML provider ARNs, and the split of a Role attribute value into two
 * ARNs. Pure string code: no allocation, no report. */

#include <stddef.h>

/* What the resource part of an ARN names. */
typedef enum sc_arn_kind {
    SC_ARN_KIND_OTHER = 0, /* not an ARN, or a resource type we do not expect */
    SC_ARN_KIND_ROLE,      /* resource begins with "role/" */
    SC_ARN_KIND_PROVIDER   /* resource begins with "saml-provider/" */
} sc_arn_kind;

/* Defects found by sc_arn_parse() (bit set). The W_ bits are the warning
 * sub-cases of response/role-arn-invalid and response/provider-arn-invalid;
 * every other bit is an error. */
enum {
    SC_ARN_E_NOT_ARN = 1u << 0,       /* does not begin with "arn:" */
    SC_ARN_E_FIELDS = 1u << 1,        /* fewer than six ':'-separated fields */
    SC_ARN_E_PARTITION = 1u << 2,     /* not aws, aws-cn, aws-us-gov nor aws-* */
    SC_ARN_W_PARTITION = 1u << 3,     /* an unknown aws-* partition */
    SC_ARN_E_SERVICE = 1u << 4,       /* service is not "iam" */
    SC_ARN_E_REGION = 1u << 5,        /* region is not empty */
    SC_ARN_E_ACCOUNT = 1u << 6,       /* account is not 12 digits */
    SC_ARN_E_TYPE = 1u << 7,          /* resource type is not the expected one */
    SC_ARN_E_PATH = 1u << 8,          /* role path: bad character or empty segment;
                                          provider: any path */
    SC_ARN_E_PATH_LEN = 1u << 9,      /* role path longer than 512 characters */
    SC_ARN_E_NAME_LEN = 1u << 10,     /* name empty or too long (64 / 128) */
    SC_ARN_E_NAME_CHARS = 1u << 11,   /* a character the name pattern forbids */
    SC_ARN_E_LENGTH = 1u << 12,       /* whole ARN outside 20..2048 */
    SC_ARN_E_RESERVED_SSO = 1u << 13, /* role name begins with AWSReservedSSO_ */
    SC_ARN_W_NAME_COMMA = 1u << 14,   /* role name contains ',' */
    SC_ARN_W_NAME_PROSE = 1u << 15    /* provider name uses + = , @ (API prose only) */
};
#define SC_ARN_WARNINGS (SC_ARN_W_PARTITION | SC_ARN_W_NAME_COMMA | SC_ARN_W_NAME_PROSE)

#define SC_ARN_MIN_LEN 20
#define SC_ARN_MAX_LEN 2048
#define SC_ARN_ROLE_PATH_MAX 512
#define SC_ARN_ROLE_NAME_MAX 64
#define SC_ARN_PROVIDER_NAME_MAX 128

/* A parsed ARN. Every pointer borrows from the string given to
 * sc_arn_parse(); lengths are in bytes (all valid ARN parts are ASCII). */
typedef struct sc_arn {
    sc_arn_kind kind;      /* from the resource-type prefix, case-sensitive */
    unsigned defects;      /* SC_ARN_* bits for the kind checked */
    const char *partition; /* NULL when the ARN has no fields */
    size_t partition_len;
    int partition_known; /* aws, aws-cn or aws-us-gov */
    const char *account; /* NULL when the ARN has no fields */
    size_t account_len;
    const char *resource; /* after the fifth ':' (e.g. "role/x") */
    size_t resource_len;
    const char *path; /* role: "/" or "/a/b/"; provider: NULL or the bad path */
    size_t path_len;
    const char *name; /* role or provider name (after the last '/') */
    size_t name_len;
    size_t bad_offset; /* character offset of the first bad name/path character */
} sc_arn;

/* Parse @p s (@p len bytes, not necessarily NUL-terminated) and check it
 * against the grammar of @p expect (SC_ARN_KIND_ROLE or _PROVIDER), or
 * against the grammar its own resource type names when @p expect is
 * SC_ARN_KIND_OTHER. A resource of another type sets SC_ARN_E_TYPE. Never
 * fails: defects are reported in out->defects. */
void sc_arn_parse(sc_arn *out, const char *s, size_t len, sc_arn_kind expect);

/* True when @p a has no error-level defect (warnings allowed). */
int sc_arn_ok(const sc_arn *a);

/* Copy the partition / account into @p buf (size @p size, NUL-terminated,
 * truncated); "" when absent. Return @p buf. */
const char *sc_arn_partition(const sc_arn *a, char *buf, size_t size);
const char *sc_arn_account(const sc_arn *a, char *buf, size_t size);

/* True when @p p (@p len bytes) is aws, aws-cn or aws-us-gov. */
int sc_arn_partition_known(const char *p, size_t len);

/* Human-readable description of the first error defect in @p defects (or
 * of the first warning when there is no error); "" when none. */
const char *sc_arn_defect_text(unsigned defects);

/* D2 split of a Role attribute value: the byte offsets of every ',' that is
 * immediately followed by "arn:". Stores up to @p max offsets in @p at and
 * returns how many split points there are in total. */
size_t sc_arn_split(const char *s, size_t len, size_t *at, size_t max);

#endif
