/*
 * cli.c - helpers shared by the subcommands (see cli.h).
 */
#include <errno.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

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
	return cli_error(rc, "%s", err->len ? err->buf : iv_err_name(rc));
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

int cli_open_store(const struct cli_global *g, bool create, bool readonly, struct iv_store **out)
{
	struct iv_buf err = IV_BUF_INIT;
	unsigned flags = (create ? IV_STORE_CREATE : 0) | (readonly ? IV_STORE_READONLY : 0);
	enum iv_err rc = iv_store_open(g->db, flags, out, &err);
	int code = 0;

	if (rc == IV_ERR_NOTFOUND)
		code = cli_error(rc, "%s: no database here; run 'invigor init' or set --db", g->db);
	else if (rc)
		code = cli_fail(rc, &err);
	iv_buf_release(&err);
	return code;
}

int cli_print_json(json_t *v)
{
	char *text;

	if (!v)
		return cli_error(IV_ERR_NOMEM, "out of memory");
	text = json_dumps(v, JSON_COMPACT);
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
