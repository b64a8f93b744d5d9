#ifndef SC_JUDGE_H
#define SC_JUDGE_H
/* The instant a response is judged at, and where it came from (issue 12:
 * a capture is judged as of its capture). check_input.c chooses it per
 * response; check_response.c applies it. */
#include "samlcheck/check.h"

typedef enum sc_clock_source {
    SC_CLOCK_GIVEN,    /* opts->now: --now or an API caller's instant */
    SC_CLOCK_CAPTURED, /* the request time the capture recorded (HAR startedDateTime) */
    SC_CLOCK_EXPORTED, /* no request time, only the capture's export time (SAML-tracer) */
    SC_CLOCK_WALL      /* the system clock: nothing better is known */
} sc_clock_source;

typedef struct sc_judge {
    long long now;            /* the instant every time check uses */
    sc_clock_source source;   /* where it came from */
    long long captured;       /* when have_captured: the capture's time */
    int have_captured;        /* 1 request time, 2 export time (an upper bound) */
    const char *capture_kind; /* "HAR" or "SAML-tracer" (static), when have_captured */
} sc_judge;

/* samlcheck_check_response() with an explicit clock. */
int sc_check_response_judged(samlcheck_report *r, const unsigned char *xml, size_t len,
                             size_t encoded_len, const samlcheck_options *opts, const sc_judge *j,
                             samlcheck_error *err);

#endif
