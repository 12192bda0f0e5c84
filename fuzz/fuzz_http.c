/*
 * fuzz_http.c - libFuzzer target for the server's request parsing, with
 * no socket: route matching over the real route table (srv_route_find,
 * srv_routes), cursor decoding (srv_cursor_parse) and JSON bodies as the
 * handlers read them (srv_body_object, then srv_member_str with the
 * members and limits of login, users, grants, organisations, consents
 * and judgements).
 *
 * Input: METHOD '\n' PATH '\n' CURSOR '\n' BODY.  Missing parts are empty;
 * a NUL inside the first three ends that string as it would in a header.
 * Besides "no crash, no leak", it checks what the server relies on:
 * a matched route accepts the method and has one clean parameter per
 * placeholder; 405 and 404 agree with the allowed set; a cursor that
 * decodes is one this server could have made; an accepted member is a
 * string within its limit; a refused body leaves a 400 error reply.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "server/server_int.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* The next '\n'-ended part of data as a C string (malloc'd); advances *at. */
static char *part(const uint8_t *data, size_t size, size_t *at)
{
	size_t start = *at, end = start;
	char *s;

	while (end < size && data[end] != '\n')
		end++;
	s = malloc(end - start + 1);
	if (!s)
		abort();
	memcpy(s, data + start, end - start);
	s[end - start] = '\0';
	*at = end < size ? end + 1 : end;
	return s;
}

static size_t placeholders(const char *path)
{
	size_t n = 0;

	for (const char *p = strstr(path, "{}"); p; p = strstr(p + 2, "{}"))
		n++;
	return n;
}

static void check_param(const char *p)
{
	size_t n = strnlen(p, SRV_MAX_PARAM);

	if (n == 0 || n >= SRV_MAX_PARAM || strcmp(p, ".") == 0 || strcmp(p, "..") == 0 ||
	    !iv_utf8_valid(p, n, NULL))
		abort();
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)p[i];
		if (c < 0x20 || c == 0x7f || c == '/' || c == '\\')
			abort();
	}
}

static void check_route(unsigned method, const char *path)
{
	char params[SRV_MAX_PARAMS][SRV_MAX_PARAM];
	const struct srv_route *route = NULL;
	size_t nparams = 0;
	unsigned allowed = 0;
	enum srv_match m;

	m = srv_route_find(srv_routes, srv_nroutes, method, path, &route, params, &nparams,
	                   &allowed);
	switch (m) {
	case SRV_MATCH_OK:
		if (!route || route < srv_routes || route >= srv_routes + srv_nroutes ||
		    !(route->method & method) || !(allowed & method) ||
		    nparams != placeholders(route->path) || nparams > SRV_MAX_PARAMS)
			abort();
		for (size_t i = 0; i < nparams; i++)
			check_param(params[i]);
		break;
	case SRV_MATCH_METHOD:
		if (route || !allowed || (allowed & method))
			abort();
		break;
	case SRV_MATCH_NONE:
		if (route || allowed)
			abort();
		break;
	case SRV_MATCH_BAD:
		if (route || !(allowed & method))
			abort();
		break;
	default:
		abort();
	}
}

static void check_cursor(const char *s)
{
	static const char kinds[] = {'o', 's'};

	for (size_t k = 0; k < sizeof(kinds); k++) {
		uint64_t n = 0, again = 0;
		char made[64];

		if (!srv_cursor_parse(s, kinds[k], &n))
			continue;
		/* one this server could have made: it decodes again to the same number */
		srv_cursor_make(kinds[k], n, made, sizeof(made));
		if (!srv_cursor_parse(made, kinds[k], &again) || again != n)
			abort();
	}
}

/* A request holding only what srv_body_object and srv_member_str use. */
static void reset(struct srv_req *r)
{
	json_decref(r->reply);
	r->reply = NULL;
	r->status = 0;
	r->outcome[0] = '\0';
}

/*
 * A refusal is a 400 with {"error": {"code", "message"}}: a reply json_pack
 * could not make (NULL, e.g. for a message that is not valid UTF-8) would
 * reach the client as an empty body.
 */
static void check_refused(const struct srv_req *r)
{
	json_t *e = json_object_get(r->reply, "error");

	if (r->status != MHD_HTTP_BAD_REQUEST || !json_is_string(json_object_get(e, "code")) ||
	    !json_is_string(json_object_get(e, "message")))
		abort();
}

struct member {
	const char *name;
	bool required;
	size_t max;
};

/* The members each JSON endpoint reads (server/h_*.c), in order. */
static const struct member login[] = {{"username", true, 64}, {"password", true, 1024}, {0}};
static const struct member user_add[] = {{"name", true, 64},       {"org", true, 100},
                                         {"role", true, 32},       {"clearance", true, 32},
                                         {"password", true, 1024}, {0}};
static const struct member grant[] = {{"compartment", true, 100}, {0}};
static const struct member org_add[] = {
        {"name", true, 100}, {"kind", true, 16}, {"country", true, 8}, {0}};
static const struct member consent[] = {{"originator", true, 100}, {"org", true, 100}, {0}};
static const struct member judge[] = {{"a", true, SRV_MAX_PARAM},
                                      {"b", true, SRV_MAX_PARAM},
                                      {"verdict", true, 16},
                                      {"note", false, 4000},
                                      {0}};
static const struct member *const endpoints[] = {login, user_add, grant, org_add, consent, judge};

static void check_body(const uint8_t *body, size_t n)
{
	struct srv_req r;
	json_t *obj;

	memset(&r, 0, sizeof(r));
	r.body.buf = (char *)body;
	r.body.len = n;
	obj = srv_body_object(&r);
	if (!obj) {
		check_refused(&r);
		reset(&r);
		return;
	}
	if (!json_is_object(obj) || r.reply)
		abort();
	for (size_t e = 0; e < sizeof(endpoints) / sizeof(endpoints[0]); e++) {
		for (const struct member *m = endpoints[e]; m->name; m++) {
			const char *out = (const char *)1;

			if (!srv_member_str(&r, obj, m->name, m->required, m->max, &out)) {
				check_refused(&r);
				reset(&r);
				break; /* the handler stops at the first refusal */
			}
			if (out && (strlen(out) > m->max ||
			            !json_is_string(json_object_get(obj, m->name))))
				abort();
			if (!out && m->required)
				abort();
		}
	}
	reset(&r);
	json_decref(obj);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const unsigned methods[] = {SRV_GET, SRV_POST, SRV_DELETE, SRV_PUT};
	size_t at = 0;
	char *method = part(data, size, &at);
	char *path = part(data, size, &at);
	char *cursor = part(data, size, &at);
	unsigned bit = srv_method_bit(method);

	/* the method as sent (0 for one the API does not use), then every method */
	check_route(bit, path);
	for (size_t i = 0; i < sizeof(methods) / sizeof(methods[0]); i++)
		check_route(methods[i], path);
	check_cursor(cursor);
	check_body(data + at, size - at);
	free(method);
	free(path);
	free(cursor);
	return 0;
}
