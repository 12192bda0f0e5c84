/*
 * server_int.h - what the server's files share: the server, one request,
 * the route table, reply helpers and the audit writer.
 *
 * A request's life: libmicrohttpd calls the access handler first with the
 * headers (struct srv_req is made; a body larger than the cap is refused
 * at once), then with each piece of the body, then once more; on that
 * last call srv_dispatch finds the route (404 / 405), authenticates the
 * Bearer token (401), checks the role's permission (403), runs the
 * handler, sends its reply and queues the audit record.  Handlers set
 * r->status and r->reply (or call srv_error) and record the entity ids
 * they return with srv_audit_entity.
 */
#ifndef IV_SERVER_INT_H
#define IV_SERVER_INT_H

#include <pthread.h>
#include <stdatomic.h>
#include <stdbool.h>

#include <jansson.h>
#include <microhttpd.h>

#include "iv/access.h"
#include "iv/view.h"
#include "iv/store.h"
#include "server/server.h"

/* ---- routes (routes.c: pure, fuzzed) ---------------------------------------------- */

enum srv_method {
	SRV_GET = 1 << 0,
	SRV_POST = 1 << 1,
	SRV_DELETE = 1 << 2,
	SRV_PUT = 1 << 3,
};

struct srv_req;
typedef void (*srv_handler)(struct srv_req *r);

struct srv_route {
	unsigned method;  /* enum srv_method */
	const char *path; /* "/api/v1/entities/{}/network": {} is one path segment */
	unsigned perm;    /* enum iv_permission bits needed (any of them); 0: public */
	srv_handler handler;
};

/* A refused body is read this far for its client to get the refusal; then the connection goes. */
#define SRV_DRAIN_MAX ((size_t)16 << 20)

#define SRV_MAX_PARAMS 3
#define SRV_MAX_PARAM  512 /* longest path parameter, decoded */

enum srv_match {
	SRV_MATCH_OK = 0,
	SRV_MATCH_NONE,   /* 404 */
	SRV_MATCH_METHOD, /* 405: the path exists with other methods (allowed set) */
	SRV_MATCH_BAD,    /* 400: a parameter is not a clean segment */
};

/** The method's bit, or 0 for a method the API does not use. */
unsigned srv_method_bit(const char *method);

/**
 * Find the route for (method, path) in the table.  Path parameters are
 * percent-decoded into params (each SRV_MAX_PARAM bytes); a decoded
 * parameter holding NUL, '/', control bytes or invalid UTF-8, or "." or
 * "..", is SRV_MATCH_BAD.  *allowed gets the methods the path accepts.
 */
enum srv_match srv_route_find(const struct srv_route *table, size_t n, unsigned method,
                              const char *path, const struct srv_route **out,
                              char params[SRV_MAX_PARAMS][SRV_MAX_PARAM], size_t *nparams,
                              unsigned *allowed);

/**
 * Percent-decode s[0..n) into out (cap bytes with the NUL): false when an
 * escape is broken, the result holds a control byte (NUL included) or is
 * not UTF-8, or it does not fit.  *len gets its length.
 */
bool srv_decode(const char *s, size_t n, char *out, size_t cap, size_t *len);

/** The API's route table (handlers.c). */
extern const struct srv_route srv_routes[];
extern const size_t srv_nroutes;

/* ---- the server ----------------------------------------------------------------- */

struct srv_audit;    /* audit_log.c */
struct srv_sessions; /* sessions.c */
struct srv_jobs;     /* h_ingest.c */

struct iv_server {
	struct iv_server_config cfg;
	char *db;
	char *static_dir;
	char *jobs_dir;
	struct MHD_Daemon *daemon;
	unsigned port;
	atomic_int in_flight; /* requests being answered */
	atomic_bool stopping;
	pthread_mutex_t stores_lock;
	struct iv_store **stores; /* one per worker thread, closed at stop */
	size_t nstores, stores_cap;
	struct srv_audit *audit;
	struct srv_sessions *sessions;
	struct srv_jobs *jobs;
	struct iv_netcache *netcache; /* projections kept between requests (netcache.h) */
};

/** The calling thread's store connection (opened on first use); NULL on failure. */
struct iv_store *srv_store(struct iv_server *s);

/* ---- one request -------------------------------------------------------------------- */

struct srv_req {
	struct iv_server *srv;
	struct MHD_Connection *conn;
	const char *method;
	const char *url;
	char remote[64];
	struct iv_buf body;
	struct iv_arena arena; /* decoded query arguments */
	bool refused;          /* the body was refused while it arrived: the reply is set */
	size_t drained;        /* bytes of a refused body read since */
	bool audited;          /* the audit record is queued */
	bool is_upload;        /* multipart ingest: the body goes to the upload, not to `body` */
	void *upload;          /* h_ingest.c's state */

	char params[SRV_MAX_PARAMS][SRV_MAX_PARAM];
	size_t nparams;
	struct iv_store *st;
	struct iv_viewer viewer;
	bool authed;
	char token[IV_ACCESS_TOKEN_HEX];

	/* the reply */
	int status;
	json_t *reply;             /* JSON reply, or NULL with raw */
	struct iv_buf raw;         /* non-JSON reply body */
	const char *raw_type;      /* its content type */
	const char *headers[4][2]; /* extra reply headers (static strings) */
	size_t nheaders;

	/* the audit record */
	struct iv_buf audit_entities; /* the entity ids returned: a JSON array's text, or "" */
	bool audit_lost;              /* an id could not be recorded: the reply is withheld */
	struct iv_buf audit_query;
	char outcome[160];
};

/** The Content-Type of JSON replies (also of a JSON reply written as text into raw). */
#define SRV_JSON_TYPE "application/json; charset=utf-8"

/** Set an error reply {"error": {"code", "message"}} (message printf-style, no internals). */
void srv_error(struct srv_req *r, int status, const char *code, const char *fmt, ...)
        __attribute__((format(printf, 4, 5)));
/**
 * Map a library error to a reply: NOTFOUND 404, INVALID 400, EXISTS 409,
 * TOOBIG 413, DENIED 403; anything else is a 500 whose detail goes only to
 * the server's log.  `what` names the thing for 404s ("entity").
 */
void srv_fail(struct srv_req *r, enum iv_err rc, const struct iv_buf *err, const char *what);
/**
 * A JSON string of text that was stored or sent by someone else (an audit
 * record's query, a file's name): bytes that are not UTF-8 become '?', so
 * that one bad record cannot make a whole reply fail.  NULL on no memory.
 */
json_t *srv_text(const char *s);
/** Set a 200 (or status) JSON reply; takes the reference.  NULL (no memory) is a 500. */
void srv_json(struct srv_req *r, int status, json_t *reply);
/**
 * Record an entity id the reply returns (for the audit trail).  When
 * memory runs out, the reply is replaced by a 500: nothing leaves that
 * the trail does not name.
 */
void srv_audit_entity(struct srv_req *r, const char *id);
/**
 * Record entity ids the reply returns, given as JSON text: strings
 * separated by commas (what iv_view_entity_write gives as members); as
 * srv_audit_entity when memory runs out.
 */
void srv_audit_entities(struct srv_req *r, const char *list, size_t n);
/**
 * Record a network node the reply returns: its id, and when it is a
 * canonical entity (a merge the caller is shown), the records it is made
 * of, so that the trail asked who saw a record finds the networks that
 * showed it merged.  As srv_audit_entity when the store or memory fails.
 */
void srv_audit_node(struct srv_req *r, const char *id);

/** Replace what the audit record says was asked (printf-style; cut at 4 KiB). */
void srv_audit_query(struct srv_req *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/**
 * A query-string argument, percent-decoded, or NULL when absent (every
 * argument was checked to decode cleanly before the handler ran).
 */
const char *srv_arg(struct srv_req *r, const char *name);
/**
 * An unsigned query argument in [lo, hi], or def when absent.  On junk
 * or out of range: a 400 reply and false.
 */
bool srv_arg_uint(struct srv_req *r, const char *name, unsigned lo, unsigned hi, unsigned def,
                  unsigned *out);
/**
 * The request body as a JSON object: a 400 reply (and NULL) when it is
 * not one.  The caller owns the reference.
 */
json_t *srv_body_object(struct srv_req *r);
/**
 * A string member of obj: required ones missing or of another type give a
 * 400 and false; optional missing ones give *out = NULL.  Strings must be
 * valid UTF-8 (jansson checks) without NUL and at most max bytes.
 */
bool srv_member_str(struct srv_req *r, json_t *obj, const char *name, bool required, size_t max,
                    const char **out);

/**
 * The time window and link kinds of a network request (query arguments
 * from, to and kinds: ISO dates, a comma list of kinds; NULL when not
 * given) into o; false with a 400 on junk.  (h_data.c)
 */
bool srv_network_window(struct srv_req *r, const char *from, const char *to, const char *kinds,
                        struct iv_graph_project_opts *o);
/**
 * The node of id in g: its own, or its canonical entity's when merges are
 * shown to the viewer; -1 when the caller's projection lacks it.  (h_data.c)
 */
long srv_graph_node(struct srv_req *r, struct iv_view *v, const struct iv_graph *g, const char *id);

/**
 * Opaque cursors: "o" + decimal offset, or "s" + decimal sequence, as
 * base64url.  Decoding junk gives false.
 */
void srv_cursor_make(char kind, uint64_t n, char *out, size_t size);
bool srv_cursor_parse(const char *s, char kind, uint64_t *n);

/* ---- the audit writer (audit_log.c) ----------------------------------------------- */

IV_MUST_USE enum iv_err srv_audit_start(struct iv_server *s, struct iv_buf *err);
/** Queue one request's record (copied). Blocks only when the queue is full. */
void srv_audit_add(struct iv_server *s, const char *user, const char *remote, const char *action,
                   const char *query, const char *entities, int status, const char *outcome);
/**
 * Whether the store refuses the audit trail and the queue is nearly full:
 * requests are then refused (fail closed) until it takes records again.
 */
bool srv_audit_failing(struct iv_server *s);
/** Wait until every record queued so far is written (the audit endpoints read after it). */
void srv_audit_flush(struct iv_server *s);
/** The server is stopping: records are written at once, a refusing store is given up on soon. */
void srv_audit_stopping(struct iv_server *s);
/** Write what is queued and stop the writer. */
void srv_audit_stop(struct iv_server *s);

/* ---- sessions (sessions.c) ------------------------------------------------------------- */

IV_MUST_USE enum iv_err srv_sessions_init(struct iv_server *s);
void srv_sessions_free(struct iv_server *s);
/**
 * The viewer of a Bearer token: from the cache (re-checked against the
 * store every few seconds) or the store.  IV_ERR_DENIED when the token is
 * unknown, expired, or its user disabled.  *out is owned by the caller.
 */
IV_MUST_USE enum iv_err srv_session_viewer(struct iv_server *s, struct iv_store *st,
                                           const char *token, struct iv_viewer *out,
                                           struct iv_buf *err);
/*
 * Failed logins from one client address, whatever user names they try
 * (the store locks a user after IV_ACCESS_MAX_FAILURES; this stops one
 * address guessing across many names): cfg.address_failures per window.
 */
/** Whether the address may try to log in now (fewer failures than the limit in the window). */
bool srv_login_allowed(struct iv_server *s, const char *remote);
void srv_login_failed(struct iv_server *s, const char *remote);

/** Forget a token (logout). */
void srv_session_forget(struct iv_server *s, const char *token);
/** Forget every cached session (after user or grant changes). */
void srv_session_forget_all(struct iv_server *s);

/* ---- ingest jobs (h_ingest.c) ------------------------------------------------------ */

IV_MUST_USE enum iv_err srv_jobs_init(struct iv_server *s, struct iv_buf *err);
/** Wait for running jobs (cancelling them after grace seconds) and free. */
void srv_jobs_stop(struct iv_server *s, unsigned grace_seconds);
/** Upload handling for the ingest route: called with each piece of the body. */
IV_MUST_USE enum iv_err srv_upload_begin(struct srv_req *r);
IV_MUST_USE enum iv_err srv_upload_data(struct srv_req *r, const char *data, size_t n);
void srv_upload_free(struct srv_req *r);

#endif
