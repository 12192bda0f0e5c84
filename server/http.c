/*
 * http.c - the pieces handlers use to read a request and write a reply:
 * query arguments, JSON bodies, error replies, opaque cursors and the
 * audit trail's list of returned entity ids.
 *
 * Error text sent to a client says what was wrong with the request,
 * never what went wrong inside: a 500 carries a fixed message and the
 * detail goes to the server's log.
 */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sodium.h>

#include "server/server_int.h"

void srv_error(struct srv_req *r, int status, const char *code, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	size_t bad;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	/* messages quote the request (a parser's excerpt, a name): keep them valid UTF-8, also
	 * where the cut at the buffer's end split a character */
	while (!iv_utf8_valid(msg, strlen(msg), &bad))
		msg[bad] = '?';
	json_decref(r->reply);
	r->reply = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message", msg);
	if (!r->reply)
		r->reply = json_pack("{s:{s:s, s:s}}", "error", "code", code, "message",
		                     "the request was refused");
	r->status = status;
	snprintf(r->outcome, sizeof(r->outcome), "%s", code);
}

json_t *srv_text(const char *s)
{
	size_t n = strlen(s), bad;
	char *copy;
	json_t *j;

	if (iv_utf8_valid(s, n, &bad))
		return json_stringn(s, n);
	copy = iv_strdup(s);
	if (!copy)
		return NULL;
	while (!iv_utf8_valid(copy, n, &bad))
		copy[bad] = '?';
	j = json_stringn(copy, n);
	iv_free(copy);
	return j;
}

void srv_fail(struct srv_req *r, enum iv_err rc, const struct iv_buf *err, const char *what)
{
	const char *detail = err && err->len ? err->buf : iv_err_text(rc);

	switch (rc) {
	case IV_ERR_NOTFOUND:
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found", "no such %s", what);
		break;
	case IV_ERR_INVALID:
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "%s", detail);
		break;
	case IV_ERR_EXISTS:
		srv_error(r, MHD_HTTP_CONFLICT, "exists", "%s", detail);
		break;
	case IV_ERR_TOOBIG:
		srv_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big", "%s", detail);
		break;
	case IV_ERR_DENIED:
		srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden", "%s", detail);
		break;
	case IV_ERR_TIMEOUT: /* the message names the work and the limit, nothing internal */
		srv_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "timeout",
		          "%s; narrow the question (a time window, fewer link kinds, a smaller k, "
		          "fewer facets) or ask the operator for a longer limit",
		          detail);
		break;
	case IV_ERR_BUSY: /* another process's write outlasted the request's wait */
		if (!r->srv->cfg.quiet)
			fprintf(stderr, "invigor serve: %s %s: %s\n", r->method, r->url, detail);
		srv_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "busy",
		          "the store is busy with another writer (a batch resolve or an ingest); "
		          "nothing was changed: try again in a few seconds");
		if (r->nheaders < sizeof(r->headers) / sizeof(r->headers[0])) {
			r->headers[r->nheaders][0] = MHD_HTTP_HEADER_RETRY_AFTER;
			r->headers[r->nheaders++][1] = "5";
		}
		break;
	default:
		if (!r->srv->cfg.quiet)
			fprintf(stderr, "invigor serve: %s %s: %s: %s\n", r->method, r->url,
			        iv_err_name(rc), detail);
		srv_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal",
		          "the server could not answer; the operator's log has the detail");
		snprintf(r->outcome, sizeof(r->outcome), "error: %s", iv_err_name(rc));
	}
}

void srv_json(struct srv_req *r, int status, json_t *reply)
{
	if (!reply) {
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		return;
	}
	json_decref(r->reply);
	r->reply = reply;
	r->status = status;
}

void srv_audit_entities(struct srv_req *r, const char *list, size_t n)
{
	struct iv_buf *b = &r->audit_entities;
	size_t len = b->len;

	if (n == 0)
		return;
	/* room first: then the list is either grown whole or left as it was */
	if (iv_buf_grow(b, n + 2)) {
		r->audit_lost = true;
		return;
	}
	/* "[a,b]" + ",c" = "[a,b,c]" */
	if (len)
		iv_buf_truncate(b, len - 1);
	if (iv_buf_addch(b, len ? ',' : '[') || iv_buf_add(b, list, n) || iv_buf_addch(b, ']'))
		r->audit_lost = true; /* cannot happen: the room is there */
}

void srv_audit_entity(struct srv_req *r, const char *id)
{
	struct iv_buf text = IV_BUF_INIT;
	json_t *clean = NULL;

	enum iv_err rc = iv_buf_add_json_str(&text, id);

	/* an id that is not UTF-8 is recorded with '?' for its bad bytes, not left out */
	if (rc == IV_ERR_INVALID) {
		clean = srv_text(id);
		rc = clean ? iv_buf_add_json_str(&text, json_string_value(clean)) : IV_ERR_NOMEM;
	}
	if (rc)
		r->audit_lost = true;
	else
		srv_audit_entities(r, text.buf, text.len);
	json_decref(clean);
	iv_buf_release(&text);
}

static IV_MUST_USE enum iv_err audit_member(void *ctx, const char *entity, const char *canonical)
{
	(void)canonical;
	srv_audit_entity(ctx, entity);
	return IV_OK;
}

void srv_audit_node(struct srv_req *r, const char *id)
{
	srv_audit_entity(r, id);
	/* a merge's node has its canonical id (c- and 16 hex digits): a record's has no members */
	if (strncmp(id, "c-", 2) == 0 && iv_store_res_members(r->st, id, audit_member, r, NULL))
		r->audit_lost = true;
}

void srv_audit_query(struct srv_req *r, const char *fmt, ...)
{
	va_list ap;

	iv_buf_reset(&r->audit_query);
	va_start(ap, fmt);
	if (iv_buf_vaddf(&r->audit_query, fmt, ap))
		iv_buf_reset(
		        &r->audit_query); /* longer than the cap: the route is still recorded */
	va_end(ap);
}

const char *srv_arg(struct srv_req *r, const char *name)
{
	const char *raw = MHD_lookup_connection_value(r->conn, MHD_GET_ARGUMENT_KIND, name);
	size_t n, len;
	char *out;

	if (!raw)
		return NULL;
	n = strlen(raw);
	out = iv_arena_alloc(&r->arena, n + 1);
	if (!out || !srv_decode(raw, n, out, n + 1, &len))
		return NULL;
	return out;
}

bool srv_arg_uint(struct srv_req *r, const char *name, unsigned lo, unsigned hi, unsigned def,
                  unsigned *out)
{
	const char *s = srv_arg(r, name);
	char *end;
	unsigned long v;

	*out = def;
	if (!s)
		return true;
	if (*s < '0' || *s > '9' || strlen(s) > 10)
		goto bad;
	v = strtoul(s, &end, 10);
	if (*end || v < lo || v > hi)
		goto bad;
	*out = (unsigned)v;
	return true;
bad:
	srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'%s' must be a whole number from %u to %u",
	          name, lo, hi);
	return false;
}

json_t *srv_body_object(struct srv_req *r)
{
	json_error_t jerr;
	json_t *v;

	if (r->body.len == 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "the request needs a JSON object body");
		return NULL;
	}
	v = json_loadb(r->body.buf, r->body.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!v) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "the body is not valid JSON (line %d, column %d): %s", jerr.line,
		          jerr.column, jerr.text);
		return NULL;
	}
	if (!json_is_object(v)) {
		json_decref(v);
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "the body must be a JSON object");
		return NULL;
	}
	return v;
}

bool srv_member_str(struct srv_req *r, json_t *obj, const char *name, bool required, size_t max,
                    const char **out)
{
	json_t *v = json_object_get(obj, name);

	*out = NULL;
	if (!v || json_is_null(v)) {
		if (!required)
			return true;
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'%s' is required", name);
		return false;
	}
	if (!json_is_string(v)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'%s' must be a string", name);
		return false;
	}
	if (json_string_length(v) > max || strlen(json_string_value(v)) != json_string_length(v)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "'%s' must be text of at most %zu bytes without NUL", name, max);
		return false;
	}
	*out = json_string_value(v);
	return true;
}

void srv_cursor_make(char kind, uint64_t n, char *out, size_t size)
{
	char plain[32];
	int len = snprintf(plain, sizeof(plain), "%c%llu", kind, (unsigned long long)n);

	sodium_bin2base64(out, size, (const unsigned char *)plain, (size_t)len,
	                  sodium_base64_VARIANT_URLSAFE_NO_PADDING);
}

bool srv_cursor_parse(const char *s, char kind, uint64_t *n)
{
	unsigned char plain[32];
	size_t len = 0;
	char text[33], *end;

	if (!s || strlen(s) > 40 ||
	    sodium_base642bin(plain, sizeof(plain) - 1, s, strlen(s), NULL, &len, NULL,
	                      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
		return false;
	if (len < 2 || plain[0] != (unsigned char)kind)
		return false;
	memcpy(text, plain + 1, len - 1);
	text[len - 1] = '\0';
	if (text[0] < '0' || text[0] > '9' || len - 1 > 20)
		return false;
	errno = 0;
	*n = strtoull(text, &end, 10);
	return *end == '\0' && errno == 0;
}
