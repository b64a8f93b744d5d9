/* The IdP metadata model (SAML-META section 2.3): which entities are
 * "selected" (RULES.md section 6: the root EntityDescriptor, or each nested
 * EntityDescriptor with an IDPSSODescriptor under an EntitiesDescriptor),
 * their entityIDs, and every certificate of their IDPSSODescriptor
 * KeyDescriptors with its use. Rule checks live in check/check_metadata.c;
 * certificate decoding in crypto/cert.c (this layer does not depend on it). */
#include "metadata.h"
#include "xml.h"
#include "../base/base.h"
#include <stdlib.h>
#include <string.h>

/* Nested EntitiesDescriptor depth; the parser's depth limit (64) is lower. */
#define MAX_NEST 64

typedef struct walk {
    samlcheck_metadata *md;
    size_t cap_sel;
} walk;

static int add_entity(walk *w, const xmlNode *ed)
{
    samlcheck_metadata *md = w->md;
    if (md->n_sel >= SC_MD_MAX_ITEMS)
        return 0;
    sc_md_entity *nv = sc_grow(md->sel, md->n_sel, &w->cap_sel, sizeof *nv, 4);
    if (!nv)
        return SAMLCHECK_ENOMEM;
    md->sel = nv;
    sc_md_entity *e = &md->sel[md->n_sel++];
    memset(e, 0, sizeof *e);
    e->node = ed;
    e->idpsso = sc_xml_child(ed, SC_NS_MD, "IDPSSODescriptor");
    return 0;
}

/* Collect nested EntityDescriptors with an IDPSSODescriptor. */
static int collect(walk *w, const xmlNode *container, int depth)
{
    if (depth > MAX_NEST)
        return 0;
    for (xmlNode *c = sc_xml_first_elem(container); c; c = sc_xml_next_elem(c)) {
        int rc = 0;
        if (sc_xml_is(c, SC_NS_MD, "EntityDescriptor")) {
            w->md->n_nested++;
            if (sc_xml_child(c, SC_NS_MD, "IDPSSODescriptor"))
                rc = add_entity(w, c);
        } else if (sc_xml_is(c, SC_NS_MD, "EntitiesDescriptor")) {
            rc = collect(w, c, depth + 1);
        }
        if (rc)
            return rc;
    }
    return 0;
}

static int count_certs(const samlcheck_metadata *md)
{
    size_t n = 0;
    for (size_t i = 0; i < md->n_sel; i++)
        for (xmlNode *sso = sc_xml_first_elem(md->sel[i].node); sso; sso = sc_xml_next_elem(sso)) {
            if (!sc_xml_is(sso, SC_NS_MD, "IDPSSODescriptor"))
                continue;
            for (xmlNode *kd = sc_xml_child(sso, SC_NS_MD, "KeyDescriptor"); kd;
                 kd = sc_xml_next(kd, SC_NS_MD, "KeyDescriptor")) {
                xmlNode *ki = sc_xml_child(kd, SC_NS_DS, "KeyInfo");
                for (xmlNode *xd = sc_xml_child(ki, SC_NS_DS, "X509Data"); xd;
                     xd = sc_xml_next(xd, SC_NS_DS, "X509Data"))
                    n += sc_xml_count(xd, SC_NS_DS, "X509Certificate");
            }
        }
    return n > SC_MD_MAX_ITEMS ? SC_MD_MAX_ITEMS : (int)n;
}

static void add_certs(samlcheck_metadata *md, size_t cap)
{
    for (size_t i = 0; i < md->n_sel; i++)
        for (xmlNode *sso = sc_xml_first_elem(md->sel[i].node); sso; sso = sc_xml_next_elem(sso)) {
            if (!sc_xml_is(sso, SC_NS_MD, "IDPSSODescriptor"))
                continue;
            for (xmlNode *kd = sc_xml_child(sso, SC_NS_MD, "KeyDescriptor"); kd;
                 kd = sc_xml_next(kd, SC_NS_MD, "KeyDescriptor")) {
                xmlChar *use = xmlGetNoNsProp(kd, (const xmlChar *)"use");
                int sig = !use || strcmp((const char *)use, "signing") == 0;
                int enc = !use || strcmp((const char *)use, "encryption") == 0;
                xmlFree(use);
                xmlNode *ki = sc_xml_child(kd, SC_NS_DS, "KeyInfo");
                for (xmlNode *xd = sc_xml_child(ki, SC_NS_DS, "X509Data"); xd;
                     xd = sc_xml_next(xd, SC_NS_DS, "X509Data"))
                    for (xmlNode *xc = sc_xml_child(xd, SC_NS_DS, "X509Certificate"); xc;
                         xc = sc_xml_next(xc, SC_NS_DS, "X509Certificate")) {
                        if (md->n_certs >= cap)
                            return;
                        sc_md_cert *c = &md->certs[md->n_certs++];
                        memset(c, 0, sizeof *c);
                        c->node = xc;
                        c->key_descriptor = kd;
                        c->signing = sig;
                        c->encryption = enc;
                        c->entity_id = md->sel[i].entity_id;
                    }
            }
        }
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(const char *const *)a, *(const char *const *)b);
}

int sc_md_has_entity(const samlcheck_metadata *md, const char *id)
{
    if (!md || !id || !md->ids_sorted)
        return 0;
    return bsearch(&id, md->ids_sorted, md->n_entities, sizeof *md->ids_sorted, cmp_str) != NULL;
}

int sc_md_build_take(samlcheck_metadata **out, xmlDocPtr doc, const char *name)
{
    samlcheck_metadata *md = NULL;
    walk w = {NULL, 0};
    int rc = SAMLCHECK_ENOMEM;

    *out = NULL;
    md = calloc(1, sizeof *md);
    if (!md) {
        xmlFreeDoc(doc);
        return SAMLCHECK_ENOMEM;
    }
    md->doc = doc;
    w.md = md;
    if (name && !(md->name = sc_strdup(name)))
        goto out;
    md->root = xmlDocGetRootElement(doc);
    if (sc_xml_is(md->root, SC_NS_MD, "EntityDescriptor")) {
        md->root_kind = SC_MD_ROOT_ENTITY;
        if ((rc = add_entity(&w, md->root)))
            goto out;
    } else if (sc_xml_is(md->root, SC_NS_MD, "EntitiesDescriptor")) {
        md->root_kind = SC_MD_ROOT_ENTITIES;
        if ((rc = collect(&w, md->root, 0)))
            goto out;
    }
    rc = SAMLCHECK_ENOMEM;
    if (md->n_sel) {
        md->entity_ids = calloc(md->n_sel, sizeof *md->entity_ids);
        if (!md->entity_ids)
            goto out;
    }
    for (size_t i = 0; i < md->n_sel; i++) {
        xmlChar *id = xmlGetNoNsProp(md->sel[i].node, (const xmlChar *)"entityID");
        if (id && *id) {
            char *c = sc_strdup((const char *)id);
            xmlFree(id);
            if (!c)
                goto out;
            md->entity_ids[md->n_entities] = c;
            md->sel[i].entity_id = c;
            md->n_entities++;
        } else {
            xmlFree(id);
        }
    }
    if (md->n_entities) {
        md->ids_sorted = malloc(md->n_entities * sizeof *md->ids_sorted);
        if (!md->ids_sorted)
            goto out;
        for (size_t i = 0; i < md->n_entities; i++)
            md->ids_sorted[i] = md->entity_ids[i];
        qsort(md->ids_sorted, md->n_entities, sizeof *md->ids_sorted, cmp_str);
    }
    size_t nc = (size_t)count_certs(md);
    if (nc) {
        md->certs = calloc(nc, sizeof *md->certs);
        if (!md->certs)
            goto out;
        add_certs(md, nc);
    }
    *out = md;
    md = NULL;
    rc = 0;
out:
    sc_md_free(md);
    return rc;
}

void sc_md_free(samlcheck_metadata *md)
{
    if (!md)
        return;
    if (md->keys && md->keys_free)
        md->keys_free(md->keys); /* before the DER it borrows */
    free(md->ids_sorted);
    for (size_t i = 0; i < md->n_certs; i++)
        free(md->certs[i].der);
    free(md->certs);
    for (size_t i = 0; i < md->n_entities; i++)
        free(md->entity_ids[i]);
    free(md->entity_ids);
    free(md->sel);
    free(md->name);
    xmlFreeDoc(md->doc);
    free(md);
}
