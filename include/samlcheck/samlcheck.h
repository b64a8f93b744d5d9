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
#include "samlcheck/version.h" /* generated: in the build tree or installed */

#ifdef __cplusplus
extern "C" {
#endif

/** @return the version string of the library in use (static), which may
 *  differ from the SAMLCHECK_VERSION the program was compiled with. */
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
