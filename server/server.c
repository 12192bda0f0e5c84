/*
 * server.c - the daemon: libmicrohttpd set-up, each request's way from
 * its first header to its reply and audit record, the worker threads'
 * store connections, and the graceful stop.
 *
 * Limits a hostile client meets here: bodies above the cap are refused
 * with 413 as soon as Content-Length (or the bytes received) says so;
 * idle connections are closed after the timeout (slow clients); headers
 * beyond libmicrohttpd's per-connection memory limit get 431/400 from the
 * library; unknown methods get 405; paths outside the route table 404.
 */
#include <arpa/inet.h>
#include <malloc.h>
#include <errno.h>
#include <netinet/in.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <sodium.h>

#include "iv/graph.h"
#include "iv/netcache.h"
#include "iv/util.h"
#include "server/server_int.h"

#define API_PREFIX "/api/v1/"

void iv_server_config_init(struct iv_server_config *c)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);

	memset(c, 0, sizeof(*c));
	c->db = "invigor.db";
	c->host = "127.0.0.1";
	c->port = 8080;
	c->threads = cpus > 0 ? (unsigned)cpus : 2;
	c->max_body = (size_t)1 << 20;
	c->max_upload = (size_t)512 << 20;
	c->timeout = 30;
	c->session_ttl = 8 * 3600;
	c->address_failures = 20;
	c->time_limit = 60;
	c->network_cache = 4;
}

unsigned iv_server_port(const struct iv_server *s)
{
	return s->port;
}

/* ---- the workers' store connections ------------------------------------------------ */

static _Thread_local struct iv_store *tl_store;
static _Thread_local const struct iv_server *tl_owner;

struct iv_store *srv_store(struct iv_server *s)
{
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;

	if (tl_store && tl_owner == s)
		return tl_store;
	if (iv_store_open(s->db, 0, &st, &err)) {
		fprintf(stderr, "invigor serve: opening the store: %s\n", err.buf);
		iv_buf_release(&err);
		return NULL;
	}
	pthread_mutex_lock(&s->stores_lock);
	if (s->nstores == s->stores_cap) {
		size_t cap = s->stores_cap ? s->stores_cap * 2 : 16;
		struct iv_store **v = iv_realloc(s->stores, cap * sizeof(*v));
		if (!v) {
			pthread_mutex_unlock(&s->stores_lock);
			iv_store_close(st);
			return NULL;
		}
		s->stores = v;
		s->stores_cap = cap;
	}
	s->stores[s->nstores++] = st;
	pthread_mutex_unlock(&s->stores_lock);
	tl_store = st;
	tl_owner = s;
	return st;
}

/* ---- one request ------------------------------------------------------------------------ */

static void req_free(struct srv_req *r)
{
	if (!r)
		return;
	srv_upload_free(r);
	iv_buf_release(&r->body);
	iv_buf_release(&r->raw);
	iv_buf_release(&r->audit_query);
	iv_arena_release(&r->arena);
	json_decref(r->reply);
	iv_buf_release(&r->audit_entities);
	iv_viewer_release(&r->viewer);
	iv_free(r);
}

static void remote_of(struct MHD_Connection *conn, char *out, size_t size)
{
	const union MHD_ConnectionInfo *ci =
	        MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, size, "unknown");
	if (sa && sa->sa_family == AF_INET)
		inet_ntop(AF_INET, &((const struct sockaddr_in *)sa)->sin_addr, out,
		          (socklen_t)size);
	else if (sa && sa->sa_family == AF_INET6)
		inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)sa)->sin6_addr, out,
		          (socklen_t)size);
}

/* The Bearer token of the request into r->token; false when there is none of the right form. */
static bool bearer(struct srv_req *r)
{
	const char *h = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND,
	                                            MHD_HTTP_HEADER_AUTHORIZATION);
	size_t n;

	if (!h || strncasecmp(h, "Bearer ", 7) != 0)
		return false;
	h += 7;
	while (*h == ' ')
		h++;
	n = strlen(h);
	if (n != IV_ACCESS_TOKEN_HEX - 1 || strspn(h, "0123456789abcdef") != n)
		return false;
	memcpy(r->token, h, n + 1);
	return true;
}

/*
 * Authenticate and authorise r for route; false with the reply set when
 * refused.  An upload was admitted from its headers before its body was read
 * (admit_upload); its session is looked up again once the body is in, so that
 * a logout, a disabled account or a lowered role while it arrived stops it
 * before a job starts.  Refused then, it is audited under the user its
 * headers named.
 */
static bool admit(struct srv_req *r, const struct srv_route *route)
{
	struct iv_buf err = IV_BUF_INIT;
	struct iv_viewer fresh;
	enum iv_err rc;

	if (!route->perm)
		return true;
	if (!r->authed && !bearer(r)) {
		srv_error(r, MHD_HTTP_UNAUTHORIZED, "unauthenticated",
		          "log in first: POST /api/v1/login, then send 'Authorization: Bearer "
		          "TOKEN'");
		return false;
	}
	rc = srv_session_viewer(r->srv, r->st, r->token, &fresh, &err);
	iv_buf_release(&err);
	if (rc == IV_ERR_DENIED) {
		srv_error(r, MHD_HTTP_UNAUTHORIZED, "unauthenticated",
		          "the session has ended or the token is not valid; log in again");
		return false;
	}
	if (rc) {
		srv_fail(r, rc, NULL, "session");
		return false;
	}
	iv_viewer_release(&r->viewer);
	r->viewer = fresh;
	r->authed = true;
	if (!(iv_role_permissions(r->viewer.role) & route->perm)) {
		srv_error(r, MHD_HTTP_FORBIDDEN, "forbidden", "the %s role may not do this",
		          iv_role_name(r->viewer.role));
		return false;
	}
	return true;
}

static const char *method_list(unsigned allowed, char *out, size_t size)
{
	static const struct {
		unsigned bit;
		const char *name;
	} names[] = {{SRV_GET, "GET, HEAD"},
	             {SRV_POST, "POST"},
	             {SRV_PUT, "PUT"},
	             {SRV_DELETE, "DELETE"}};

	out[0] = '\0';
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++)
		if (allowed & names[i].bit)
			snprintf(out + strlen(out), size - strlen(out), "%s%s", out[0] ? ", " : "",
			         names[i].name);
	return out;
}

void srv_static(struct srv_req *r); /* h_static.c */

/* Whether a query argument's key and value decode cleanly (srv_decode). */
static enum MHD_Result check_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                 const char *value)
{
	bool *clean = cls;
	char buf[4096];
	size_t len;

	(void)kind;
	if (!srv_decode(key, strlen(key), buf, sizeof(buf), &len) ||
	    (value && strlen(value) >= sizeof(buf) * 4) ||
	    (value && !srv_decode(value, strlen(value), buf, sizeof(buf), &len))) {
		*clean = false;
		return MHD_NO;
	}
	return MHD_YES;
}

static bool is_api(const char *url)
{
	return strncmp(url, API_PREFIX, strlen(API_PREFIX)) == 0 || strcmp(url, "/api/v1") == 0;
}

/* A request outside the API: a file of the web UI, for GET and HEAD only. */
static void dispatch_file(struct srv_req *r, unsigned method)
{
	if (method == SRV_GET) {
		srv_static(r);
		return;
	}
	r->headers[r->nheaders][0] = MHD_HTTP_HEADER_ALLOW;
	r->headers[r->nheaders++][1] = "GET, HEAD";
	srv_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
	          "only GET and HEAD reach files");
}

/* Whether every query argument decodes cleanly; false with a 400 set. */
static bool args_clean(struct srv_req *r)
{
	bool clean = true;

	MHD_get_connection_values(r->conn, MHD_GET_ARGUMENT_KIND, check_arg, &clean);
	if (!clean)
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "a query parameter is longer than 4 KiB or holds bytes no "
		          "parameter "
		          "may hold (a control character, a broken escape, or not UTF-8)");
	return clean;
}

/* 405 with the methods the path takes in Allow. */
static void refuse_method(struct srv_req *r, unsigned allowed)
{
	char list[64];

	method_list(allowed, list, sizeof(list));
	/* the header value must outlive this call: one of a few fixed strings */
	if (strcmp(list, "GET, HEAD") == 0)
		r->headers[r->nheaders][1] = "GET, HEAD";
	else if (strcmp(list, "POST") == 0)
		r->headers[r->nheaders][1] = "POST";
	else if (strcmp(list, "GET, HEAD, POST") == 0)
		r->headers[r->nheaders][1] = "GET, HEAD, POST";
	else if (strcmp(list, "DELETE") == 0)
		r->headers[r->nheaders][1] = "DELETE";
	else
		r->headers[r->nheaders][1] = "GET, HEAD, POST, PUT, DELETE";
	r->headers[r->nheaders++][0] = MHD_HTTP_HEADER_ALLOW;
	srv_error(r, MHD_HTTP_METHOD_NOT_ALLOWED, "method_not_allowed",
	          "%s is not allowed here; allowed: %s", r->method, list);
}

/* Whether the route search found a route to run with clean arguments; false with the reply set. */
static bool route_found(struct srv_req *r, enum srv_match m, unsigned allowed)
{
	switch (m) {
	case SRV_MATCH_OK:
		return args_clean(r);
	case SRV_MATCH_NONE:
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found", "no such endpoint; see docs/api.md");
		return false;
	case SRV_MATCH_METHOD:
		refuse_method(r, allowed);
		return false;
	case SRV_MATCH_BAD:
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "a path parameter is longer than %d bytes or holds what no id may hold "
		          "(/, \\, a control character, bytes that are not UTF-8, . or ..)",
		          SRV_MAX_PARAM - 1);
		return false;
	}
	return true;
}

/* The worker's store connection into r->st; false with a 503 set. */
static bool open_store(struct srv_req *r)
{
	r->st = srv_store(r->srv);
	if (!r->st) {
		srv_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		          "the store cannot be opened now; try again");
		return false;
	}
	return true;
}

/* Run an admitted request's handler within the time limit; a reply is always set after. */
static void run_handler(struct srv_req *r, const struct srv_route *route)
{
	/* work past the limit stops: network analyses between igraph's calls, the store's
	 * reads and writes inside SQLite (a 503 "timeout" either way) */
	iv_graph_time_limit(r->srv->cfg.time_limit);
	iv_store_time_limit(r->st, r->srv->cfg.time_limit);
	route->handler(r);
	iv_store_time_limit(r->st, 0);
	iv_graph_time_limit(0);
	if (r->audit_lost && r->status < 400) {
		/* the trail could not name what the reply holds: the reply is not sent */
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
	}
	if (!r->status)
		srv_error(r, MHD_HTTP_INTERNAL_SERVER_ERROR, "internal", "no reply was made");
}

static void dispatch(struct srv_req *r)
{
	const struct srv_route *route;
	unsigned allowed = 0, method = srv_method_bit(r->method);
	enum srv_match m;

	/* no answer that cannot be audited: while the store refuses the trail, refuse all */
	if (srv_audit_failing(r->srv)) {
		srv_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		          "the audit trail cannot be written now, so nothing is answered; the "
		          "operator's log says why");
		return;
	}
	if (!is_api(r->url)) {
		dispatch_file(r, method);
		return;
	}
	m = srv_route_find(srv_routes, srv_nroutes, method, r->url, &route, r->params, &r->nparams,
	                   &allowed);
	if (!route_found(r, m, allowed) || !open_store(r) || !admit(r, route))
		return;
	run_handler(r, route);
}

static enum MHD_Result send_reply(struct srv_req *r)
{
	struct MHD_Response *resp;
	enum MHD_Result ret;
	bool api = strncmp(r->url, "/api/", 5) == 0;

	if (r->reply) {
		char *text = json_dumps(r->reply, IV_JSON_DUMP_FLAGS);
		if (!text)
			return MHD_NO;
		resp = MHD_create_response_from_buffer(strlen(text), text, MHD_RESPMEM_MUST_FREE);
		if (!resp) {
			free(text);
			return MHD_NO;
		}
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE, SRV_JSON_TYPE);
	} else {
		size_t len = r->raw.len;
		char *body = iv_buf_detach(&r->raw, &len);
		if (!body)
			return MHD_NO;
		resp = MHD_create_response_from_buffer_with_free_callback(len, body, iv_free);
		if (!resp) {
			iv_free(body);
			return MHD_NO;
		}
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CONTENT_TYPE,
		                        r->raw_type ? r->raw_type : "application/octet-stream");
	}
	MHD_add_response_header(resp, "X-Content-Type-Options", "nosniff");
	MHD_add_response_header(resp, "Referrer-Policy", "no-referrer");
	MHD_add_response_header(resp, "X-Frame-Options", "DENY");
	if (api)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_CACHE_CONTROL, "no-store");
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
	if (r->status == MHD_HTTP_UNAUTHORIZED)
		MHD_add_response_header(resp, MHD_HTTP_HEADER_WWW_AUTHENTICATE,
		                        "Bearer realm=\"invigor\"");
	ret = MHD_queue_response(r->conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ret;
}

/* Queue the request's audit record. */
static void audit(struct srv_req *r)
{
	char action[600];

	r->audited = true;

	snprintf(action, sizeof(action), "%s %s", r->method, r->url);
	if (!r->outcome[0])
		snprintf(r->outcome, sizeof(r->outcome), "%s", r->status < 400 ? "ok" : "refused");
	srv_audit_add(r->srv, r->authed ? r->viewer.user : "", r->remote, action,
	              r->audit_query.buf, r->audit_entities.len ? r->audit_entities.buf : "[]",
	              r->status, r->outcome);
}

/* What the query string asked, for the audit trail (never a password: logins send JSON). */
static enum MHD_Result collect_arg(void *cls, enum MHD_ValueKind kind, const char *key,
                                   const char *value)
{
	struct srv_req *r = cls;

	(void)kind;
	if (iv_buf_addf(&r->audit_query, "%s%s=%s", r->audit_query.len ? "&" : "", key,
	                value ? value : ""))
		return MHD_NO;
	return MHD_YES;
}

/* Send the reply already set, before the body is read; the rest of the body is dropped. */
static enum MHD_Result reply_early(struct srv_req *r)
{
	enum MHD_Result ret = send_reply(r);

	audit(r);
	r->status = -1;
	return ret;
}

/*
 * An upload is authenticated and authorised from its headers, before a
 * byte of its body is written anywhere; false with the reply set.
 */
static bool admit_upload(struct srv_req *r)
{
	static const struct srv_route ingest = {SRV_POST, "/api/v1/ingest", IV_PERM_INGEST, NULL};

	return open_store(r) && admit(r, &ingest);
}

static enum MHD_Result refuse_early(struct srv_req *r, int status, const char *code,
                                    const char *msg)
{
	enum MHD_Result ret;

	srv_error(r, status, code, "%s", msg);
	ret = send_reply(r);
	audit(r);
	r->status = -1; /* replied: the rest of the body is dropped */
	return ret;
}

/* A request's state from its first call (headers only); NULL when out of memory. */
static struct srv_req *req_new(struct iv_server *s, struct MHD_Connection *conn, const char *url,
                               const char *method)
{
	struct srv_req *r = iv_calloc(sizeof(*r));

	if (!r)
		return NULL;
	r->srv = s;
	r->conn = conn;
	r->method = method;
	r->url = url;
	iv_buf_init(&r->audit_query, 4096);
	iv_buf_init(&r->audit_entities, IV_BUF_DEFAULT_CAP);
	remote_of(conn, r->remote, sizeof(r->remote));
	return r;
}

/*
 * What the headers alone decide: the server stopping, a body longer than
 * the cap, and for an upload who may send it, before a byte is read.
 */
static enum MHD_Result screen_headers(struct srv_req *r, size_t limit)
{
	const char *cl;

	if (atomic_load(&r->srv->stopping))
		return refuse_early(r, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		                    "the server is stopping");
	cl = MHD_lookup_connection_value(r->conn, MHD_HEADER_KIND, MHD_HTTP_HEADER_CONTENT_LENGTH);
	if (cl && (strlen(cl) > 15 || strtoull(cl, NULL, 10) > limit))
		return refuse_early(r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big",
		                    "the request body is larger than the server accepts");
	if (r->is_upload && !admit_upload(r))
		return reply_early(r);
	if (r->is_upload && srv_upload_begin(r))
		return refuse_early(r, MHD_HTTP_BAD_REQUEST, "invalid",
		                    "an upload must be multipart/form-data with the parts "
		                    "'file' and (for CSV) 'mapping'");
	return MHD_YES;
}

/* The first call, with the headers: the request is made, counted in flight and screened. */
static enum MHD_Result begin_request(struct iv_server *s, struct MHD_Connection *conn,
                                     const char *url, const char *method, void **con_cls)
{
	struct srv_req *r = req_new(s, conn, url, method);
	size_t limit;

	if (!r)
		return MHD_NO;
	*con_cls = r;
	atomic_fetch_add(&s->in_flight, 1);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect_arg, r);
	r->is_upload = strcmp(method, "POST") == 0 && strcmp(url, API_PREFIX "ingest") == 0;
	limit = r->is_upload ? s->cfg.max_upload : s->cfg.max_body;
	iv_buf_init(&r->body, limit);
	return screen_headers(r, limit);
}

/*
 * A piece of the body.  libmicrohttpd takes no reply while a body is
 * still arriving: a body found wrong here is read to its end and dropped
 * (the idle timeout bounds a client that never ends it), and refused on
 * the final call.
 */
static enum MHD_Result take_body(struct srv_req *r, const char *data, size_t *size)
{
	size_t n = *size;

	*size = 0;
	if (r->status == -1)
		return MHD_YES;
	if (r->refused) {
		/* a refused body is read to its end, but not forever */
		r->drained += n;
		return r->drained > SRV_DRAIN_MAX ? MHD_NO : MHD_YES;
	}
	if (r->is_upload) {
		enum iv_err rc = srv_upload_data(r, data, n);
		if (rc == IV_ERR_TOOBIG)
			srv_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big",
			          "the upload is larger than the server accepts");
		else if (rc)
			srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
			          "the upload is not well-formed multipart/form-data");
		r->refused = rc != IV_OK;
	} else if (iv_buf_add(&r->body, data, n)) {
		srv_error(r, MHD_HTTP_CONTENT_TOO_LARGE, "too_big",
		          "the request body is larger than the server accepts");
		r->refused = true;
		iv_buf_release(&r->body);
	}
	return MHD_YES;
}

static enum MHD_Result on_request(void *cls, struct MHD_Connection *conn, const char *url,
                                  const char *method, const char *version, const char *upload_data,
                                  size_t *upload_data_size, void **con_cls)
{
	struct srv_req *r = *con_cls;
	enum MHD_Result ret;

	(void)version;
	if (!r)
		return begin_request(cls, conn, url, method, con_cls);
	if (*upload_data_size)
		return take_body(r, upload_data, upload_data_size);
	if (r->status == -1)
		return MHD_YES; /* replied before the body was read */
	if (!r->refused)
		dispatch(r);
	ret = send_reply(r);
	audit(r);
	return ret;
}

static void on_completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                         enum MHD_RequestTerminationCode toe)
{
	struct iv_server *s = cls;
	struct srv_req *r = *con_cls;

	(void)conn;
	if (!r)
		return;
	if (!r->audited) {
		/* never answered (the client went away, the connection broke, or a refused
		 * body never ended): recorded with what was decided so far */
		char was[sizeof(r->outcome)];
		snprintf(was, sizeof(was), "%s", r->outcome);
		snprintf(r->outcome, sizeof(r->outcome), "aborted (%s)%s%.100s",
		         toe == MHD_REQUEST_TERMINATED_TIMEOUT_REACHED ? "timeout"
		                                                       : "connection closed",
		         was[0] ? " after: " : "", was);
		audit(r);
	}
	req_free(r);
	*con_cls = NULL;
	atomic_fetch_sub(&s->in_flight, 1);
}

/* libmicrohttpd's unescaping is off: paths and arguments are decoded once, by srv_decode. */
static size_t keep_escaped(void *cls, struct MHD_Connection *c, char *s)
{
	(void)cls;
	(void)c;
	return strlen(s);
}

/* libmicrohttpd's own messages; fmt is its format string (checked as printf's) */
__attribute__((format(printf, 2, 0))) static void log_mhd(void *cls, const char *fmt, va_list ap)
{
	const struct iv_server *s = cls;

	if (s->cfg.quiet)
		return;
	fputs("invigor serve: ", stderr);
	vfprintf(stderr, fmt, ap);
}

/*
 * Every request allocates and frees its reply: keep freed memory for the
 * next one instead of giving it back to the system and taking it again
 * (measured: malloc's trimming and consolidation were a tenth of an
 * entity fetch).
 */
static void keep_freed_memory(void)
{
	mallopt(M_TRIM_THRESHOLD, 256 << 20);
	mallopt(M_MMAP_THRESHOLD, 16 << 20);
}

static IV_MUST_USE enum iv_err listen_address(const struct iv_server_config *c,
                                              struct sockaddr_in *addr, struct iv_buf *err)
{
	memset(addr, 0, sizeof(*addr));
	addr->sin_family = AF_INET;
	addr->sin_port = htons((uint16_t)c->port);
	if (c->port > 65535 || inet_pton(AF_INET, c->host, &addr->sin_addr) != 1)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "cannot listen on '%s:%u': give an IPv4 address and a port",
		                 c->host, c->port);
	return IV_OK;
}

/*
 * s's own copy of the configuration, its sessions, network cache, audit
 * writer and jobs; on failure the caller stops s (iv_server_stop frees
 * what was made).
 */
static IV_MUST_USE enum iv_err server_init(struct iv_server *s, const struct iv_server_config *c,
                                           struct iv_buf *err)
{
	enum iv_err rc;

	s->cfg = *c;
	s->db = iv_strdup(c->db);
	s->static_dir = c->static_dir ? iv_strdup(c->static_dir) : NULL;
	s->jobs_dir = iv_strdup(c->jobs_dir ? c->jobs_dir : "/tmp");
	s->cfg.db = s->db;
	s->cfg.static_dir = s->static_dir;
	s->cfg.jobs_dir = s->jobs_dir;
	pthread_mutex_init(&s->stores_lock, NULL);
	if (!s->db || !s->jobs_dir || (c->static_dir && !s->static_dir))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	rc = srv_sessions_init(s);
	if (rc)
		return iv_seterr(err, rc, "out of memory");
	rc = iv_netcache_new(c->network_cache, &s->netcache, err);
	if (!rc)
		rc = srv_audit_start(s, err);
	if (!rc)
		rc = srv_jobs_init(s, err);
	return rc;
}

static struct MHD_Daemon *daemon_start(struct iv_server *s, const struct iv_server_config *c,
                                       const struct sockaddr_in *addr)
{
	return MHD_start_daemon(
	        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_USE_ERROR_LOG |
	                MHD_USE_TURBO,
	        (uint16_t)c->port, NULL, NULL, on_request, s, MHD_OPTION_EXTERNAL_LOGGER, log_mhd,
	        s, MHD_OPTION_UNESCAPE_CALLBACK, keep_escaped, NULL, MHD_OPTION_SOCK_ADDR, addr,
	        MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(c->threads ? c->threads : 2),
	        MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)c->timeout, MHD_OPTION_CONNECTION_LIMIT,
	        (unsigned)1024, MHD_OPTION_PER_IP_CONNECTION_LIMIT, (unsigned)256,
	        MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)64 * 1024, MHD_OPTION_NOTIFY_COMPLETED,
	        on_completed, s, MHD_OPTION_END);
}

enum iv_err iv_server_start(const struct iv_server_config *c, struct iv_server **out,
                            struct iv_buf *err)
{
	struct iv_server *s;
	struct sockaddr_in addr;
	struct iv_store *probe = NULL;
	const union MHD_DaemonInfo *di;
	enum iv_err rc;

	*out = NULL;
	if (sodium_init() < 0)
		return iv_seterr(err, IV_ERR_INTERNAL, "libsodium could not start");
	keep_freed_memory();
	rc = listen_address(c, &addr, err);
	if (rc)
		return rc;
	/* the store must exist and be current before anyone connects */
	rc = iv_store_open(c->db, 0, &probe, err);
	iv_store_close(probe);
	if (rc)
		return rc;
	s = iv_calloc(sizeof(*s));
	if (!s)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	rc = server_init(s, c, err);
	if (rc)
		goto fail;
	s->daemon = daemon_start(s, c, &addr);
	if (!s->daemon) {
		rc = iv_seterr(err, IV_ERR_IO, "cannot listen on %s:%u: %s", c->host, c->port,
		               strerror(errno ? errno : EADDRINUSE));
		goto fail;
	}
	di = MHD_get_daemon_info(s->daemon, MHD_DAEMON_INFO_BIND_PORT);
	s->port = di ? di->port : c->port;
	*out = s;
	return IV_OK;
fail:
	iv_server_stop(s, 0);
	return rc;
}

void iv_server_stop(struct iv_server *s, unsigned grace_seconds)
{
	struct timespec tick = {0, 20 * 1000 * 1000};

	if (!s)
		return;
	atomic_store(&s->stopping, true);
	srv_audit_stopping(s);
	if (s->daemon) {
		/*
		 * Requests in flight get up to the grace to finish; new ones are answered
		 * 503 "the server is stopping" (on_request).  The listening socket is not
		 * quiesced first: with a thread pool on epoll, libmicrohttpd 0.9.75's
		 * MHD_quiesce_daemon races its workers removing the socket from their
		 * epoll sets, and the loser aborts the process ("Failed to remove listen
		 * FD from epoll set"; seen once in an e2e run under the sanitizers).
		 */
		for (unsigned i = 0; i < grace_seconds * 50 && atomic_load(&s->in_flight) > 0; i++)
			nanosleep(&tick, NULL);
		MHD_stop_daemon(s->daemon);
	}
	srv_jobs_stop(s, grace_seconds);
	srv_audit_stop(s);
	srv_sessions_free(s);
	iv_netcache_free(s->netcache); /* no request holds a graph now */
	for (size_t i = 0; i < s->nstores; i++)
		iv_store_close(s->stores[i]);
	iv_free(s->stores);
	pthread_mutex_destroy(&s->stores_lock);
	iv_free(s->db);
	iv_free(s->static_dir);
	iv_free(s->jobs_dir);
	iv_free(s);
}
