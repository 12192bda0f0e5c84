/*
 * date.c - ISO 8601 dates with partial precision, and UTC timestamps.
 *
 * Sources give dates as precisely as they know them: "1974", "1974-08",
 * "1974-08-12" or a full time.  struct iv_date keeps the precision, and
 * iv_date_cmp compares only as far as both dates go, so "1974" equals
 * "1974-08-12".  A date of no precision (IV_DATE_NONE) compares equal to
 * every date, by the same rule.
 *
 * The parser accepts exactly YYYY, YYYY-MM, YYYY-MM-DD and
 * YYYY-MM-DD(T| )HH:MM[:SS][Z]; years run 1..9999, and impossible days,
 * hours, minutes and seconds (including leap seconds) are refused.
 */
#include <stdio.h>
#include <time.h>

#include "iv/util.h"

/* Read exactly `digits` decimal digits at *s into *out and advance. */
static bool read_digits(const char **s, int digits, int *out)
{
	int v = 0;

	for (int i = 0; i < digits; i++) {
		char c = (*s)[i];

		if (c < '0' || c > '9')
			return false;
		v = v * 10 + (c - '0');
	}
	*s += digits;
	*out = v;
	return true;
}

static bool is_leap(int year)
{
	return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

int iv_days_in_month(int year, int month)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	if (month < 1 || month > 12)
		return 0;
	if (month == 2 && is_leap(year))
		return 29;
	return days[month - 1];
}

enum iv_err iv_date_parse(const char *s, struct iv_date *d)
{
	struct iv_date r = {0};

	if (!read_digits(&s, 4, &r.year) || r.year < 1)
		return IV_ERR_INVALID;
	r.prec = IV_DATE_YEAR;
	if (*s == '\0')
		goto done;

	if (*s++ != '-' || !read_digits(&s, 2, &r.month) || r.month < 1 || r.month > 12)
		return IV_ERR_INVALID;
	r.prec = IV_DATE_MONTH;
	if (*s == '\0')
		goto done;

	if (*s++ != '-' || !read_digits(&s, 2, &r.day) || r.day < 1 ||
	    r.day > iv_days_in_month(r.year, r.month))
		return IV_ERR_INVALID;
	r.prec = IV_DATE_DAY;
	if (*s == '\0')
		goto done;

	if (*s != 'T' && *s != ' ')
		return IV_ERR_INVALID;
	s++;
	if (!read_digits(&s, 2, &r.hour) || r.hour > 23 || *s++ != ':' ||
	    !read_digits(&s, 2, &r.minute) || r.minute > 59)
		return IV_ERR_INVALID;
	r.prec = IV_DATE_MINUTE;
	if (*s == ':') {
		s++;
		if (!read_digits(&s, 2, &r.second) || r.second > 59)
			return IV_ERR_INVALID;
		r.prec = IV_DATE_SECOND;
	}
	if (*s == 'Z')
		s++;
	if (*s != '\0')
		return IV_ERR_INVALID;
done:
	*d = r;
	return IV_OK;
}

void iv_date_format(const struct iv_date *d, char *out, size_t size)
{
	if (size == 0)
		return;
	switch (d->prec) {
	case IV_DATE_YEAR:
		snprintf(out, size, "%04d", d->year);
		break;
	case IV_DATE_MONTH:
		snprintf(out, size, "%04d-%02d", d->year, d->month);
		break;
	case IV_DATE_DAY:
		snprintf(out, size, "%04d-%02d-%02d", d->year, d->month, d->day);
		break;
	case IV_DATE_MINUTE:
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d", d->year, d->month, d->day, d->hour,
		         d->minute);
		break;
	case IV_DATE_SECOND:
		snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d", d->year, d->month, d->day,
		         d->hour, d->minute, d->second);
		break;
	default:
		out[0] = '\0';
		break;
	}
}

static int cmp_int(int a, int b)
{
	return (a > b) - (a < b);
}

int iv_date_cmp(const struct iv_date *a, const struct iv_date *b)
{
	enum iv_date_prec prec = a->prec < b->prec ? a->prec : b->prec;
	const int fa[] = {a->year, a->month, a->day, a->hour, a->minute, a->second};
	const int fb[] = {b->year, b->month, b->day, b->hour, b->minute, b->second};
	int fields;

	/* how many leading fields each precision fixes */
	switch (prec) {
	case IV_DATE_YEAR:
		fields = 1;
		break;
	case IV_DATE_MONTH:
		fields = 2;
		break;
	case IV_DATE_DAY:
		fields = 3;
		break;
	case IV_DATE_MINUTE:
		fields = 5;
		break;
	case IV_DATE_SECOND:
		fields = 6;
		break;
	default:
		fields = 0;
		break;
	}
	for (int i = 0; i < fields; i++) {
		int c = cmp_int(fa[i], fb[i]);

		if (c)
			return c;
	}
	return 0;
}

int64_t iv_date_seconds(const struct iv_date *d, bool end)
{
	struct tm tm = {0};

	tm.tm_year = d->year - 1900;
	tm.tm_mon = d->month ? d->month - 1 : (end ? 11 : 0);
	tm.tm_mday = d->day ? d->day : (end ? iv_days_in_month(d->year, tm.tm_mon + 1) : 1);
	tm.tm_hour = d->prec >= IV_DATE_MINUTE ? d->hour : (end ? 23 : 0);
	tm.tm_min = d->prec >= IV_DATE_MINUTE ? d->minute : (end ? 59 : 0);
	tm.tm_sec = d->prec >= IV_DATE_SECOND ? d->second : (end ? 59 : 0);
	return (int64_t)timegm(&tm);
}

int64_t iv_now(void)
{
	return (int64_t)time(NULL);
}

double iv_clock(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void iv_time_format(int64_t t, char *out, size_t size)
{
	time_t tt = (time_t)t;
	struct tm tm;

	if (size == 0)
		return;
	if (!gmtime_r(&tt, &tm)) {
		out[0] = '\0';
		return;
	}
	snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1,
	         tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
}
