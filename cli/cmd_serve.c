/*
 * cmd_serve.c - `invigor serve`: run the HTTP JSON API until SIGTERM or
 * SIGINT, then stop gracefully (requests in flight finish, the audit
 * trail is written, the store is closed clean).
 *
 * Settings come from, strongest first: flags, environment variables
 * (INVIGOR_LISTEN, INVIGOR_THREADS, INVIGOR_STATIC, INVIGOR_SESSION_TTL),
 * a config file (--config FILE: `key = value` lines, # comments), and
 * the defaults.
 */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "server/server.h"

static const char help[] =
        "usage: invigor [--db PATH] serve [--listen HOST:PORT] [--threads N] [options]\n"
        "\n"
        "Serve the JSON API under /api/v1/ (docs/api.md) and the web UI's files,\n"
        "until SIGTERM or SIGINT; then stop gracefully.  Users log in with\n"
        "POST /api/v1/login; add them with 'invigor user add'.\n"
        "\n"
        "  --listen HOST:PORT   address to listen on (default 127.0.0.1:8080;\n"
        "                       port 0 picks a free one)\n"
        "  --threads N          worker threads (default: the number of CPUs)\n"
        "  --static DIR         serve the files of DIR under / (the web UI)\n"
        "  --jobs-dir DIR       where uploads wait for their ingest job (default /tmp)\n"
        "  --max-body BYTES     largest JSON request body (default 1048576)\n"
        "  --max-upload BYTES   largest ingest upload (default 536870912)\n"
        "  --timeout SECONDS    idle connections are closed after this (default 30)\n"
        "  --session-ttl SECONDS  how long a login lasts (default 28800)\n"
        "  --grace SECONDS      how long requests in flight get at stop (default 10; 0: none)\n"
        "  --address-failures N failed logins one client address may make in 15 minutes,\n"
        "                       whatever names it tries, before it is refused (default 20)\n"
        "  --time-limit SECONDS work one request may take (network analyses, the store's\n"
        "                       reads and writes) before it answers 503 timeout\n"
        "                       (default 60; 0: none)\n"
        "  --network-cache N    network projections kept between requests (default 4)\n"
        "  --config FILE        settings as 'key = value' lines: listen, threads, static,\n"
        "                       jobs_dir, max_body, max_upload, timeout, session_ttl, grace,\n"
        "                       address_failures, time_limit, network_cache\n"
        "  --port-file FILE     write the port listened on to FILE once listening\n"
        "  --quiet              no messages on stderr but errors\n"
        "\n"
        "Environment: INVIGOR_LISTEN, INVIGOR_THREADS, INVIGOR_STATIC, INVIGOR_SESSION_TTL.\n";

struct settings {
	struct iv_server_config cfg;
	char *static_dir, *jobs_dir; /* owned copies behind cfg's pointers */
	char host[64];
	unsigned grace;
	const char *port_file;
};

static bool parse_listen(const char *s, struct settings *o)
{
	const char *colon = strrchr(s, ':');
	char *end;
	unsigned long port;

	if (!colon || colon == s || (size_t)(colon - s) >= sizeof(o->host))
		return false;
	port = strtoul(colon + 1, &end, 10);
	if (*end || colon[1] == '\0' || port > 65535)
		return false;
	memcpy(o->host, s, (size_t)(colon - s));
	o->host[colon - s] = '\0';
	o->cfg.host = o->host;
	o->cfg.port = (unsigned)port;
	return true;
}

static bool parse_size(const char *s, size_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || *s < '0' || *s > '9')
		return false;
	v = strtoull(s, &end, 10);
	if (*end)
		return false;
	*out = (size_t)v;
	return true;
}

/* One setting by name (config file and environment); false when the value is junk. */
static bool set(struct settings *o, const char *key, const char *value)
{
	size_t n;

	if (strcmp(key, "listen") == 0)
		return parse_listen(value, o);
	if (strcmp(key, "static") == 0 || strcmp(key, "jobs_dir") == 0) {
		char **owned = key[0] == 's' ? &o->static_dir : &o->jobs_dir;
		iv_free(*owned); /* a later setting (flag over environment over file) wins */
		*owned = iv_strdup(value);
		if (key[0] == 's')
			o->cfg.static_dir = *owned;
		else
			o->cfg.jobs_dir = *owned;
		return *owned != NULL;
	}
	if (strcmp(key, "time_limit") == 0) { /* seconds, fractions allowed; 0: none */
		char *end = NULL;
		double t = strtod(value, &end);

		if (!end || end == value || *end || !(t >= 0) || t > 86400)
			return false;
		o->cfg.time_limit = t;
		return true;
	}
	if (!parse_size(value, &n))
		return false;
	if (strcmp(key, "grace") == 0 && n <= 3600) /* 0: stop at once */
		o->grace = (unsigned)n;
	else if (n == 0) /* no threads, no body, no time: none of the others means anything at 0 */
		return false;
	else if (strcmp(key, "network_cache") == 0 && n >= 1 && n <= 64)
		o->cfg.network_cache = (unsigned)n;
	else if (strcmp(key, "threads") == 0 && n <= 256)
		o->cfg.threads = (unsigned)n;
	else if (strcmp(key, "max_body") == 0)
		o->cfg.max_body = n;
	else if (strcmp(key, "max_upload") == 0)
		o->cfg.max_upload = n;
	else if (strcmp(key, "timeout") == 0 && n <= 3600)
		o->cfg.timeout = (unsigned)n;
	else if (strcmp(key, "session_ttl") == 0)
		o->cfg.session_ttl = (int64_t)n;
	else if (strcmp(key, "address_failures") == 0 && n <= 1000000)
		o->cfg.address_failures = (unsigned)n;
	else
		return false;
	return true;
}

static int read_config(const char *path, struct settings *o)
{
	FILE *f = fopen(path, "r");
	char line[1024];
	unsigned lineno = 0;

	if (!f)
		return cli_error(IV_ERR_NOTFOUND, "%s: cannot open the config file", path);
	while (fgets(line, sizeof(line), f)) {
		char *key = line, *eq, *value, *end;

		lineno++;
		if (!strchr(line, '\n') && !feof(f)) { /* the rest would be read as a line */
			fclose(f);
			return cli_error(IV_ERR_INVALID, "%s:%u: a line longer than %zu bytes",
			                 path, lineno, sizeof(line) - 2);
		}
		key += strspn(key, " \t");
		if (*key == '#' || *key == '\n' || *key == '\0')
			continue;
		eq = strchr(key, '=');
		if (!eq) {
			fclose(f);
			return cli_error(IV_ERR_INVALID, "%s:%u: expected 'key = value'", path,
			                 lineno);
		}
		value = eq + 1;
		for (end = eq; end > key && (end[-1] == ' ' || end[-1] == '\t'); end--)
			;
		*end = '\0';
		value += strspn(value, " \t");
		value[strcspn(value, "\r\n")] = '\0';
		for (end = value + strlen(value);
		     end > value && (end[-1] == ' ' || end[-1] == '\t'); end--)
			;
		*end = '\0';
		if (!set(o, key, value)) {
			fclose(f);
			return cli_error(IV_ERR_INVALID, "%s:%u: bad setting '%s'", path, lineno,
			                 key);
		}
	}
	fclose(f);
	return 0;
}

static int from_environment(struct settings *o)
{
	static const char *const vars[][2] = {{"INVIGOR_LISTEN", "listen"},
	                                      {"INVIGOR_THREADS", "threads"},
	                                      {"INVIGOR_STATIC", "static"},
	                                      {"INVIGOR_SESSION_TTL", "session_ttl"}};

	for (size_t i = 0; i < sizeof(vars) / sizeof(vars[0]); i++) {
		const char *v = getenv(vars[i][0]);
		if (v && *v && !set(o, vars[i][1], v))
			return cli_error(IV_ERR_INVALID, "%s: bad value '%s'", vars[i][0], v);
	}
	return 0;
}

/* serve's flags; keys[] names the setting a flag sets, as set() takes it */
static const struct option options[] = {
        {"listen", required_argument, NULL, 'l'},
        {"threads", required_argument, NULL, 't'},
        {"static", required_argument, NULL, 's'},
        {"jobs-dir", required_argument, NULL, 'J'},
        {"max-body", required_argument, NULL, 'b'},
        {"max-upload", required_argument, NULL, 'u'},
        {"timeout", required_argument, NULL, 'T'},
        {"session-ttl", required_argument, NULL, 'S'},
        {"grace", required_argument, NULL, 'g'},
        {"address-failures", required_argument, NULL, 'A'},
        {"time-limit", required_argument, NULL, 'L'},
        {"network-cache", required_argument, NULL, 'N'},
        {"config", required_argument, NULL, 'c'},
        {"port-file", required_argument, NULL, 'p'},
        {"quiet", no_argument, NULL, 'q'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
};
static const char *const keys[128] = {
        ['l'] = "listen",           ['t'] = "threads",     ['s'] = "static",
        ['J'] = "jobs_dir",         ['b'] = "max_body",    ['u'] = "max_upload",
        ['T'] = "timeout",          ['S'] = "session_ttl", ['g'] = "grace",
        ['A'] = "address_failures", ['L'] = "time_limit",  ['N'] = "network_cache",
};

/*
 * The --config FILE among the flags, or NULL: looked for before the rest
 * are read, since the file is read first.  Silent about bad flags, which
 * serve_flags reports.
 */
static const char *config_flag(int argc, char **argv)
{
	const char *config = NULL;
	int opt;

	optind = 1;
	opterr = 0;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1)
		if (opt == 'c')
			config = optarg;
	opterr = 1;
	return config;
}

/* The flags into o: -1 to go on, else the exit code (0 after the help, 1 after a usage error). */
static int serve_flags(int argc, char **argv, struct settings *o)
{
	int opt;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		case 'c':
			break;
		case 'p':
			o->port_file = optarg;
			break;
		case 'q':
			o->cfg.quiet = true;
			break;
		default:
			if (opt > 0 && opt < 128 && keys[opt]) {
				if (!set(o, keys[opt], optarg))
					return cli_usage("serve", "bad value '%s' for --%s", optarg,
					                 keys[opt]);
				break;
			}
			return cli_usage("serve", "bad option");
		}
	}
	if (optind != argc)
		return cli_usage("serve", "unexpected argument '%s'", argv[optind]);
	return -1;
}

/*
 * The settings into o, the config file first, so that the environment and
 * then the flags override it: -1 to go on, else the exit code.
 */
static int load_settings(int argc, char **argv, struct settings *o)
{
	const char *config = config_flag(argc, argv);
	int code;

	if (config && (code = read_config(config, o)) != 0)
		return code;
	if ((code = from_environment(o)) != 0)
		return code;
	return serve_flags(argc, argv, o);
}

/*
 * Block SIGTERM and SIGINT before the server's threads start: they inherit
 * the mask, so that only the sigwait in serve_until_stopped sees the stop
 * signals.  A client that hangs up must not end the process (SIGPIPE).
 */
static void block_stop_signals(sigset_t *stop)
{
	sigemptyset(stop);
	sigaddset(stop, SIGTERM);
	sigaddset(stop, SIGINT);
	pthread_sigmask(SIG_BLOCK, stop, NULL);
	signal(SIGPIPE, SIG_IGN);
}

/* Start the server; reports a failure (a missing store by its path) and returns an exit code. */
static int start_server(const struct cli_global *g, const struct iv_server_config *cfg,
                        struct iv_server **srv)
{
	struct iv_buf err = IV_BUF_INIT;
	int code = CLI_OK;
	enum iv_err rc;

	rc = iv_server_start(cfg, srv, &err);
	if (rc == IV_ERR_NOTFOUND)
		code = cli_error(rc, "%s: no database here; run 'invigor init' or set --db", g->db);
	else if (rc)
		code = cli_fail(rc, &err);
	iv_buf_release(&err);
	return code;
}

/* --port-file: the port listened on into the file (port 0 picks one); an exit code. */
static int write_port_file(const char *port_file, const struct iv_server *srv)
{
	FILE *f;

	if (!port_file)
		return CLI_OK;
	f = fopen(port_file, "w");
	if (f) {
		bool written = fprintf(f, "%u\n", iv_server_port(srv)) >= 0;

		if (fclose(f) == 0 && written)
			return CLI_OK;
	}
	return cli_error(IV_ERR_IO, "%s: cannot write the port", port_file);
}

/* Serve until SIGTERM or SIGINT, then stop, giving requests in flight the grace period. */
static void serve_until_stopped(const struct cli_global *g, const struct settings *o,
                                struct iv_server *srv, const sigset_t *stop)
{
	int sig;

	if (!o->cfg.quiet)
		fprintf(stderr, "invigor: serving %s on http://%s:%u/api/v1/ with %u threads\n",
		        g->db, o->cfg.host, iv_server_port(srv), o->cfg.threads);
	sigwait(stop, &sig);
	if (!o->cfg.quiet)
		fprintf(stderr, "invigor: %s: stopping (up to %u s for requests in flight)\n",
		        sig == SIGTERM ? "SIGTERM" : "SIGINT", o->grace);
	iv_server_stop(srv, o->grace);
}

int cmd_serve(int argc, char **argv, const struct cli_global *g)
{
	struct settings o;
	struct iv_server *srv = NULL;
	sigset_t stop;
	int code;

	memset(&o, 0, sizeof(o));
	iv_server_config_init(&o.cfg);
	o.grace = 10;
	code = load_settings(argc, argv, &o);
	if (code >= 0)
		goto out;
	o.cfg.db = g->db;
	block_stop_signals(&stop);
	code = start_server(g, &o.cfg, &srv);
	if (code)
		goto out;
	code = write_port_file(o.port_file, srv);
	if (code) {
		iv_server_stop(srv, 0);
		goto out;
	}
	serve_until_stopped(g, &o, srv, &stop);
	code = CLI_OK;
out:
	iv_free(o.static_dir);
	iv_free(o.jobs_dir);
	return code;
}
