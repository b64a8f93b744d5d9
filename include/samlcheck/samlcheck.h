#ifndef SAMLCHECK_SAMLCHECK_H
#define SAMLCHECK_SAMLCHECK_H

/**
 * @file samlcheck.h
 * Umbrella header of libsamlcheck: offline checks that tell why a SAML
 * federation with AWS IAM will fail.
 */

#include "error.h"
#include "rules.h"
#include "report.h"
#include "input.h"
#include "check.h"

#ifdef __cplusplus
extern "C" {
#endif

#define SAMLCHECK_VERSION "0.1.0"

/** @return the library version string (static). */
const char *samlcheck_version(void);

/**
 * Initialise libxml2, OpenSSL and xmlsec for samlcheck: no network, no
 * external entities, errors captured instead of printed. Call once before
 * any check. @return 0 or SAMLCHECK_ECRYPTO.
 */
int samlcheck_global_init(void);

/** Release what samlcheck_global_init() set up. */
void samlcheck_global_cleanup(void);

#ifdef __cplusplus
}
#endif
#endif
