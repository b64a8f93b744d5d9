/* xml/response.c: not written yet (see docs/architecture.md). */
typedef int sc_placeholder_response;
