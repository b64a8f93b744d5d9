/* The only code that reads the system clock. Everything else gets "now"
 * from samlcheck_options.now (set from --now or from here by the CLI). */
#include "base.h"
#include <stdio.h>
#include <string.h>
#include <time.h>

long long sc_clock_now(void)
{
    struct timespec ts;
    if (clock_gettime(CLOCK_REALTIME, &ts) != 0)
        return 0;
    return (long long)ts.tv_sec;
}

/* Days from 1970-01-01 to y-m-d in the proleptic Gregorian calendar
 * (Howard Hinnant's days_from_civil). */
static long long days_from_civil(long long y, unsigned m, unsigned d)
{
    y -= m <= 2;
    long long era = (y >= 0 ? y : y - 399) / 400;
    unsigned yoe = (unsigned)(y - era * 400);
    unsigned doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    unsigned doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + (long long)doe - 719468;
}

static void civil_from_days(long long z, long long *y, unsigned *m, unsigned *d)
{
    z += 719468;
    long long era = (z >= 0 ? z : z - 146096) / 146097;
    unsigned doe = (unsigned)(z - era * 146097);
    unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    long long yy = (long long)yoe + era * 400;
    unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    unsigned mp = (5 * doy + 2) / 153;
    *d = doy - (153 * mp + 2) / 5 + 1;
    *m = mp < 10 ? mp + 3 : mp - 9;
    *y = yy + (*m <= 2);
}

static int digits(const char *s, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (s[i] < '0' || s[i] > '9')
            return -1;
        v = v * 10 + (s[i] - '0');
    }
    *out = v;
    return 0;
}

static int is_leap(long long y)
{
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

int sc_time_parse(const char *s, long long *out, int *had_offset, int *no_zone)
{
    int Y, M, D, h, m, sec;
    if (had_offset)
        *had_offset = 0;
    if (no_zone)
        *no_zone = 0;
    if (!s || strlen(s) < 19)
        return -1;
    if (digits(s, 4, &Y) || s[4] != '-' || digits(s + 5, 2, &M) || s[7] != '-' ||
        digits(s + 8, 2, &D) || (s[10] != 'T') || digits(s + 11, 2, &h) || s[13] != ':' ||
        digits(s + 14, 2, &m) || s[16] != ':' || digits(s + 17, 2, &sec))
        return -1;
    static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (M < 1 || M > 12 || D < 1)
        return -1;
    if (D > mdays[M - 1] + (M == 2 && is_leap(Y)))
        return -1;
    if (h > 24 || m > 59 || sec > 59 || (h == 24 && (m || sec)))
        return -1;
    const char *p = s + 19;
    if (*p == '.') {
        p++;
        if (*p < '0' || *p > '9')
            return -1;
        while (*p >= '0' && *p <= '9')
            p++;
    }
    long long off = 0;
    if (*p == 'Z') {
        p++;
    } else if (*p == '+' || *p == '-') {
        int oh, om;
        if (digits(p + 1, 2, &oh) || p[3] != ':' || digits(p + 4, 2, &om) || oh > 14 || om > 59)
            return -1;
        off = (oh * 3600LL + om * 60LL) * (*p == '+' ? 1 : -1);
        if (had_offset)
            *had_offset = 1;
        p += 6;
    } else if (*p == '\0') {
        if (no_zone)
            *no_zone = 1;
    } else {
        return -1;
    }
    if (*p != '\0')
        return -1;
    long long days = days_from_civil(Y, (unsigned)M, (unsigned)D);
    *out = days * 86400LL + h * 3600LL + m * 60LL + sec - off;
    return 0;
}

long long sc_time_from_civil(long long year, unsigned month, unsigned day, int hour, int min,
                             int sec)
{
    return days_from_civil(year, month, day) * 86400LL + hour * 3600LL + min * 60LL + sec;
}

void sc_time_format(long long t, char *buf, size_t size)
{
    long long days = t >= 0 ? t / 86400 : -((-t + 86399) / 86400);
    long long rem = t - days * 86400;
    long long y;
    unsigned mo, d;
    civil_from_days(days, &y, &mo, &d);
    snprintf(buf, size, "%04lld-%02u-%02uT%02lld:%02lld:%02lldZ", y, mo, d, rem / 3600,
             (rem / 60) % 60, rem % 60);
}

void sc_duration_format(long long secs, char *buf, size_t size)
{
    long long a = secs < 0 ? -secs : secs;
    if (a < 120)
        snprintf(buf, size, "%llds", a);
    else if (a < 7200)
        snprintf(buf, size, "%lldm %llds", a / 60, a % 60);
    else if (a < 2 * 86400)
        snprintf(buf, size, "%lldh %lldm", a / 3600, (a / 60) % 60);
    else
        snprintf(buf, size, "%lld days", a / 86400);
}
