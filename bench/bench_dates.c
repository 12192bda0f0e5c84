/*
 * bench_dates.c - the date normaliser on dates as the taskforce's sources
 * write them, against GNU date's parser measured in the same run.
 *
 *   bench_dates [TSV...] [--peer PROGRAM] [--misses N]
 *
 * The sets (default bench/data/dates_world.tsv, dates_heldout.tsv and
 * dates_heldout3.tsv … dates_heldout6.tsv, relative to the current
 * directory; each written by a helper who had seen neither the normaliser
 * nor the sets before it; the first five were used to change the rules
 * after their first measurement, the sixth is held out): raw, calendar the
 * source declares ("-" for none),
 * order (dmy or mdy), expected ISO 8601 or
 * "invalid", region, note.  Lines starting with # are comments; the first
 * other line is the header.
 *
 * Each row is normalised as an ingest with that source's settings would
 * (iv_type_normalize, IV_TYPE_DATE) and scored:
 *   right     the expected date at the expected precision (lunar Hijri
 *             rows within two days, at the same time of day: the sets
 *             compute them with the tabular calendar, invigor with Umm
 *             al-Qura), or refused
 *             when "invalid" is expected;
 *   wrong     a valid date other than the expected one: the worst case,
 *             a silently wrong value;
 *   refused   kept as written although a date was expected;
 *   accepted  a date made of what should have been refused.
 * The peer is `date -d RAW +%F` (GNU coreutils), one process per row,
 * given the raw text only (it has no calendar or order settings); its
 * answer counts as right when its first characters are the expected
 * value (it always answers to the day, so it gets the benefit at lower
 * precisions), and when it fails on an "invalid" row.  Rows by region
 * and by calendar, after the first N misses (default 20).  Finally the
 * speed of the normaliser over the set, next to iv_date_parse's on ISO
 * strings in the same run, and the speed of six forms one by one.
 */
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iv/schema.h"
#include "iv/util.h"

#define MAX_ROWS 4096

volatile int sink; /* keeps the timed loops' results alive */

struct row {
	char *raw, *cal, *order, *want, *region, *note;
	int lineno;
};

enum verdict { RIGHT, WRONG, REFUSED, ACCEPTED };

struct tally {
	char key[32];
	int n, right, peer_right;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Days from 0000-03-01 of a proleptic Gregorian y-m-d, for the two-day allowance. */
static long day_number(int y, int m, int d)
{
	if (m < 3) {
		y--;
		m += 12;
	}
	return 365L * y + y / 4 - y / 100 + y / 400 + (153 * (m - 3) + 2) / 5 + d;
}

/* Two dates to the day (with the same time of day, if any) at most days apart. */
static bool within_days(const char *got, const char *want, int days)
{
	struct iv_date a, b;
	long diff;

	if (iv_date_parse(got, &a) || iv_date_parse(want, &b) || a.prec != b.prec ||
	    a.prec < IV_DATE_DAY || a.hour != b.hour || a.minute != b.minute ||
	    a.second != b.second)
		return false;
	diff = day_number(a.year, a.month, a.day) - day_number(b.year, b.month, b.day);
	return diff >= -days && diff <= days;
}

static enum verdict judge(const struct row *r, bool valid, const char *got)
{
	bool invalid = !strcmp(r->want, "invalid");
	bool lunar = !strcmp(r->cal, "islamic") || strstr(r->note, "tabular");

	if (invalid)
		return valid ? ACCEPTED : RIGHT;
	if (!valid)
		return REFUSED;
	if (!strcmp(got, r->want) || (lunar && within_days(got, r->want, 2)))
		return RIGHT;
	return WRONG;
}

/* GNU date on the raw text: true when its answer starts with want (or it fails on "invalid"). */
static bool peer_right(const char *peer, const struct row *r, char *answer, size_t cap)
{
	struct iv_buf cmd = IV_BUF_INIT;
	FILE *p;
	bool ok;

	answer[0] = '\0';
	if (iv_buf_addf(&cmd, "%s -d '", peer))
		return false;
	for (const char *c = r->raw; *c; c++)
		if (*c == '\'' ? iv_buf_adds(&cmd, "'\\''") : iv_buf_add(&cmd, c, 1))
			return false;
	if (iv_buf_adds(&cmd, "' +%F 2>/dev/null")) {
		iv_buf_release(&cmd);
		return false;
	}
	p = popen(cmd.buf, "r");
	iv_buf_release(&cmd);
	if (!p)
		return false;
	if (!fgets(answer, (int)cap, p))
		answer[0] = '\0';
	answer[strcspn(answer, "\n")] = '\0';
	ok = pclose(p) == 0 && answer[0];
	if (!strcmp(r->want, "invalid"))
		return !ok;
	return ok && !strncmp(answer, r->want, strlen(r->want));
}

static void count(struct tally *t, int *nt, int max, const char *key, bool right, bool peer)
{
	int i;

	for (i = 0; i < *nt && strcmp(t[i].key, key); i++)
		;
	if (i == *nt) {
		if (*nt == max)
			return;
		memset(&t[i], 0, sizeof(t[i]));
		snprintf(t[i].key, sizeof(t[i].key), "%s", key);
		(*nt)++;
	}
	t[i].n++;
	t[i].right += right;
	t[i].peer_right += peer;
}

static void print_tally(const char *what, const struct tally *t, int nt)
{
	printf("  %-14s %5s %9s %9s\n", what, "rows", "invigor", "GNU date");
	for (int i = 0; i < nt; i++)
		printf("  %-14s %5d %4d %3.0f%% %4d %3.0f%%\n", t[i].key, t[i].n, t[i].right,
		       100.0 * t[i].right / t[i].n, t[i].peer_right,
		       100.0 * t[i].peer_right / t[i].n);
}

/* Split a TSV line in place into n fields; false when it has fewer. */
static bool split(char *line, char **f, int n)
{
	for (int i = 0; i < n; i++) {
		f[i] = line;
		line = strchr(line, '\t');
		if (!line)
			return i == n - 1;
		*line++ = '\0';
	}
	return true;
}

static int load(const char *path, struct row *rows, char **text)
{
	FILE *f = fopen(path, "rb");
	size_t size;
	int n = 0, lineno = 0;
	bool header = false;

	if (!f)
		return -1;
	fseek(f, 0, SEEK_END);
	size = (size_t)ftell(f);
	rewind(f);
	*text = malloc(size + 1);
	if (!*text || fread(*text, 1, size, f) != size) {
		fclose(f);
		return -1;
	}
	fclose(f);
	(*text)[size] = '\0';
	for (char *line = *text, *next; line && *line; line = next) {
		char *f6[6];

		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		lineno++;
		line[strcspn(line, "\r")] = '\0';
		if (line[0] == '#' || line[0] == '\0')
			continue;
		if (!header) {
			header = true;
			continue;
		}
		if (!split(line, f6, 6) || n == MAX_ROWS) {
			fprintf(stderr, "%s:%d: not six tab-separated fields; skipped\n", path,
			        lineno);
			continue;
		}
		rows[n] = (struct row){f6[0], f6[1], f6[2], f6[3], f6[4], f6[5], lineno};
		n++;
	}
	return n;
}

/* One set: every row scored, the misses, the tallies. */
static int run_set(const char *path, const char *peer, int misses, struct iv_buf *out)
{
	static struct row rows[MAX_ROWS];
	struct tally by_region[64], by_cal[8];
	int nregion = 0, ncal = 0, nrows, shown = 0;
	int verdicts[4] = {0}, peer_total = 0;
	char *text = NULL;
	double t0, t_norm, t_iso;

	nrows = load(path, rows, &text);
	if (nrows <= 0) {
		fprintf(stderr, "bench_dates: cannot read rows from %s\n", path);
		free(text);
		return 1;
	}
	printf("== %s: %d rows; peer: %s -d RAW +%%F, one process per row\n", path, nrows, peer);
	if (misses)
		printf("\nmisses (raw | source calendar, order | expected | invigor | GNU "
		       "date):\n");
	for (int i = 0; i < nrows; i++) {
		const struct row *r = &rows[i];
		struct iv_norm_ctx ctx = {NULL, !strcmp(r->order, "mdy"), IV_CAL_UNSET};
		char answer[64];
		bool valid, p;
		enum verdict v;

		if (strcmp(r->cal, "-") && !iv_calendar_from_name(r->cal, &ctx.calendar))
			fprintf(stderr, "%s:%d: unknown calendar '%s', read as none\n", path,
			        r->lineno, r->cal);
		if (iv_type_normalize(IV_TYPE_DATE, r->raw, &ctx, out, &valid)) {
			fprintf(stderr, "bench_dates: out of memory\n");
			free(text);
			return 1;
		}
		v = judge(r, valid, out->buf);
		p = peer_right(peer, r, answer, sizeof(answer));
		verdicts[v]++;
		peer_total += p;
		count(by_region, &nregion, 64, r->region, v == RIGHT, p);
		count(by_cal, &ncal, 8, strcmp(r->cal, "-") ? r->cal : "(none said)", v == RIGHT,
		      p);
		if (v != RIGHT && shown < misses) {
			printf("  %s | %s, %s | %s | %s%s | %s\n", r->raw, r->cal, r->order,
			       r->want, valid ? "" : "refused: ", out->buf,
			       answer[0] ? answer : "(fails)");
			shown++;
		}
	}
	if (verdicts[WRONG] + verdicts[REFUSED] + verdicts[ACCEPTED] > shown)
		printf("  ... (--misses N shows %s)\n", misses ? "more" : "them");
	printf("\nby the source's calendar:\n");
	print_tally("calendar", by_cal, ncal);
	printf("\nby region:\n");
	print_tally("region", by_region, nregion);
	printf("\nall rows: invigor right %d of %d (%.1f%%): wrong date %d, refused a date %d, "
	       "accepted a non-date %d\n",
	       verdicts[RIGHT], nrows, 100.0 * verdicts[RIGHT] / nrows, verdicts[WRONG],
	       verdicts[REFUSED], verdicts[ACCEPTED]);
	printf("          GNU date right %d of %d (%.1f%%)\n", peer_total, nrows,
	       100.0 * peer_total / nrows);

	/* speed: the whole set, many times, against the ISO parser on ISO text */
	{
		int reps = 200, ok = 0;
		struct iv_date d;

		t0 = now();
		for (int k = 0; k < reps; k++)
			for (int i = 0; i < nrows; i++) {
				struct iv_norm_ctx ctx = {NULL, !strcmp(rows[i].order, "mdy"),
				                          IV_CAL_UNSET};
				bool valid;

				if (strcmp(rows[i].cal, "-"))
					(void)iv_calendar_from_name(rows[i].cal, &ctx.calendar);
				if (iv_type_normalize(IV_TYPE_DATE, rows[i].raw, &ctx, out,
				                      &valid)) {
					free(text);
					return 1;
				}
				ok += valid;
			}
		t_norm = now() - t0;
		t0 = now();
		for (int k = 0; k < reps * nrows; k++)
			ok += iv_date_parse((k & 1) ? "1974-08-12" : "2024-01-02T10:30:05", &d) ==
			      IV_OK;
		t_iso = now() - t0;
		sink = ok;
		printf("speed: %.0f dates/s through the normaliser on this set (%d rows x %d; it "
		       "converts calendars with ICU), against %.0f/s for iv_date_parse on ISO text "
		       "in the same run (the normaliser takes %.0f times as long)\n\n",
		       reps * nrows / t_norm, nrows, reps, reps * nrows / t_iso, t_norm / t_iso);
	}
	free(text);
	return 0;
}

/* Speed by form: where the normaliser's time goes, against the ISO parser in the same run. */
static void speed_by_form(struct iv_buf *out)
{
	static const struct {
		const char *what, *raw;
		enum iv_calendar cal;
	} forms[] = {
	        {"ISO 8601", "1974-08-12", IV_CAL_UNSET},
	        {"day/month/year", "12/08/1974", IV_CAL_UNSET},
	        {"English month", "12 Aug 1974", IV_CAL_UNSET},
	        {"Arabic digits and month", "١٢ يناير ١٩٨٠", IV_CAL_UNSET},
	        {"Solar Hijri, declared", "1365/04/12", IV_CAL_PERSIAN},
	        {"Solar Hijri, Dari month", "۱۲ حمل ۱۳۶۵", IV_CAL_UNSET},
	};
	const int reps = 100000;
	struct iv_date d;
	double t0, iso;
	int ok = 0;

	t0 = now();
	for (int k = 0; k < reps; k++)
		ok += iv_date_parse("1974-08-12", &d) == IV_OK;
	iso = now() - t0;
	printf("speed by form (%d values each; iv_date_parse on ISO text: %.0f/s):\n", reps,
	       reps / iso);
	for (size_t f = 0; f < sizeof(forms) / sizeof(forms[0]); f++) {
		struct iv_norm_ctx ctx = {NULL, false, forms[f].cal};
		bool valid = false;
		double t;

		t0 = now();
		for (int k = 0; k < reps; k++) {
			if (iv_type_normalize(IV_TYPE_DATE, forms[f].raw, &ctx, out, &valid))
				return;
			ok += valid;
		}
		t = now() - t0;
		printf("  %-26s %10.0f/s  (%s -> %s)\n", forms[f].what, reps / t, forms[f].raw,
		       out->buf);
	}
	sink = ok;
}

int main(int argc, char **argv)
{
	const char *defaults[] = {"bench/data/dates_world.tsv",    "bench/data/dates_heldout.tsv",
	                          "bench/data/dates_heldout3.tsv", "bench/data/dates_heldout4.tsv",
	                          "bench/data/dates_heldout5.tsv", "bench/data/dates_heldout6.tsv"};
	const char *paths[16], *peer = "date";
	int npaths = 0, misses = 20, rc = 0;
	struct iv_buf out = IV_BUF_INIT;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--peer") && i + 1 < argc)
			peer = argv[++i];
		else if (!strcmp(argv[i], "--misses") && i + 1 < argc)
			misses = atoi(argv[++i]);
		else if (argv[i][0] == '-' || npaths == 16) {
			fprintf(stderr,
			        "usage: bench_dates [TSV...] [--peer PROGRAM] [--misses N]\n");
			return 2;
		} else
			paths[npaths++] = argv[i];
	}
	if (!npaths)
		for (size_t i = 0; i < sizeof(defaults) / sizeof(defaults[0]); i++)
			paths[npaths++] = defaults[i];
	for (int i = 0; i < npaths; i++)
		rc |= run_set(paths[i], peer, misses, &out);
	speed_by_form(&out);
	iv_buf_release(&out);
	return rc;
}
