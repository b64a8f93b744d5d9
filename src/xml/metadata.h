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

struct sc_keys; /* crypto/keys.c */

typedef struct sc_md_cert {
    unsigned char *der; /* owned; NULL when it did not decode (filled by the
                             check layer, which owns the base64/X.509 code) */
    size_t der_len;
    const xmlNode *node;           /* borrowed <ds:X509Certificate>, valid while doc lives */
    const xmlNode *key_descriptor; /* borrowed <md:KeyDescriptor> */
    int signing;                   /* use="signing" or no use */
    int encryption;                /* use="encryption" or no use */
    const char *entity_id;         /* borrowed from entity_ids[]; NULL when the entity has none */
} sc_md_cert;

/* One selected entity. */
typedef struct sc_md_entity {
    const xmlNode *node;   /* borrowed <md:EntityDescriptor> */
    const char *entity_id; /* borrowed from entity_ids[]; NULL when absent or empty */
    const xmlNode *idpsso; /* borrowed first <md:IDPSSODescriptor>, or NULL */
} sc_md_entity;

typedef enum sc_md_root {
    SC_MD_ROOT_OTHER = 0, /* not SAML 2.0 metadata (metadata/root) */
    SC_MD_ROOT_ENTITY,    /* md:EntityDescriptor */
    SC_MD_ROOT_ENTITIES   /* md:EntitiesDescriptor */
} sc_md_root;

struct samlcheck_metadata {
    xmlDocPtr doc;     /* owned */
    char *name;        /* owned: file name for messages */
    char **entity_ids; /* owned array of owned strings: selected IdP entities
                             that have a non-empty entityID */
    size_t n_entities;
    sc_md_cert *certs; /* owned array: every X509Certificate of the selected
                             entities' IDPSSODescriptor KeyDescriptors */
    size_t n_certs;
    /* --- the rest is for the metadata checks --- */
    xmlNode *root; /* borrowed document element */
    sc_md_root root_kind;
    sc_md_entity *sel; /* owned array: the selected entities */
    size_t n_sel;
    size_t n_nested; /* EntityDescriptors found under an EntitiesDescriptor */
    /* --- trust material, built by the metadata checks (check layer) --- */
    struct sc_keys *keys; /* owned: the certificates decoded once (crypto/keys.c) */
    void (*keys_free)(struct sc_keys *);
    const char **ids_sorted; /* entity_ids sorted (strcmp), for sc_md_has_entity */
};

/* Walk a parsed document and build the model. Takes ownership of @p doc
 * (freed on failure too). @p name is copied (may be NULL). DER bytes of the
 * certificates are left NULL. Returns 0 or SAMLCHECK_ENOMEM. */
int sc_md_build_take(samlcheck_metadata **out, xmlDocPtr doc, const char *name);
/* Is @p id the entityID of a selected entity? O(log n). */
int sc_md_has_entity(const samlcheck_metadata *md, const char *id);
/* Free the model and its document. NULL is a no-op. */
void sc_md_free(samlcheck_metadata *md);

/* Cap on selected entities and certificates kept in the model (sec/limits
 * bounds the element count anyway). */
#define SC_MD_MAX_ITEMS 10000

#endif
