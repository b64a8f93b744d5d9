/* input/tracer.c: not written yet (see docs/architecture.md). */
typedef int sc_placeholder_tracer;
