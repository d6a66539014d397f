/*
 * caspian/period.h - calendar periods as integer ordinals, one scheme per frequency.
 *
 *   annual     2017         ordinal = year
 *   quarterly  2017Q3       ordinal = year * 4 + (quarter - 1)
 *   monthly    2017-03      ordinal = year * 12 + (month - 1)
 *   weekly     2017-W05     ordinal = ISO weeks since the week of 1970-01-01
 *   daily      2017-03-15   ordinal = days since 1970-01-01 (proleptic Gregorian)
 *
 * Consecutive periods have consecutive ordinals, so a series stores only the
 * ordinal of its first value.  Years 0 to 9999 are accepted.  Parsing and
 * printing round-trip exactly: format(parse(s)) == s for every valid s.
 */
#ifndef CASPIAN_PERIOD_H
#define CASPIAN_PERIOD_H

#include <stddef.h>

enum caspian_freq {
	CASPIAN_FREQ_NONE = 0,
	CASPIAN_FREQ_ANNUAL = 1,
	CASPIAN_FREQ_QUARTERLY = 2,
	CASPIAN_FREQ_MONTHLY = 3,
	CASPIAN_FREQ_WEEKLY = 4,
	CASPIAN_FREQ_DAILY = 5
};

/* Longest text caspian_period_format() writes, with the NUL ("2017-03-15"). */
enum { CASPIAN_PERIOD_TEXT_MAX = 12 };

/*
 * caspian_period_parse() - read one period from text[0..len).
 * The frequency follows from the form.  Returns CASPIAN_OK and fills *freq and
 * *ordinal, or CASPIAN_EPARSE (outputs untouched) for anything else, including
 * surrounding spaces, month 13, 2023-02-29 or 2021-W53 (2021 has 52 ISO weeks).
 */
int caspian_period_parse(const char *text, size_t len, enum caspian_freq *freq,
			 long *ordinal);

/*
 * caspian_period_format() - write the canonical text of a period into buf
 * (at least CASPIAN_PERIOD_TEXT_MAX bytes).  Returns the length written, or 0
 * if freq is unknown or the period lies outside years 0..9999.
 */
size_t caspian_period_format(enum caspian_freq freq, long ordinal, char *buf);

/* Periods per year used to annualise: 1, 4, 12, 365.2425/7, 365.2425. */
double caspian_freq_periods_per_year(enum caspian_freq freq);

/* The seasonal period: 1 (annual), 4, 12, 52 (weekly), 7 (daily). */
int caspian_freq_season(enum caspian_freq freq);

/* "annual", "quarterly", "monthly", "weekly", "daily"; "" for NONE. */
const char *caspian_freq_name(enum caspian_freq freq);

/* Inverse of caspian_freq_name(); CASPIAN_FREQ_NONE for an unknown name. */
enum caspian_freq caspian_freq_from_name(const char *name);

/* Calendar year holding the period (the ISO year for weeks). */
long caspian_period_year(enum caspian_freq freq, long ordinal);

/*
 * caspian_period_convert() - the ordinal, in frequency to, of the period that
 * holds period ordinal of frequency from (the day a week starts decides a
 * week's month).  to must be no finer than from: converting monthly to annual
 * works, annual to monthly returns CASPIAN_EINVAL.
 */
int caspian_period_convert(enum caspian_freq from, long ordinal,
			   enum caspian_freq to, long *out);

/* Days since 1970-01-01 of a proleptic Gregorian date, and back. */
long caspian_days_from_civil(long year, int month, int day);
void caspian_civil_from_days(long days, long *year, int *month, int *day);

#endif
