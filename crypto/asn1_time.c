/*
 * ASN1_TIME: UTCTime ("YYMMDDHHMMSSZ") or GeneralizedTime
 * ("YYYYMMDDHHMMSS[.fff]Z") text. Conversions go through seconds since
 * 1970 with the proleptic Gregorian calendar, so dates past 2038 work
 * whatever time_t the C library has.
 */
#include "internal/asn1_obj.h"

#include <stdio.h>
#include <string.h>
#include <time.h>

#include <openssl/err.h>

static int64_t days_from_civil(int64_t y, int m, int d)
{
    y -= m <= 2;
    int64_t era = (y >= 0 ? y : y - 399) / 400;
    int64_t yoe = y - era * 400;
    int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

static void civil_from_days(int64_t z, int64_t *y, int *m, int *d)
{
    z += 719468;
    int64_t era = (z >= 0 ? z : z - 146096) / 146097;
    int64_t doe = z - era * 146097;
    int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int64_t mp = (5 * doy + 2) / 153;
    *d = (int)(doy - (153 * mp + 2) / 5 + 1);
    *m = (int)(mp < 10 ? mp + 3 : mp - 9);
    *y = yoe + era * 400 + (*m <= 2);
}

static int digits(const unsigned char *p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if (p[i] < '0' || p[i] > '9')
            return 0;
        v = v * 10 + (p[i] - '0');
    }
    *out = v;
    return 1;
}

/* Broken-down fields of a time string; fractional seconds are skipped. */
typedef struct {
    int year, mon, mday, hour, min, sec;
    const unsigned char *frac; /* ".fff" or NULL */
    int frac_len;
} time_fields;

static int parse_fields(const ASN1_TIME *t, time_fields *f)
{
    if (t == NULL || t->data == NULL)
        return 0;
    const unsigned char *p = t->data;
    int n = t->length, i = 0;
    memset(f, 0, sizeof(*f));
    if (t->type == V_ASN1_UTCTIME) {
        if (n < 11 || !digits(p, 2, &f->year))
            return 0;
        f->year += f->year < 50 ? 2000 : 1900;
        i = 2;
    } else if (t->type == V_ASN1_GENERALIZEDTIME) {
        if (n < 13 || !digits(p, 4, &f->year))
            return 0;
        i = 4;
    } else {
        return 0;
    }
    if (!digits(p + i, 2, &f->mon) || !digits(p + i + 2, 2, &f->mday) ||
        !digits(p + i + 4, 2, &f->hour) || !digits(p + i + 6, 2, &f->min))
        return 0;
    i += 8;
    /* Seconds are mandatory in DER but optional in BER UTCTime. */
    if (i + 2 <= n && p[i] >= '0' && p[i] <= '9') {
        if (!digits(p + i, 2, &f->sec))
            return 0;
        i += 2;
    }
    if (t->type == V_ASN1_GENERALIZEDTIME && i < n && p[i] == '.') {
        f->frac = p + i;
        i++;
        while (i < n && p[i] >= '0' && p[i] <= '9')
            i++;
        f->frac_len = (int)(p + i - f->frac);
        if (f->frac_len < 2)
            return 0;
    }
    if (i != n - 1 || p[i] != 'Z')
        return 0;
    static const int mdays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (f->mon < 1 || f->mon > 12 || f->mday < 1 || f->mday > mdays[f->mon - 1] ||
        f->hour > 23 || f->min > 59 || f->sec > 59)
        return 0;
    if (f->mon == 2 && f->mday == 29 &&
        !((f->year % 4 == 0 && f->year % 100 != 0) || f->year % 400 == 0))
        return 0;
    return 1;
}

int mintls_asn1_time_to_epoch(const ASN1_TIME *t, int64_t *out)
{
    time_fields f;
    if (!parse_fields(t, &f))
        return 0;
    *out = days_from_civil(f.year, f.mon, f.mday) * 86400 + f.hour * 3600 + f.min * 60 + f.sec;
    return 1;
}

ASN1_TIME *mintls_asn1_time_from_epoch(ASN1_TIME *reuse, int64_t t)
{
    int64_t days = t / 86400, rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    if (y < 0 || y > 9999) {
        ERR_raise(ERR_LIB_ASN1, ASN1_R_ERROR_GETTING_TIME);
        return NULL;
    }
    char buf[20];
    int type;
    int hh = (int)(rem / 3600), mm = (int)(rem / 60 % 60), ss = (int)(rem % 60);
    if (y >= 1950 && y < 2050) {
        snprintf(buf, sizeof(buf), "%02d%02d%02d%02d%02d%02dZ", (int)(y % 100), m, d, hh, mm, ss);
        type = V_ASN1_UTCTIME;
    } else {
        snprintf(buf, sizeof(buf), "%04d%02d%02d%02d%02d%02dZ", (int)y, m, d, hh, mm, ss);
        type = V_ASN1_GENERALIZEDTIME;
    }
    ASN1_TIME *r = reuse != NULL ? reuse : ASN1_STRING_type_new(type);
    if (r == NULL)
        return NULL;
    if (!ASN1_STRING_set(r, buf, -1)) {
        if (r != reuse)
            ASN1_STRING_free(r);
        return NULL;
    }
    r->type = type;
    return r;
}

ASN1_TIME *ASN1_TIME_adj(ASN1_TIME *s, time_t t, int offset_day, long offset_sec)
{
    return mintls_asn1_time_from_epoch(s, (int64_t)t + (int64_t)offset_day * 86400 + offset_sec);
}

ASN1_TIME *ASN1_TIME_set(ASN1_TIME *s, time_t t) { return ASN1_TIME_adj(s, t, 0, 0); }

int ASN1_TIME_check(const ASN1_TIME *t)
{
    time_fields f;
    return parse_fields(t, &f);
}

int ASN1_TIME_set_string(ASN1_TIME *s, const char *str)
{
    ASN1_TIME tmp = {0, V_ASN1_UTCTIME, (unsigned char *)(uintptr_t)str, 0};
    if (str == NULL)
        return 0;
    tmp.length = (int)strlen(str);
    if (!ASN1_TIME_check(&tmp)) {
        tmp.type = V_ASN1_GENERALIZEDTIME;
        if (!ASN1_TIME_check(&tmp))
            return 0;
    }
    if (s == NULL)
        return 1;
    if (!ASN1_STRING_set(s, str, tmp.length))
        return 0;
    s->type = tmp.type;
    return 1;
}

int ASN1_TIME_to_tm(const ASN1_TIME *s, struct tm *tm)
{
    int64_t t;
    if (s == NULL) {
        time_t now = time(NULL);
        return gmtime_r(&now, tm) != NULL;
    }
    if (!mintls_asn1_time_to_epoch(s, &t))
        return 0;
    int64_t days = t / 86400, rem = t % 86400;
    if (rem < 0) {
        rem += 86400;
        days--;
    }
    int64_t y;
    int m, d;
    civil_from_days(days, &y, &m, &d);
    memset(tm, 0, sizeof(*tm));
    tm->tm_year = (int)(y - 1900);
    tm->tm_mon = m - 1;
    tm->tm_mday = d;
    tm->tm_hour = (int)(rem / 3600);
    tm->tm_min = (int)(rem / 60 % 60);
    tm->tm_sec = (int)(rem % 60);
    int64_t wd = (days + 4) % 7; /* 1970-01-01 was a Thursday */
    tm->tm_wday = (int)(wd < 0 ? wd + 7 : wd);
    tm->tm_yday = (int)(days - days_from_civil(y, 1, 1));
    return 1;
}

int ASN1_TIME_diff(int *pday, int *psec, const ASN1_TIME *from, const ASN1_TIME *to)
{
    int64_t a, b;
    if (from == NULL)
        a = (int64_t)time(NULL);
    else if (!mintls_asn1_time_to_epoch(from, &a))
        return 0;
    if (to == NULL)
        b = (int64_t)time(NULL);
    else if (!mintls_asn1_time_to_epoch(to, &b))
        return 0;
    int64_t diff = b - a;
    int64_t days = diff / 86400, secs = diff % 86400;
    if (days > 0x7fffffff || days < -0x7fffffff)
        return 0;
    if (pday != NULL)
        *pday = (int)days;
    if (psec != NULL)
        *psec = (int)secs;
    return 1;
}

int ASN1_TIME_cmp_time_t(const ASN1_TIME *s, time_t t)
{
    int64_t a;
    if (!mintls_asn1_time_to_epoch(s, &a))
        return -2;
    return a < (int64_t)t ? -1 : a > (int64_t)t ? 1 : 0;
}

int ASN1_TIME_compare(const ASN1_TIME *a, const ASN1_TIME *b)
{
    int64_t x, y;
    if (!mintls_asn1_time_to_epoch(a, &x) || !mintls_asn1_time_to_epoch(b, &y))
        return -2;
    return x < y ? -1 : x > y ? 1 : 0;
}

int ASN1_TIME_print_ex(BIO *bp, const ASN1_TIME *tm, unsigned long flags)
{
    static const char *const mon[12] = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                        "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
    time_fields f;
    if (!parse_fields(tm, &f)) {
        BIO_write(bp, "Bad time value", 14);
        ERR_raise(ERR_LIB_ASN1, ASN1_R_ILLEGAL_TIME_VALUE);
        return 0;
    }
    int frac_len = f.frac != NULL ? f.frac_len : 0;
    const char *frac = f.frac != NULL ? (const char *)f.frac : "";
    int r;
    if ((flags & ASN1_DTFLGS_TYPE_MASK) == ASN1_DTFLGS_ISO8601)
        r = BIO_printf(bp, "%4d-%02d-%02d %02d:%02d:%02d%.*sZ", f.year, f.mon, f.mday, f.hour,
                       f.min, f.sec, frac_len, frac);
    else
        r = BIO_printf(bp, "%s %2d %02d:%02d:%02d%.*s %d GMT", mon[f.mon - 1], f.mday, f.hour,
                       f.min, f.sec, frac_len, frac, f.year);
    return r > 0 ? 1 : 0;
}

int ASN1_TIME_print(BIO *bp, const ASN1_TIME *tm)
{
    return ASN1_TIME_print_ex(bp, tm, ASN1_DTFLGS_RFC822);
}

int ASN1_UTCTIME_print(BIO *fp, const ASN1_UTCTIME *a)
{
    if (a == NULL || a->type != V_ASN1_UTCTIME)
        return 0;
    return ASN1_TIME_print(fp, a);
}

int ASN1_GENERALIZEDTIME_print(BIO *fp, const ASN1_GENERALIZEDTIME *a)
{
    if (a == NULL || a->type != V_ASN1_GENERALIZEDTIME)
        return 0;
    return ASN1_TIME_print(fp, a);
}
