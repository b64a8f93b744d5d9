/* main() for the fuzz targets without libFuzzer: replays every file given
 * on the command line (a directory means every regular file in it), or by
 * default every file of testdata/corpus/<target>/, through
 * LLVMFuzzerTestOneInput - whole, and cut in half, to catch code that
 * trusts a complete document. Output is TAP; a crash, a sanitizer report or
 * a leak fails the test. Used by make check (and under valgrind). */
#include "fuzz.h"
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#ifndef SC_FUZZ_TARGET
#error "define SC_FUZZ_TARGET as the corpus name, e.g. \"xml\""
#endif

#define MAX_FILES 4096

typedef struct name_list {
    char *v[MAX_FILES];
    size_t n;
} name_list;

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int add(name_list *l, const char *dir, const char *name)
{
    size_t need = (dir ? strlen(dir) + 1 : 0) + strlen(name) + 1;
    char *p;
    if (l->n >= MAX_FILES)
        return -1;
    p = malloc(need);
    if (!p)
        return -1;
    snprintf(p, need, "%s%s%s", dir ? dir : "", dir ? "/" : "", name);
    l->v[l->n++] = p;
    return 0;
}

static int collect(name_list *l, const char *path)
{
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (!S_ISDIR(st.st_mode))
        return add(l, NULL, path);
    DIR *d = opendir(path);
    if (!d)
        return -1;
    size_t first = l->n;
    for (struct dirent *e; (e = readdir(d));) {
        char full[4096];
        if (e->d_name[0] == '.')
            continue;
        snprintf(full, sizeof full, "%s/%s", path, e->d_name);
        if (stat(full, &st) == 0 && S_ISREG(st.st_mode) && add(l, path, e->d_name) != 0) {
            closedir(d);
            return -1;
        }
    }
    closedir(d);
    qsort(l->v + first, l->n - first, sizeof l->v[0], cmp_str);
    return 0;
}

static int run_file(const char *path)
{
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    struct stat st;
    if (stat(path, &st) != 0)
        return -1;
    if (st.st_size == 0) /* the empty input (samlcheck_input_read_file refuses it) */
        return LLVMFuzzerTestOneInput((const uint8_t *)"", 0);
    if ((unsigned long long)st.st_size > SC_FUZZ_MAX_INPUT)
        return 0; /* the target would ignore it */
    samlcheck_error_clear(&err);
    if (samlcheck_input_read_file(&data, &len, path, SC_FUZZ_MAX_INPUT, &err) != 0 || !data)
        return -1;
    /* Exact-size copies so that ASan sees any read past the end. */
    unsigned char *whole = malloc(len ? len : 1);
    if (!whole) {
        free(data);
        return -1;
    }
    memcpy(whole, data, len);
    free(data);
    LLVMFuzzerTestOneInput(whole, len);
    if (len > 1)
        LLVMFuzzerTestOneInput(whole, len / 2);
    free(whole);
    return 0;
}

int main(int argc, char **argv)
{
    static name_list l;
    int status = 0;
    if (argc > 1) {
        for (int i = 1; i < argc; i++)
            if (collect(&l, argv[i]) != 0) {
                fprintf(stderr, "cannot read %s\n", argv[i]);
                status = 1;
            }
    } else {
        char dir[4096];
        snprintf(dir, sizeof dir, "%s/testdata/corpus/%s", sc_fuzz_srcdir(), SC_FUZZ_TARGET);
        if (collect(&l, dir) != 0) {
            printf("1..0 # SKIP no corpus at %s\n", dir);
            return 0;
        }
    }
    printf("1..%zu\n", l.n);
    for (size_t i = 0; i < l.n; i++) {
        fflush(stdout);
        if (run_file(l.v[i]) == 0)
            printf("ok %zu - %s: %s\n", i + 1, SC_FUZZ_TARGET, l.v[i]);
        else
            printf("not ok %zu - %s: %s cannot be read\n", i + 1, SC_FUZZ_TARGET, l.v[i]);
        free(l.v[i]);
    }
    fflush(stdout);
    sc_fuzz_target_cleanup();
    samlcheck_global_cleanup();
    return status;
}
