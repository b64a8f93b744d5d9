#ifndef SC_AWS_ENDPOINT_H
#define SC_AWS_ENDPOINT_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The one home of AWS's SAML sign-in facts (RULES.md D1): the partitions,
 * their sign-in hosts, the region forms of those hosts, the ACS paths
 * (/saml, /saml/acs/<IdP-ID>) and the audience values. The response checks
 * (Recipient, Destination, Audience), the metadata checks (is this AWS's
 * own SP metadata?) and the ARN parser (known partitions) all ask here.
 * Pure string code: no allocation, no report. */

#include <stddef.h>

/* ---- partitions ---- */
typedef struct sc_aws_partition {
    const char *name;          /* "aws", "aws-cn", "aws-us-gov" */
    const char *signin_host;   /* the global sign-in host of the partition */
    const char *region_prefix; /* the region codes of its regional hosts; NULL = any */
} sc_aws_partition;

/* The partition named by the @p len bytes at @p name, or NULL when it is
 * not one of aws, aws-cn, aws-us-gov (exact, case-sensitive). */
const sc_aws_partition *sc_aws_partition_find(const char *name, size_t len);

/* The global sign-in host of partition @p name ("signin.amazonaws.cn" for
 * "aws-cn"); the aws partition's host for NULL or an unknown name. */
const char *sc_aws_signin_host(const char *name);

/* True when the @p n bytes at @p s are a region code of the D1 form
 * [a-z]{2}(-[a-z]+)+-[0-9]{1,2} (any partition's: "us-east-1", "cn-north-1",
 * "us-gov-west-1"). */
int sc_aws_region_valid(const char *s, size_t n);

/* ---- D1: AWS SAML sign-in (ACS) endpoints ---- */
enum {
    SC_ACS_NOT_HTTPS = 1u << 0, /* http:// */
    SC_ACS_TRAILING_SLASH = 1u << 1,
    SC_ACS_QUERY = 1u << 2,
    SC_ACS_FRAGMENT = 1u << 3,
    SC_ACS_UPPER_HOST = 1u << 4,
    SC_ACS_PORT = 1u << 5,         /* an explicit port (":443" included) */
    SC_ACS_FOREIGN_HOST = 1u << 6, /* not an AWS sign-in host (userinfo included) */
    SC_ACS_BAD_PATH = 1u << 7,     /* not /saml or /saml/acs/<IdP-ID> */
    SC_ACS_STATIC = 1u << 8,       /* /static/saml (warning sub-case) */
    SC_ACS_NOT_URL = 1u << 9,      /* no scheme://host at all */
    SC_ACS_WHITESPACE = 1u << 10,  /* D3 characters anywhere */
    SC_ACS_UPPER_SCHEME = 1u << 11
};

typedef struct sc_acs {
    unsigned defects;   /* SC_ACS_* bits; 0 = a D1 endpoint */
    char partition[16]; /* "aws", "aws-cn", "aws-us-gov"; "" for a foreign host */
    char region[32];    /* "" for the global host */
    char idp_id[64];    /* the <IdP-ID> of /saml/acs/<IdP-ID> (its first 63
                           characters when longer), or "" */
    char host[256];     /* lower-cased host as written (truncated) */
} sc_acs;

/* Judge @p url against the D1 grammar (all partitions). Never fails. */
void sc_aws_acs_parse(sc_acs *out, const char *url);

/* True when @p url is exactly a D1 endpoint of some partition (no defect). */
int sc_aws_acs_is_endpoint(const char *url);

/* ---- response/audience values ---- */
typedef enum sc_audience_kind {
    SC_AUD_OTHER = 0,
    SC_AUD_DOCUMENTED, /* https://signin.aws.amazon.com/saml, urn:amazon:webservices,
                                or the configured SP entity ID */
    SC_AUD_PLAUSIBLE   /* undocumented but plausible AWS value (info sub-case) */
} sc_audience_kind;

sc_audience_kind sc_aws_audience_classify(const char *value, const char *sp_entity_id);

#endif
