/* Batch inputs (issue 14): directories with -r (filtered by --include and
 * --exclude globs, walked in byte-sorted order so output is deterministic)
 * and --files-from lists (newline- or, with -0, NUL-separated). The
 * expanded names replace a directory in place; --files-from names follow
 * the command-line inputs. */
#include "cli.h"
#include "samlcheck/samlcheck.h"
#include <dirent.h>
#include <errno.h>
#include <fnmatch.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#define WALK_MAX_DEPTH 64
#define FILES_FROM_MAX (256u * 1024 * 1024)

static int own(cli_opts *o, char *s)
{
    return s && cli_own(o, s) ? 0 : -1;
}

static int oom(const char *cmd)
{
    fprintf(stderr, "samlcheck %s: out of memory\n", cmd);
    return 2;
}

/* A glob matches the base name, or with a '/' in it the path relative
 * to the directory named on the command line. */
static int glob_match(const char *const *globs, size_t n, const char *rel)
{
    const char *base = strrchr(rel, '/');
    base = base ? base + 1 : rel;
    for (size_t i = 0; i < n; i++) {
        if (strchr(globs[i], '/') ? fnmatch(globs[i], rel, FNM_PATHNAME) == 0
                                  : fnmatch(globs[i], base, 0) == 0)
            return 1;
    }
    return 0;
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Add the files under @p dir (rel: the part below the root, "" at it);
 * *found counts them. */
static int walk(cli_opts *o, const char *cmd, const char *dir, size_t root_len, int depth,
                size_t *found)
{
    if (depth > WALK_MAX_DEPTH) {
        cli_err_line("samlcheck %s: %s: directories nested deeper than %d levels", cmd, dir,
                     WALK_MAX_DEPTH);
        return 2;
    }
    DIR *d = opendir(dir);
    if (!d) {
        cli_err_line("samlcheck %s: %s: cannot read the directory: %s", cmd, dir, strerror(errno));
        return 2;
    }
    char **names = NULL;
    size_t n = 0, cap = 0;
    int rc = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (e->d_name[0] == '.') /* ".", "..", hidden files and directories */
            continue;
        if (n == cap) {
            size_t c = cap ? cap * 2 : 32;
            char **nv = realloc(names, c * sizeof *nv);
            if (!nv) {
                rc = oom(cmd);
                break;
            }
            names = nv;
            cap = c;
        }
        if (!(names[n] = strdup(e->d_name))) {
            rc = oom(cmd);
            break;
        }
        n++;
    }
    closedir(d);
    if (!rc && n)
        qsort(names, n, sizeof *names, by_name);
    size_t dl = strlen(dir);
    int slash = dl > 0 && dir[dl - 1] == '/';
    for (size_t i = 0; i < n && !rc; i++) {
        size_t pl = dl + 1 + strlen(names[i]) + 1;
        char *path = malloc(pl);
        if (!path) {
            rc = oom(cmd);
            break;
        }
        snprintf(path, pl, "%s%s%s", dir, slash ? "" : "/", names[i]);
        const char *rel = path + root_len;
        while (*rel == '/')
            rel++;
        struct stat st;
        int is_dir = 0, is_file = 0;
        if (lstat(path, &st) == 0) {
            if (S_ISDIR(st.st_mode))
                is_dir = 1; /* a symbolic link to a directory is not followed (loops) */
            else if (S_ISREG(st.st_mode) ||
                     (S_ISLNK(st.st_mode) && stat(path, &st) == 0 && S_ISREG(st.st_mode)))
                is_file = 1;
        }
        if (glob_match(o->exclude, o->n_exclude, rel) || (!is_dir && !is_file)) {
            free(path);
        } else if (is_dir) {
            rc = walk(o, cmd, path, root_len, depth + 1, found);
            free(path);
        } else if (o->n_include && !glob_match(o->include, o->n_include, rel)) {
            free(path);
        } else if (own(o, path) || cli_add_input(o, path)) {
            rc = oom(cmd);
        } else {
            (*found)++;
        }
    }
    for (size_t i = 0; i < n; i++)
        free(names[i]);
    free(names);
    return rc;
}

/* One named input: a directory under -r becomes its files. */
static int add_named(cli_opts *o, const char *cmd, const char *path)
{
    struct stat st;
    if (o->recursive && strcmp(path, "-") != 0 && stat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
        size_t found = 0;
        int rc = walk(o, cmd, path, strlen(path), 0, &found);
        if (!rc && !found) {
            /* an empty run must not read as a clean one */
            cli_err_line("samlcheck %s: %s: no files to check in the directory%s", cmd, path,
                         o->n_include || o->n_exclude ? " (after --include/--exclude)" : "");
            rc = 2;
        }
        return rc;
    }
    return cli_add_input(o, path) ? oom(cmd) : 0;
}

static int read_list(cli_opts *o, const char *cmd, const char *name)
{
    unsigned char *data = NULL;
    size_t len = 0;
    samlcheck_error err;
    samlcheck_error_clear(&err);
    int rc = samlcheck_input_read_file(&data, &len, name, FILES_FROM_MAX, &err);
    if (rc) {
        cli_err_line("samlcheck %s: --files-from %s: %s", cmd, name,
                     err.message[0] ? err.message : "cannot read");
        return 2;
    }
    char *text = (char *)data;
    if (own(o, text))
        return oom(cmd);
    if (!o->null_sep && memchr(text, '\0', len)) {
        cli_err_line("samlcheck %s: --files-from %s: the list holds NUL bytes (add -0 for a "
                     "NUL-separated list)",
                     cmd, name);
        return 2;
    }
    size_t count = 0;
    char sep = o->null_sep ? '\0' : '\n';
    for (size_t i = 0; i < len;) {
        char *s = text + i;
        char *end = memchr(s, sep, len - i);
        size_t l = end ? (size_t)(end - s) : len - i;
        s[l] = '\0'; /* data is NUL-terminated past len */
        i += l + 1;
        if (!o->null_sep && l && s[l - 1] == '\r')
            s[--l] = '\0';
        if (!l)
            continue; /* blank line */
        if (!strcmp(s, "-")) {
            cli_err_line("samlcheck %s: --files-from %s: '-' (standard input) cannot be listed",
                         cmd, name);
            return 2;
        }
        if ((rc = add_named(o, cmd, s)) != 0)
            return rc;
        count++;
    }
    if (!count) {
        cli_err_line("samlcheck %s: --files-from %s names no input", cmd, name);
        return 2;
    }
    return 0;
}

int cli_expand_inputs(cli_opts *o, const char *cmd)
{
    if (o->null_sep && !o->n_files_from) {
        cli_err_line("samlcheck %s: -0 says how --files-from names are separated: add "
                     "--files-from",
                     cmd);
        return 2;
    }
    int stdin_list = 0;
    for (size_t i = 0; i < o->n_files_from; i++)
        stdin_list += !strcmp(o->files_from[i], "-");
    if (stdin_list > 1) {
        cli_err_line("samlcheck %s: --files-from - (standard input) given twice", cmd);
        return 2;
    }
    /* the named inputs, with directories expanded in place */
    size_t n = o->n_inputs;
    const char **named = o->inputs;
    o->inputs = NULL;
    o->n_inputs = o->cap_inputs = 0;
    int rc = 0;
    for (size_t i = 0; i < n && !rc; i++) {
        if (stdin_list && !strcmp(named[i], "-")) {
            cli_err_line("samlcheck %s: standard input is the --files-from list; it cannot "
                         "also be an input",
                         cmd);
            rc = 2;
        } else {
            rc = add_named(o, cmd, named[i]);
        }
    }
    free(named);
    for (size_t i = 0; i < o->n_files_from && !rc; i++)
        rc = read_list(o, cmd, o->files_from[i]);
    return rc;
}
