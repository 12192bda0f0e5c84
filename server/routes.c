/*
 * routes.c - matching a request's method and path against the route
 * table.  Pure (no server state), so the fuzz target drives it directly.
 *
 * A table path is literal segments and "{}" placeholders, each matching
 * one non-empty segment.  The server keeps the request's path and query
 * as they arrived (percent escapes and all: libmicrohttpd's unescaping is
 * switched off), so that an escaped '/' or NUL cannot hide in an id, and
 * decodes each piece once, here.  Parameters must
 * come out as clean text: no NUL, no '/', no control bytes, valid UTF-8,
 * not "." or "..": an entity id can never walk a path or smuggle bytes.
 */
#include <string.h>

#include "server/server_int.h"

unsigned srv_method_bit(const char *method)
{
	if (!method)
		return 0;
	if (strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0)
		return SRV_GET;
	if (strcmp(method, "POST") == 0)
		return SRV_POST;
	if (strcmp(method, "DELETE") == 0)
		return SRV_DELETE;
	if (strcmp(method, "PUT") == 0)
		return SRV_PUT;
	return 0;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

bool srv_decode(const char *s, size_t n, char *out, size_t cap, size_t *len)
{
	size_t k = 0;

	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			int hi, lo;
			if (i + 2 >= n)
				return false;
			hi = hexval(s[i + 1]);
			lo = hexval(s[i + 2]);
			if (hi < 0 || lo < 0)
				return false;
			c = (unsigned char)(hi * 16 + lo);
			i += 2;
		}
		if (c < 0x20 || c == 0x7f || k + 1 >= cap)
			return false;
		out[k++] = (char)c;
	}
	out[k] = '\0';
	*len = k;
	return iv_utf8_valid(out, k, NULL);
}

/* Decode seg[0..n) into out; false when it is not a clean parameter. */
static bool decode_param(const char *seg, size_t n, char *out)
{
	size_t len;

	if (!srv_decode(seg, n, out, SRV_MAX_PARAM, &len) || len == 0 || strchr(out, '/') ||
	    strchr(out, '\\'))
		return false;
	return strcmp(out, ".") != 0 && strcmp(out, "..") != 0;
}

/* Whether path matches pattern; fills params when it does (bad: a parameter is not clean). */
static bool match_path(const char *pattern, const char *path,
                       char params[SRV_MAX_PARAMS][SRV_MAX_PARAM], size_t *nparams, bool *bad)
{
	const char *p = pattern, *s = path;

	*nparams = 0;
	*bad = false;
	while (*p && *s) {
		if (p[0] == '{' && p[1] == '}') {
			size_t n = strcspn(s, "/");
			if (n == 0 || *nparams == SRV_MAX_PARAMS)
				return false;
			if (!decode_param(s, n, params[*nparams]))
				*bad = true;
			(*nparams)++;
			s += n;
			p += 2;
			continue;
		}
		if (*p != *s)
			return false;
		p++;
		s++;
	}
	return *p == '\0' && *s == '\0';
}

enum srv_match srv_route_find(const struct srv_route *table, size_t n, unsigned method,
                              const char *path, const struct srv_route **out,
                              char params[SRV_MAX_PARAMS][SRV_MAX_PARAM], size_t *nparams,
                              unsigned *allowed)
{
	char scratch[SRV_MAX_PARAMS][SRV_MAX_PARAM];
	size_t nscratch;
	bool bad, any_bad = false;

	*out = NULL;
	*allowed = 0;
	*nparams = 0;
	if (!path || path[0] != '/')
		return SRV_MATCH_NONE;
	for (size_t i = 0; i < n; i++) {
		if (!match_path(table[i].path, path, scratch, &nscratch, &bad))
			continue;
		*allowed |= table[i].method;
		if (!(table[i].method & method))
			continue;
		if (bad) {
			any_bad = true;
			continue;
		}
		if (!*out) {
			*out = &table[i];
			memcpy(params, scratch, sizeof(scratch));
			*nparams = nscratch;
		}
	}
	if (*out)
		return SRV_MATCH_OK;
	if (any_bad)
		return SRV_MATCH_BAD;
	return *allowed ? SRV_MATCH_METHOD : SRV_MATCH_NONE;
}
