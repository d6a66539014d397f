/*
 * fuzz_period - the period parser and printer.
 *
 * Invariants:
 *   text:    parse(s) ok  =>  format(parse(s)) == s (with 'q' printed as 'Q'),
 *            parse(format(...)) gives the same period, and the ordinal lies
 *            in the frequency's range of years 0..9999;
 *   ordinal: format(f, o) writes text exactly when f is a frequency and o
 *            lies in that range, and parsing the text gives back (f, o).
 */
#include <stdint.h>
#include <string.h>

#include "caspian/period.h"
#include "support.h"

/* First and last ordinal of years 0..9999 per frequency, found by the parser. */
static long lo[CASPIAN_FREQ_DAILY + 1], hi[CASPIAN_FREQ_DAILY + 1];

static long ordinal_of(const char *text)
{
	enum caspian_freq f;
	long o;
	FUZZ_CHECK(caspian_period_parse(text, strlen(text), &f, &o) == 0, "cannot parse %s", text);
	return o;
}

static void init_ranges(void)
{
	static const char *const first[] = {"", "0000", "0000Q1", "0000-01", "0000-W01",
					    "0000-01-01"};
	static const char *const last[] = {"", "9999", "9999Q4", "9999-12", "9999-W52",
					   "9999-12-31"};
	enum caspian_freq f;
	long o;
	for (int k = CASPIAN_FREQ_ANNUAL; k <= CASPIAN_FREQ_DAILY; k++) {
		lo[k] = ordinal_of(first[k]);
		hi[k] = ordinal_of(last[k]);
	}
	if (caspian_period_parse("9999-W53", 8, &f, &o) == 0)
		hi[CASPIAN_FREQ_WEEKLY] = o;
}

static void check_text(const char *text, size_t len)
{
	enum caspian_freq f = CASPIAN_FREQ_NONE;
	long o = 0;
	if (caspian_period_parse(text, len, &f, &o) != 0)
		return;
	FUZZ_CHECK(f >= CASPIAN_FREQ_ANNUAL && f <= CASPIAN_FREQ_DAILY, "parse gave frequency %d",
		   (int)f);
	FUZZ_CHECK(o >= lo[f] && o <= hi[f], "parse gave ordinal %ld outside [%ld, %ld]", o,
		   lo[f], hi[f]);
	char buf[CASPIAN_PERIOD_TEXT_MAX];
	size_t n = caspian_period_format(f, o, buf);
	FUZZ_CHECK(n == len && strlen(buf) == n, "format of a parsed period has length %zu, not %zu",
		   n, len);
	for (size_t i = 0; i < len; i++) {
		char want = text[i] == 'q' && f == CASPIAN_FREQ_QUARTERLY ? 'Q' : text[i];
		FUZZ_CHECK(buf[i] == want, "format(parse(\"%.*s\")) = \"%s\"", (int)len, text, buf);
	}
	enum caspian_freq f2;
	long o2;
	FUZZ_CHECK(caspian_period_parse(buf, n, &f2, &o2) == 0 && f2 == f && o2 == o,
		   "\"%s\" does not parse back", buf);
	long year = (text[0] - '0') * 1000 + (text[1] - '0') * 100 + (text[2] - '0') * 10 +
		    (text[3] - '0');
	FUZZ_CHECK(caspian_period_year(f, o) == year, "year of \"%s\" is %ld", buf,
		   caspian_period_year(f, o));
	long a;
	FUZZ_CHECK(caspian_period_convert(f, o, CASPIAN_FREQ_ANNUAL, &a) == 0,
		   "cannot convert \"%s\" to annual", buf);
	if (f != CASPIAN_FREQ_WEEKLY) /* a week belongs to its ISO year, its Monday may not */
		FUZZ_CHECK(a == year, "\"%s\" converts to year %ld", buf, a);
}

static void check_ordinal(enum caspian_freq f, long o)
{
	char buf[CASPIAN_PERIOD_TEXT_MAX + 8];
	memset(buf, 'x', sizeof(buf));
	size_t n = caspian_period_format(f, o, buf);
	int valid = f >= CASPIAN_FREQ_ANNUAL && f <= CASPIAN_FREQ_DAILY;
	if (!valid || o < lo[f] || o > hi[f]) {
		FUZZ_CHECK(n == 0 && buf[0] == '\0', "format(%d, %ld) wrote \"%.12s\"", (int)f, o,
			   buf);
		return;
	}
	FUZZ_CHECK(n > 0 && n < CASPIAN_PERIOD_TEXT_MAX && strlen(buf) == n,
		   "format(%d, %ld) returned %zu", (int)f, o, n);
	enum caspian_freq f2;
	long o2;
	FUZZ_CHECK(caspian_period_parse(buf, n, &f2, &o2) == 0 && f2 == f && o2 == o,
		   "format(%d, %ld) = \"%s\" parses to (%d, %ld)", (int)f, o, buf, (int)f2, o2);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	if (!hi[CASPIAN_FREQ_ANNUAL])
		init_ranges();
	check_text((const char *)data, size);

	/* The same bytes as (frequency, ordinal): near a range half the time. */
	struct fuzz_bytes b = {data, size};
	int f = fuzz_take_u8(&b) % 7;
	uint8_t how = fuzz_take_u8(&b);
	uint64_t u = fuzz_take_u64(&b);
	long o;
	if ((how & 1) && f >= CASPIAN_FREQ_ANNUAL && f <= CASPIAN_FREQ_DAILY)
		o = lo[f] - 2 + (long)(u % (uint64_t)(hi[f] - lo[f] + 5));
	else
		memcpy(&o, &u, sizeof(o));
	check_ordinal((enum caspian_freq)f, o);
	return 0;
}
