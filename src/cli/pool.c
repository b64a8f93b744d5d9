/* -j N (issue 14): check inputs on worker threads, emit them in input order.
 *
 * Workers take the next input number under a lock and fill that input's
 * slot; the calling thread (the only one that writes output or stderr)
 * waits for slot i, emits it, clears it and moves on. A worker never runs
 * more than `window` inputs ahead of the writer, so at most `window`
 * inputs' reports are held at once (memory stays flat in the number of
 * inputs) and the output is the same, byte for byte, as one thread's.
 * When emit() stops the run (a fatal error), the workers finish the input
 * in hand and quit; the slots checked but never emitted are dropped
 * (their messages are never printed, as -j 1 never reaches them). */
#ifndef _GNU_SOURCE
#define _GNU_SOURCE /* sched_getaffinity, CPU_COUNT */
#endif
#include "cli.h"
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#if defined(__linux__)
#include <sched.h>
#endif

/* The stack of a worker: what the main thread gets on Linux by default
 * (RLIMIT_STACK is often 8 MiB); set explicitly so that an "unlimited"
 * RLIMIT_STACK does not shrink it to glibc's 2 MiB fallback. */
#define POOL_STACK (8u * 1024 * 1024)

typedef struct pool {
    pthread_mutex_t mu;
    pthread_cond_t done_cv;  /* a slot was filled */
    pthread_cond_t space_cv; /* the writer moved on, or stop */
    size_t n, next, written, window;
    int stop;
    unsigned char *slots;
    unsigned char *done;
    size_t slot_size;
    cli_pool_work work;
    void *ctx;
} pool;

long cli_online_cores(void)
{
    long n = sysconf(_SC_NPROCESSORS_ONLN);
#if defined(__linux__) && defined(CPU_COUNT)
    cpu_set_t set;
    CPU_ZERO(&set);
    if (sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) > 0 &&
        (n < 1 || CPU_COUNT(&set) < n))
        n = CPU_COUNT(&set);
#endif
    if (n < 1)
        n = 1;
    return n > CLI_JOBS_MAX ? CLI_JOBS_MAX : n;
}

static void *worker(void *arg)
{
    pool *p = arg;
    for (;;) {
        pthread_mutex_lock(&p->mu);
        while (!p->stop && p->next < p->n && p->next >= p->written + p->window)
            pthread_cond_wait(&p->space_cv, &p->mu);
        if (p->stop || p->next >= p->n) {
            pthread_mutex_unlock(&p->mu);
            return NULL;
        }
        size_t i = p->next++;
        pthread_mutex_unlock(&p->mu);
        size_t s = i % p->window;
        p->work(p->ctx, i, p->slots + s * p->slot_size);
        pthread_mutex_lock(&p->mu);
        p->done[s] = 1;
        pthread_cond_broadcast(&p->done_cv);
        pthread_mutex_unlock(&p->mu);
    }
}

/* One thread: check and emit input by input. */
static int run_serial(size_t n, size_t slot_size, cli_pool_work work, cli_pool_emit emit, void *ctx)
{
    unsigned char *slot = calloc(1, slot_size);
    if (!slot) {
        fprintf(stderr, "samlcheck: out of memory\n");
        return 2;
    }
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        work(ctx, i, slot);
        rc = emit(ctx, i, slot);
        memset(slot, 0, slot_size);
    }
    free(slot);
    return rc;
}

int cli_pool_run(size_t n, unsigned jobs, size_t slot_size, cli_pool_work work, cli_pool_emit emit,
                 cli_pool_drop drop, void *ctx)
{
    if (jobs <= 1 || n <= 1)
        return run_serial(n, slot_size, work, emit, ctx);
    if (jobs > n)
        jobs = (unsigned)n;
    pool p;
    memset(&p, 0, sizeof p);
    p.n = n;
    p.window = (size_t)jobs * 2;
    p.slot_size = slot_size;
    p.work = work;
    p.ctx = ctx;
    p.slots = calloc(p.window, slot_size);
    p.done = calloc(p.window, 1);
    pthread_t *th = calloc(jobs, sizeof *th);
    if (!p.slots || !p.done || !th) {
        free(p.slots);
        free(p.done);
        free(th);
        fprintf(stderr, "samlcheck: out of memory\n");
        return 2;
    }
    pthread_mutex_init(&p.mu, NULL);
    pthread_cond_init(&p.done_cv, NULL);
    pthread_cond_init(&p.space_cv, NULL);
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, POOL_STACK);
    unsigned started = 0;
    for (; started < jobs; started++)
        if (pthread_create(&th[started], &attr, worker, &p) != 0)
            break;
    pthread_attr_destroy(&attr);
    int rc = 0;
    if (!started) {
        fprintf(stderr, "samlcheck: cannot start a worker thread (-j %u)\n", jobs);
        rc = 2;
    }
    for (size_t i = 0; i < n && !rc; i++) {
        size_t s = i % p.window;
        pthread_mutex_lock(&p.mu);
        while (!p.done[s])
            pthread_cond_wait(&p.done_cv, &p.mu);
        pthread_mutex_unlock(&p.mu);
        unsigned char *slot = p.slots + s * slot_size;
        rc = emit(ctx, i, slot);
        memset(slot, 0, slot_size);
        pthread_mutex_lock(&p.mu);
        p.done[s] = 0;
        p.written = i + 1;
        pthread_cond_broadcast(&p.space_cv);
        pthread_mutex_unlock(&p.mu);
    }
    pthread_mutex_lock(&p.mu);
    p.stop = 1;
    pthread_cond_broadcast(&p.space_cv);
    pthread_mutex_unlock(&p.mu);
    for (unsigned t = 0; t < started; t++)
        pthread_join(th[t], NULL);
    for (size_t s = 0; s < p.window; s++)
        if (p.done[s])
            drop(ctx, p.slots + s * slot_size);
    pthread_cond_destroy(&p.space_cv);
    pthread_cond_destroy(&p.done_cv);
    pthread_mutex_destroy(&p.mu);
    free(p.slots);
    free(p.done);
    free(th);
    return rc;
}
