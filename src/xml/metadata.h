#ifndef SC_METADATA_H
#define SC_METADATA_H
#ifndef SAMLCHECK_INTERNAL
#error "internal header: build with -DSAMLCHECK_INTERNAL"
#endif

/* The IdP metadata model: the selected entities (the root EntityDescriptor,
 * or each nested EntityDescriptor with an IDPSSODescriptor) with their
 * entityIDs and certificates. Used by `samlcheck metadata` and as the trust
 * anchor of `samlcheck response --metadata`. */

#include <libxml/tree.h>
#include "samlcheck/check.h"

typedef struct sc_md_cert {
    unsigned char *der;   /* owned; NULL when it did not decode */
    size_t der_len;
    const xmlNode *node;  /* borrowed <ds:X509Certificate>, valid while doc lives */
    int signing;          /* use="signing" or no use */
    int encryption;       /* use="encryption" or no use */
    const char *entity_id;/* borrowed from entity_ids[] */
} sc_md_cert;

struct samlcheck_metadata {
    xmlDocPtr doc;        /* owned */
    char *name;           /* owned: file name for messages */
    char **entity_ids;    /* owned array of owned strings: selected IdP entities */
    size_t n_entities;
    sc_md_cert *certs;    /* owned array: every X509Certificate of the selected
                             entities' IDPSSODescriptor KeyDescriptors */
    size_t n_certs;
};

#endif
