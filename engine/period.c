#include "caspian/period.h"
#include "caspian/error.h"

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "digits.h"

enum { YEAR_MIN = 0, YEAR_MAX = 9999 };

/* Floor division: ordinals before 1970 are negative for weeks and days. */
static long floor_div(long a, long b)
{
	long q = a / b;
	if ((a % b != 0) && ((a < 0) != (b < 0)))
		q--;
	return q;
}

/* Howard Hinnant's days_from_civil algorithm (public domain description). */
long caspian_days_from_civil(long y, int m, int d)
{
	y -= m <= 2;
	long era = floor_div(y, 400);
	long yoe = y - era * 400;
	long doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void caspian_civil_from_days(long z, long *year, int *month, int *day)
{
	z += 719468;
	long era = floor_div(z, 146097);
	long doe = z - era * 146097;
	long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	long y = yoe + era * 400;
	long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	long mp = (5 * doy + 2) / 153;
	int d = (int)(doy - (153 * mp + 2) / 5 + 1);
	int m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*year = y + (m <= 2);
	*month = m;
	*day = d;
}

static int is_leap(long y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(long y, int m)
{
	static const int dm[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
	return m == 2 && is_leap(y) ? 29 : dm[m - 1];
}

/* Week ordinal 0 is the ISO week holding 1970-01-01, which began on Monday 1969-12-29. */
static long week_of_day(long days)
{
	return floor_div(days + 3, 7);
}

static long iso_week1_monday(long year)
{
	long jan4 = caspian_days_from_civil(year, 1, 4);
	long weekday = floor_div(jan4 + 3, 7) * 7; /* Monday on or before Jan 4 */
	return weekday - 3;
}

static int iso_weeks_in_year(long year)
{
	return (int)((iso_week1_monday(year + 1) - iso_week1_monday(year)) / 7);
}

static int read_digits(const char *s, size_t n, long *out)
{
	long v = 0;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return 0;
		v = v * 10 + (s[i] - '0');
	}
	*out = v;
	return 1;
}

int caspian_period_parse(const char *s, size_t len, enum caspian_freq *freq,
			 long *ordinal)
{
	long year, a, b;
	if (len < 4 || !read_digits(s, 4, &year))
		return CASPIAN_EPARSE;
	if (len == 4) {
		*freq = CASPIAN_FREQ_ANNUAL;
		*ordinal = year;
		return CASPIAN_OK;
	}
	if (len == 6 && (s[4] == 'Q' || s[4] == 'q') && read_digits(s + 5, 1, &a) &&
	    a >= 1 && a <= 4) {
		*freq = CASPIAN_FREQ_QUARTERLY;
		*ordinal = year * 4 + (a - 1);
		return CASPIAN_OK;
	}
	if (len == 7 && s[4] == '-' && read_digits(s + 5, 2, &a) && a >= 1 && a <= 12) {
		*freq = CASPIAN_FREQ_MONTHLY;
		*ordinal = year * 12 + (a - 1);
		return CASPIAN_OK;
	}
	if (len == 8 && s[4] == '-' && s[5] == 'W' && read_digits(s + 6, 2, &a) &&
	    a >= 1 && a <= iso_weeks_in_year(year)) {
		*freq = CASPIAN_FREQ_WEEKLY;
		*ordinal = week_of_day(iso_week1_monday(year)) + (a - 1);
		return CASPIAN_OK;
	}
	if (len == 10 && s[4] == '-' && s[7] == '-' && read_digits(s + 5, 2, &a) &&
	    read_digits(s + 8, 2, &b) && a >= 1 && a <= 12 && b >= 1 &&
	    b <= days_in_month(year, (int)a)) {
		*freq = CASPIAN_FREQ_DAILY;
		*ordinal = caspian_days_from_civil(year, (int)a, (int)b);
		return CASPIAN_OK;
	}
	return CASPIAN_EPARSE;
}

static int year_ok(long y)
{
	return y >= YEAR_MIN && y <= YEAR_MAX;
}

/*
 * An ordinal this far from zero is outside years 0..9999 in every frequency
 * (a day ordinal of 1e8 falls after year 270,000).  Rejecting it first keeps the
 * week and day arithmetic below from overflowing a long.
 */
static int ordinal_far(long ord)
{
	return ord < -100000000L || ord > 100000000L;
}

/*
 * The n low decimal digits of v (0 <= v < 10^n, as years 0-9999, months,
 * weeks and days are here), zero-padded, NUL after; returns n.  The text of
 * printf's %0nld without printf, which costs more than the rest of the
 * formatting when thousands of periods are printed.
 */
static int put_digits(char *p, long v, int n)
{
	cx_put_digits(p, (uint64_t)v, n);
	p[n] = '\0';
	return n;
}

static int put_text(char *p, const char *t)
{
	size_t n = strlen(t);
	memcpy(p, t, n + 1);
	return (int)n;
}

size_t caspian_period_format(enum caspian_freq freq, long ord, char *buf)
{
	long y;
	int m, d;
	int n = 0;
	if (ordinal_far(ord))
		freq = CASPIAN_FREQ_NONE;
	switch (freq) {
	case CASPIAN_FREQ_ANNUAL:
		if (year_ok(ord))
			n = put_digits(buf, ord, 4);
		break;
	case CASPIAN_FREQ_QUARTERLY:
		y = floor_div(ord, 4);
		if (year_ok(y))
			n = put_digits(buf, y, 4) + put_text(buf + 4, "Q") +
			    put_digits(buf + 5, ord - y * 4 + 1, 1);
		break;
	case CASPIAN_FREQ_MONTHLY:
		y = floor_div(ord, 12);
		if (year_ok(y))
			n = put_digits(buf, y, 4) + put_text(buf + 4, "-") +
			    put_digits(buf + 5, ord - y * 12 + 1, 2);
		break;
	case CASPIAN_FREQ_WEEKLY: {
		long thursday = ord * 7; /* weeks are named by their Thursday */
		caspian_civil_from_days(thursday, &y, &m, &d);
		long week = (thursday - caspian_days_from_civil(y, 1, 1)) / 7 + 1;
		if (year_ok(y))
			n = put_digits(buf, y, 4) + put_text(buf + 4, "-W") +
			    put_digits(buf + 6, week, 2);
		break;
	}
	case CASPIAN_FREQ_DAILY:
		caspian_civil_from_days(ord, &y, &m, &d);
		if (year_ok(y))
			n = put_digits(buf, y, 4) + put_text(buf + 4, "-") + put_digits(buf + 5, m, 2) +
			    put_text(buf + 7, "-") + put_digits(buf + 8, d, 2);
		break;
	default:
		break;
	}
	if (n <= 0) {
		buf[0] = '\0';
		return 0;
	}
	return (size_t)n;
}

double caspian_freq_periods_per_year(enum caspian_freq freq)
{
	switch (freq) {
	case CASPIAN_FREQ_ANNUAL: return 1.0;
	case CASPIAN_FREQ_QUARTERLY: return 4.0;
	case CASPIAN_FREQ_MONTHLY: return 12.0;
	case CASPIAN_FREQ_WEEKLY: return 365.2425 / 7.0;
	case CASPIAN_FREQ_DAILY: return 365.2425;
	default: return 0.0;
	}
}

int caspian_freq_season(enum caspian_freq freq)
{
	switch (freq) {
	case CASPIAN_FREQ_QUARTERLY: return 4;
	case CASPIAN_FREQ_MONTHLY: return 12;
	case CASPIAN_FREQ_WEEKLY: return 52;
	case CASPIAN_FREQ_DAILY: return 7;
	default: return 1;
	}
}

static const char *const freq_names[] = {"", "annual", "quarterly", "monthly",
					 "weekly", "daily"};

const char *caspian_freq_name(enum caspian_freq freq)
{
	if ((int)freq < 0 || freq > CASPIAN_FREQ_DAILY)
		return "";
	return freq_names[freq];
}

enum caspian_freq caspian_freq_from_name(const char *name)
{
	for (int f = CASPIAN_FREQ_ANNUAL; f <= CASPIAN_FREQ_DAILY; f++)
		if (strcmp(name, freq_names[f]) == 0)
			return (enum caspian_freq)f;
	return CASPIAN_FREQ_NONE;
}

static long first_day(enum caspian_freq freq, long ord)
{
	switch (freq) {
	case CASPIAN_FREQ_ANNUAL: return caspian_days_from_civil(ord, 1, 1);
	case CASPIAN_FREQ_QUARTERLY: {
		long y = floor_div(ord, 4);
		return caspian_days_from_civil(y, (int)(ord - y * 4) * 3 + 1, 1);
	}
	case CASPIAN_FREQ_MONTHLY: {
		long y = floor_div(ord, 12);
		return caspian_days_from_civil(y, (int)(ord - y * 12) + 1, 1);
	}
	case CASPIAN_FREQ_WEEKLY: return ord * 7 - 3;
	default: return ord;
	}
}

long caspian_period_year(enum caspian_freq freq, long ord)
{
	long y;
	int m, d;
	switch (freq) {
	case CASPIAN_FREQ_ANNUAL: return ord;
	case CASPIAN_FREQ_QUARTERLY: return floor_div(ord, 4);
	case CASPIAN_FREQ_MONTHLY: return floor_div(ord, 12);
	case CASPIAN_FREQ_WEEKLY:
		caspian_civil_from_days(ord * 7, &y, &m, &d); /* the week's Thursday */
		return y;
	default:
		caspian_civil_from_days(ord, &y, &m, &d);
		return y;
	}
}

int caspian_period_convert(enum caspian_freq from, long ord, enum caspian_freq to,
			   long *out)
{
	if (from == CASPIAN_FREQ_NONE || to == CASPIAN_FREQ_NONE || to > from)
		return CASPIAN_EINVAL;
	if (from == to) {
		*out = ord;
		return CASPIAN_OK;
	}
	if (to == CASPIAN_FREQ_WEEKLY) { /* only daily reaches here */
		*out = week_of_day(ord);
		return CASPIAN_OK;
	}
	long y;
	int m, d;
	caspian_civil_from_days(first_day(from, ord), &y, &m, &d);
	switch (to) {
	case CASPIAN_FREQ_ANNUAL: *out = y; break;
	case CASPIAN_FREQ_QUARTERLY: *out = y * 4 + (m - 1) / 3; break;
	default: *out = y * 12 + (m - 1); break;
	}
	return CASPIAN_OK;
}
