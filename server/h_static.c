/*
 * h_static.c - the web UI's files (web/, or --static DIR) under /.
 *
 * A path is served only when it resolves, symbolic links followed, to a
 * regular file inside the static folder: no "..", no dot-files, no way
 * out.  Every file goes with a Content-Security-Policy that allows
 * scripts, styles and connections only from this server, and caching
 * headers (the page itself is revalidated; assets may be cached).
 */
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "server/server_int.h"

#define STATIC_MAX ((size_t)32 << 20)

static const char csp[] = "default-src 'self'; script-src 'self'; style-src 'self'; "
                          "img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; "
                          "frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

static const char *type_of(const char *path)
{
	static const struct {
		const char *ext, *type;
	} types[] = {
	        {".html", "text/html; charset=utf-8"},
	        {".js", "text/javascript; charset=utf-8"},
	        {".mjs", "text/javascript; charset=utf-8"},
	        {".css", "text/css; charset=utf-8"},
	        {".json", "application/json; charset=utf-8"},
	        {".svg", "image/svg+xml"},
	        {".png", "image/png"},
	        {".ico", "image/x-icon"},
	        {".txt", "text/plain; charset=utf-8"},
	        {".map", "application/json; charset=utf-8"},
	        {".woff2", "font/woff2"},
	};
	const char *dot = strrchr(path, '.');

	for (size_t i = 0; dot && i < sizeof(types) / sizeof(types[0]); i++)
		if (strcmp(dot, types[i].ext) == 0)
			return types[i].type;
	return "application/octet-stream";
}

void srv_static(struct srv_req *r)
{
	char want[PATH_MAX], real[PATH_MAX], root[PATH_MAX];
	const char *url = r->url;
	struct stat sb;
	size_t rootlen;
	int fd = -1;

	if (!r->srv->static_dir || !realpath(r->srv->static_dir, root)) {
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found", "no such file");
		return;
	}
	if (strcmp(url, "/") == 0)
		url = "/index.html";
	/* the path arrives as sent: the UI's files need no escapes, so none are taken */
	if (strstr(url, "/.") || strchr(url, '\\') || strchr(url, '%') || strlen(url) > 1024 ||
	    snprintf(want, sizeof(want), "%s%s", root, url) >= (int)sizeof(want) ||
	    !realpath(want, real)) {
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found", "no such file");
		return;
	}
	rootlen = strlen(root);
	if (strncmp(real, root, rootlen) != 0 || real[rootlen] != '/' ||
	    (fd = open(real, O_RDONLY | O_CLOEXEC)) < 0 || fstat(fd, &sb) != 0 ||
	    !S_ISREG(sb.st_mode) || (size_t)sb.st_size > STATIC_MAX) {
		if (fd >= 0)
			close(fd);
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found", "no such file");
		return;
	}
	iv_buf_init(&r->raw, STATIC_MAX);
	if (iv_buf_grow(&r->raw, (size_t)sb.st_size)) {
		close(fd);
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		return;
	}
	while (r->raw.len < (size_t)sb.st_size) {
		ssize_t n = read(fd, r->raw.buf + r->raw.len, (size_t)sb.st_size - r->raw.len);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		r->raw.len += (size_t)n;
	}
	close(fd);
	r->raw.buf[r->raw.len] = '\0';
	r->status = MHD_HTTP_OK;
	r->raw_type = type_of(real);
	r->headers[r->nheaders][0] = "Content-Security-Policy";
	r->headers[r->nheaders++][1] = csp;
	r->headers[r->nheaders][0] = MHD_HTTP_HEADER_CACHE_CONTROL;
	r->headers[r->nheaders++][1] = strcmp(r->raw_type, "text/html; charset=utf-8") == 0
	                                       ? "no-cache"
	                                       : "public, max-age=3600";
}
