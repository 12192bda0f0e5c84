/*
 * cli.c - helpers shared by the subcommands (see cli.h).
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "cli.h"
#include "iv/access.h"
#include "iv/util.h"

int cli_error(enum iv_err rc, const char *fmt, ...)
{
	va_list ap;

	fputs("invigor: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	return iv_err_is_user(rc) ? CLI_USER : CLI_INTERNAL;
}

int cli_fail(enum iv_err rc, const struct iv_buf *err)
{
	return cli_error(rc, "%s", err->len ? err->buf : iv_err_text(rc));
}

int cli_usage(const char *verb, const char *fmt, ...)
{
	va_list ap;

	fputs("invigor: error: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n(see 'invigor %s --help')\n", verb);
	return CLI_USER;
}

int cli_check_ids(const char *verb, char *const *ids, int n)
{
	for (int i = 0; i < n; i++) {
		size_t len = strlen(ids[i]), bad;

		if (len == 0)
			return cli_usage(verb, "an entity id is empty");
		if (!iv_utf8_valid(ids[i], len, &bad))
			return cli_usage(verb, "entity id %d is not UTF-8 (byte %zu)", i + 1,
			                 bad + 1);
	}
	return CLI_OK;
}

/*
 * The length of the UTF-8 sequence at s and its code point: a byte that
 * starts no valid sequence (a stray continuation, F5..FF, an overlong
 * form, a surrogate, past U+10FFFF, or cut short) is one byte of U+FFFD.
 */
static size_t utf8_next(const unsigned char *s, uint32_t *cp)
{
	static const uint32_t least[5] = {0, 0, 0x80, 0x800, 0x10000};
	size_t n = s[0] < 0x80                    ? 1
	           : s[0] >= 0xc2 && s[0] <= 0xdf ? 2
	           : s[0] >= 0xe0 && s[0] <= 0xef ? 3
	           : s[0] >= 0xf0 && s[0] <= 0xf4 ? 4
	                                          : 0;
	uint32_t c;

	*cp = 0xfffd;
	if (n == 0)
		return 1;
	c = n == 1 ? s[0] : s[0] & (0x7f >> n);
	for (size_t i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 1; /* cut short (the NUL ends it too) */
		c = c << 6 | (s[i] & 0x3f);
	}
	if (c < least[n] || (c >= 0xd800 && c <= 0xdfff) || c > 0x10ffff)
		return 1;
	*cp = c;
	return n;
}

/*
 * Characters shown as '?': controls (C0, DEL, C1), which terminals obey, and
 * the invisible format characters that reorder or hide text (bidi overrides
 * and isolates, zero-width spaces and joiners' kin, the BOM).
 */
static bool is_hidden(uint32_t c)
{
	return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == 0x061c || c == 0x180e || c == 0x200b ||
	       (c >= 0x200e && c <= 0x200f) || (c >= 0x202a && c <= 0x202e) ||
	       (c >= 0x2060 && c <= 0x2069) || c == 0xfeff || c == 0xfffd;
}

/* Combining marks take no column (the common blocks: enough for a name's accents). */
static bool is_combining(uint32_t c)
{
	return (c >= 0x0300 && c <= 0x036f) || (c >= 0x0483 && c <= 0x0489) ||
	       (c >= 0x0591 && c <= 0x05bd) || (c >= 0x064b && c <= 0x065f) || c == 0x0670 ||
	       (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff) ||
	       (c >= 0x20d0 && c <= 0x20ff) || (c >= 0xfe20 && c <= 0xfe2f) || c == 0x200c ||
	       c == 0x200d;
}

/* Write one character (n bytes at s) to f, a hidden one as '?'. */
static void put_char(FILE *f, const unsigned char *s, size_t n, uint32_t c)
{
	if (is_hidden(c))
		fputc('?', f);
	else
		fwrite(s, 1, n, f);
}

void cli_put_text(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;

	while (*p) {
		uint32_t c;
		size_t n = utf8_next(p, &c);

		put_char(stdout, p, n, c);
		p += n;
	}
}

void cli_put_cell(FILE *f, const char *s, int width, bool cut)
{
	const unsigned char *p = (const unsigned char *)s;
	int cols = 0, total = 0;

	if (cut && width <= 0)
		return;

	/* how many columns the whole takes: cut only when it does not fit */
	for (const unsigned char *q = p; *q;) {
		uint32_t c;

		q += utf8_next(q, &c);
		total += !is_combining(c);
	}
	while (*p) {
		uint32_t c;
		size_t n = utf8_next(p, &c);
		int w = !is_combining(c);

		if (cut && total > width && cols + w > width - 1) {
			fputs("\u2026", f);
			cols++;
			break;
		}
		put_char(f, p, n, c);
		cols += w;
		p += n;
	}
	for (; cols < width; cols++)
		fputc(' ', f);
}

/* A write waits for another process's (a batch resolve, an ingest): say so, once. */
static void wait_notice(void *ctx)
{
	(void)ctx;
	fprintf(stderr,
	        "invigor: another process is writing to the store (a resolve or an ingest); "
	        "waiting up to %d s for it to finish\n",
	        IV_STORE_WRITE_WAIT_SECS);
}

int cli_open_store(const struct cli_global *g, bool create, bool readonly, struct iv_store **out)
{
	struct iv_buf err = IV_BUF_INIT;
	unsigned flags = (create ? IV_STORE_CREATE : 0) | (readonly ? IV_STORE_READONLY : 0);
	struct stat sb;
	enum iv_err rc;
	int code = 0;

	*out = NULL;
	if (stat(g->db, &sb) == 0 && S_ISDIR(sb.st_mode))
		return cli_error(IV_ERR_INVALID,
		                 "%s is a directory; --db names the store's file (%s/invigor.db, "
		                 "say)",
		                 g->db, g->db);
	rc = iv_store_open(g->db, flags, out, &err);
	if (!rc && !readonly)
		iv_store_on_wait(*out, wait_notice, NULL);
	if (!rc && g->cache_mib && (rc = iv_store_cache(*out, g->cache_mib, &err)) != IV_OK) {
		iv_store_close(*out);
		*out = NULL;
	}
	if (rc == IV_ERR_NOTFOUND)
		code = cli_error(rc, "%s: no database here; run 'invigor init' or set --db", g->db);
	else if (rc)
		code = cli_fail(rc, &err);
	iv_buf_release(&err);
	return code;
}

const char *cli_operator(void)
{
	const char *u = getenv("USER");

	return u && *u ? u : "operator";
}

void cli_audit(struct iv_store *st, const char *action, const char *query, enum iv_err rc,
               const struct iv_buf *err, const char *ok)
{
	struct iv_buf outcome = IV_BUF_INIT, werr = IV_BUF_INIT;
	int status = rc ? (iv_err_is_user(rc) ? 1 : 2) : 0;

	iv_buf_init(&outcome, 1000);
	if (rc)
		(void)!iv_buf_addf(&outcome, "%s: %s", status == 1 ? "invalid" : "error",
		                   err && err->len ? err->buf : iv_err_name(rc));
	else
		(void)!iv_buf_adds(&outcome, ok ? ok : "ok");
	if (iv_audit_note(st, cli_operator(), "cli", action, query, status, outcome.buf, &werr))
		fprintf(stderr, "invigor: warning: the audit record of '%s' was not written: %s\n",
		        action, werr.buf);
	iv_buf_release(&outcome);
	iv_buf_release(&werr);
}

int cli_audited(const struct cli_global *g, const char *action, int argc, char **argv,
                cli_change_fn fn, void *ctx)
{
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT, query = IV_BUF_INIT;
	enum iv_err rc = IV_OK;
	int code;

	/* the arguments after the verb, quoted where they hold a blank or a quote */
	for (int i = 1; !rc && i < argc; i++) {
		bool quote = strpbrk(argv[i], " \t'\"") != NULL || !*argv[i];

		if (i > 1)
			rc = iv_buf_addch(&query, ' ');
		if (!rc)
			rc = iv_buf_addf(&query, quote ? "'%s'" : "%s", argv[i]);
	}
	code = rc ? cli_error(rc, "out of memory") : cli_open_store(g, false, false, &st);
	if (!code) {
		rc = iv_audit_cli_change(st, cli_operator(), action, query.buf, fn, ctx, &err);
		if (rc)
			code = cli_fail(rc, &err);
	}
	iv_store_close(st);
	iv_buf_release(&query);
	iv_buf_release(&err);
	return code;
}

int cli_dispatch(const char *verb, const char *help, const struct cli_subverb *subs, size_t n,
                 int argc, char **argv, const struct cli_global *g)
{
	char names[256] = "";

	if (argc >= 2 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h"))) {
		fputs(help, stdout);
		return CLI_OK;
	}
	for (size_t i = 0; argc >= 2 && i < n; i++)
		if (!strcmp(argv[1], subs[i].name))
			return subs[i].run(argc - 1, argv + 1, g);
	for (size_t i = 0; i < n; i++)
		snprintf(names + strlen(names), sizeof(names) - strlen(names), "%s%s",
		         i == 0       ? ""
		         : i + 1 == n ? " or "
		                      : ", ",
		         subs[i].name);
	if (argc < 2)
		return cli_usage(verb, "say what to do: %s", names);
	return cli_usage(verb, "unknown %s verb '%s' (%s)", verb, argv[1], names);
}

int cli_json_only(int argc, char **argv, const char *usage_name, const char *help, bool *json)
{
	static const struct option options[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt;

	*json = false;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(help, stdout);
			return CLI_OK;
		}
		if (opt != 'j')
			return cli_usage(usage_name, "bad option");
		*json = true;
	}
	if (optind < argc)
		return cli_usage(usage_name, "unexpected argument '%s'", argv[optind]);
	return -1;
}

int cli_print_json(json_t *v)
{
	char *text;

	if (!v)
		return cli_error(IV_ERR_NOMEM, "out of memory");
	text = json_dumps(v, IV_JSON_DUMP_FLAGS);
	json_decref(v);
	if (!text)
		return cli_error(IV_ERR_NOMEM, "out of memory");
	puts(text);
	free(text);
	return CLI_OK;
}

bool cli_parse_uint(const char *s, unsigned *out)
{
	char *end;
	unsigned long v;

	errno = 0;
	v = strtoul(s, &end, 10);
	if (errno || end == s || *end || v > 1000000000ul || s[0] == '-')
		return false;
	*out = (unsigned)v;
	return true;
}

bool cli_wants_help(int argc, char **argv)
{
	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--"))
			break;
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h"))
			return true;
	}
	return false;
}
