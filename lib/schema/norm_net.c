/*
 * norm_net.c - the phone, email and url types.
 *
 * phone: E.164 through libphonenumber (phone_shim.cc).  National forms
 *   need ctx->phone_region; without one, a leading "00" is read as the
 *   international prefix, which is what most of Europe and the Middle
 *   East dial.  A "tel:" prefix is dropped.
 * email: a "mailto:" prefix is dropped, the domain lower-cased (ASCII
 *   letters; internationalised domains are kept as written); the check is
 *   deliberately basic: no white space or controls anywhere, one '@', a
 *   local part without the characters RFC 5322 reserves, a domain of non-empty dot-separated
 *   labels with a top-level label of two or more characters.
 * url: http and https only, with a host; scheme and host are
 *   lower-cased, the rest kept as written.  A bare domain
 *   ("facebook.com/groups/x") is not given a scheme: which one the source
 *   meant is unknown, and the value is evidence, so it stays verbatim and
 *   is marked invalid.
 */
#include <string.h>

#include "iv/util.h"
#include "schema/phone_shim.h"
#include "schema/schema_int.h"

static char lower(char c)
{
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

static bool is_alnum(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

/* Does s start with prefix, ignoring ASCII case? */
static bool has_prefix(const char *s, const char *prefix)
{
	for (; *prefix; s++, prefix++) {
		if (lower(*s) != *prefix)
			return false;
	}
	return true;
}

/* ---- phone ------------------------------------------------------------------ */

enum iv_err iv_norm_phone(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                          struct iv_buf *out, bool *valid)
{
	struct iv_buf number = IV_BUF_INIT;
	char region[3] = "", e164[64];
	enum iv_err rc;
	int r;

	*valid = false;
	if (n > 256)
		return IV_OK; /* longer than any number libphonenumber reads */
	if (ctx && ctx->phone_region) {
		const char *code = iv_country_code(ctx->phone_region);

		if (code && strlen(code) == 2) {
			region[0] = (char)(code[0] - 'a' + 'A');
			region[1] = (char)(code[1] - 'a' + 'A');
			region[2] = '\0';
		}
	}
	if (has_prefix(s, "tel:"))
		s += 4;
	if (!region[0] && s[0] == '0' && s[1] == '0')
		rc = iv_buf_addf(&number, "+%s", s + 2);
	else
		rc = iv_buf_adds(&number, s);
	if (rc)
		goto out;
	r = iv_phone_e164(number.buf, region[0] ? region : NULL, e164, sizeof(e164));
	if (r < 0) {
		rc = IV_ERR_NOMEM;
		goto out;
	}
	*valid = r == 1;
	if (*valid)
		rc = iv_buf_adds(out, e164);
out:
	iv_buf_release(&number);
	return rc;
}

/* ---- email ------------------------------------------------------------------ */

static bool email_local_ok(const char *s, size_t n)
{
	if (n == 0 || n > 64 || s[0] == '.' || s[n - 1] == '.')
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c <= ' ' || c == 0x7f || strchr("()<>[]\\,;:\"@", c))
			return false;
		if (c == '.' && s[i + 1] == '.')
			return false;
	}
	return true;
}

/* Dot-separated non-empty labels of letters, digits, '-' or non-ASCII bytes. */
static bool host_ok(const char *s, size_t n, bool need_dot)
{
	size_t label = 0, last_label = 0, dots = 0;

	if (n == 0 || n > 253)
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '.') {
			if (label == 0)
				return false;
			dots++;
			label = 0;
			continue;
		}
		if (!(is_alnum((char)c) || c == '-' || c == '_' || c >= 0x80))
			return false;
		label++;
		last_label = label;
	}
	if (label == 0)
		return false; /* empty last label: a trailing dot */
	return !need_dot || (dots > 0 && last_label >= 2);
}

enum iv_err iv_norm_email(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                          struct iv_buf *out, bool *valid)
{
	const char *at;
	enum iv_err rc;

	*valid = false;
	if (has_prefix(s, "mailto:")) {
		s += 7;
		n -= 7;
	}
	/* no white space or controls anywhere: they would also let a value
	 * that was trimmed before "mailto:" was dropped change when re-read */
	if (iv_text_has_blank(s, n))
		return IV_OK;
	at = strchr(s, '@');
	if (!at || strchr(at + 1, '@'))
		return IV_OK;
	if (!email_local_ok(s, (size_t)(at - s)) ||
	    !host_ok(at + 1, n - (size_t)(at - s) - 1, true))
		return IV_OK;
	rc = iv_buf_add(out, s, (size_t)(at - s) + 1);
	for (const char *p = at + 1; *p && !rc; p++)
		rc = iv_buf_addch(out, lower(*p));
	*valid = rc == IV_OK;
	return rc;
}

/* ---- url -------------------------------------------------------------------- */

static bool port_ok(const char *s, size_t n)
{
	unsigned long v = 0;

	if (n == 0 || n > 5)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return false;
		v = v * 10 + (unsigned long)(s[i] - '0');
	}
	return v > 0 && v <= 65535;
}

static bool ipv6_ok(const char *s, size_t n)
{
	if (n < 3 || s[0] != '[' || s[n - 1] != ']')
		return false;
	for (size_t i = 1; i + 1 < n; i++) {
		char c = s[i];

		if (!(is_alnum(c) || c == ':' || c == '.'))
			return false;
	}
	return true;
}

enum iv_err iv_norm_url(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                        bool *valid)
{
	const char *scheme = has_prefix(s, "https://") ? "https://" : "http://";
	const char *auth, *auth_end, *host, *host_end, *at, *colon;
	enum iv_err rc;

	*valid = false;
	if (!has_prefix(s, scheme))
		return IV_OK;
	if (iv_text_has_blank(s, n))
		return IV_OK; /* white space and controls are not part of a URL */
	auth = s + strlen(scheme);
	auth_end = auth + strcspn(auth, "/?#");
	at = NULL;
	for (const char *p = auth; p < auth_end; p++) {
		if (*p == '@')
			at = p;
	}
	host = at ? at + 1 : auth;
	host_end = auth_end;
	colon = NULL;
	if (*host == '[') {
		const char *close = memchr(host, ']', (size_t)(auth_end - host));

		if (!close)
			return IV_OK;
		if (close + 1 < auth_end) {
			if (close[1] != ':')
				return IV_OK;
			colon = close + 1;
		}
	} else {
		colon = memchr(host, ':', (size_t)(auth_end - host));
	}
	if (colon) {
		if (!port_ok(colon + 1, (size_t)(auth_end - colon - 1)))
			return IV_OK;
		host_end = colon;
	}
	if (*host == '[' ? !ipv6_ok(host, (size_t)(host_end - host))
	                 : !host_ok(host, (size_t)(host_end - host), false))
		return IV_OK;

	rc = iv_buf_adds(out, scheme);
	if (!rc)
		rc = iv_buf_add(out, auth, (size_t)(host - auth)); /* user info as written */
	for (const char *p = host; p < host_end && !rc; p++)
		rc = iv_buf_addch(out, lower(*p));
	if (!rc)
		rc = iv_buf_adds(out, host_end);
	*valid = rc == IV_OK;
	return rc;
}
