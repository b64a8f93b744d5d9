/* crypto/ossl_err.c: not written yet (see docs/architecture.md). */
typedef int sc_placeholder_ossl_err;
