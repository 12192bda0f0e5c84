/*
 * server.h - `invigor serve`: the HTTP JSON API on libmicrohttpd.
 *
 * One process serves many users: a thread pool of libmicrohttpd workers
 * (epoll), each with its own store connection; a writer thread that
 * appends the audit trail in batches; a thread per ingest job.  Every
 * request is authenticated (Bearer session tokens from POST
 * /api/v1/login), checked against the caller's role, answered from what
 * the caller may see (lib/view, the one access filter) and audited.
 * docs/api.md lists the endpoints; docs/api.openapi.json describes them.
 */
#ifndef IV_SERVER_H
#define IV_SERVER_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iv/util.h"

struct iv_server_config {
	const char *db;            /* the store */
	const char *host;          /* address to listen on; "127.0.0.1" */
	unsigned port;             /* 0: any free port (see iv_server_port) */
	unsigned threads;          /* worker threads; 0: the number of CPUs */
	size_t max_body;           /* largest JSON request body in bytes */
	size_t max_upload;         /* largest ingest upload in bytes */
	unsigned timeout;          /* seconds a connection may stay idle */
	int64_t session_ttl;       /* seconds a login lasts */
	const char *static_dir;    /* files served under /, or NULL */
	const char *jobs_dir;      /* where uploads wait for their ingest job */
	unsigned address_failures; /* failed logins an address may make in the lockout window */
	double time_limit;         /* seconds of network work a request may take; 0: none */
	unsigned network_cache;    /* network projections kept between requests */
	bool quiet;                /* no access lines on stderr */
};

/**
 * Defaults: 127.0.0.1:8080, CPUs threads, 1 MiB bodies, 512 MiB uploads,
 * 30 s, 8 h sessions, 20 failed logins per address per 15 minutes, 60 s
 * of network work per request, 4 network projections kept.
 */
void iv_server_config_init(struct iv_server_config *c);

struct iv_server;

/** Open the store, start the threads and listen.  *out is stopped with iv_server_stop. */
IV_MUST_USE enum iv_err iv_server_start(const struct iv_server_config *c, struct iv_server **out,
                                        struct iv_buf *err);
/** The port listened on (useful with port 0). */
unsigned iv_server_port(const struct iv_server *s);
/**
 * Stop gracefully: accept no more connections, let requests in flight
 * finish (up to grace_seconds), wait for ingest jobs (cancelled after the
 * grace: their transaction rolls back), write the audit trail, close.
 * NULL is a no-op.
 */
void iv_server_stop(struct iv_server *s, unsigned grace_seconds);

#endif
