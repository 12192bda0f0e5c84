/*
 * buf.c - struct iv_buf, the capped growable byte buffer.
 *
 * The invariants are written in util.h: buf is never NULL (it points at the
 * shared iv_buf_empty until the first growth), buf[len] is always '\0', and
 * len never passes the cap.  Any failing call leaves the contents exactly
 * as they were, so a caller can report what it had built so far.
 *
 * A zeroed struct (buf == NULL) is tolerated as well as IV_BUF_INIT: it
 * grows, resets and releases like an empty buffer.
 */
#include <stdio.h>
#include <string.h>

#include "iv/util.h"

#define BUF_MIN_ALLOC 64

const char iv_buf_empty[1];

/* util.h leaves these unmarked; marking them here lets clang check our own calls */
__attribute__((format(printf, 2, 0))) enum iv_err iv_buf_vaddf(struct iv_buf *b, const char *fmt,
                                                               va_list ap);
__attribute__((format(printf, 2, 0))) static void buf_vsetf(struct iv_buf *b, const char *fmt,
                                                            va_list ap);

static size_t buf_cap(const struct iv_buf *b)
{
	return b->cap_limit ? b->cap_limit : IV_BUF_DEFAULT_CAP;
}

void iv_buf_init(struct iv_buf *b, size_t cap_limit)
{
	b->buf = (char *)iv_buf_empty;
	b->len = 0;
	b->alloc = 0;
	b->cap_limit = cap_limit;
}

void iv_buf_release(struct iv_buf *b)
{
	if (b->alloc)
		iv_free(b->buf);
	iv_buf_init(b, b->cap_limit);
}

void iv_buf_reset(struct iv_buf *b)
{
	b->len = 0;
	if (b->alloc)
		b->buf[0] = '\0';
}

enum iv_err iv_buf_grow(struct iv_buf *b, size_t extra)
{
	size_t cap = buf_cap(b);
	size_t need, want;
	char *grown;

	if (b->len > cap || extra > cap - b->len)
		return IV_ERR_TOOBIG;
	need = b->len + extra + 1;
	if (need <= b->alloc)
		return IV_OK;

	want = b->alloc ? b->alloc : BUF_MIN_ALLOC;
	while (want < need && want <= SIZE_MAX / 2)
		want *= 2;
	if (want < need)
		want = need;
	/* never reserve more than the cap can ever use */
	if (cap < SIZE_MAX && want > cap + 1)
		want = cap + 1;

	if (b->alloc) {
		grown = iv_realloc(b->buf, want);
		if (!grown)
			return IV_ERR_NOMEM;
	} else {
		grown = iv_malloc(want);
		if (!grown)
			return IV_ERR_NOMEM;
		grown[0] = '\0';
	}
	b->buf = grown;
	b->alloc = want;
	return IV_OK;
}

enum iv_err iv_buf_add(struct iv_buf *b, const void *data, size_t n)
{
	enum iv_err rc;
	size_t offset = 0;
	bool inside;

	if (n == 0)
		return IV_OK;
	/* data may point into our own memory, which growth can move */
	inside = b->alloc && (const char *)data >= b->buf && (const char *)data < b->buf + b->alloc;
	if (inside)
		offset = (size_t)((const char *)data - b->buf);
	rc = iv_buf_grow(b, n);
	if (rc)
		return rc;
	if (inside)
		data = b->buf + offset;
	memmove(b->buf + b->len, data, n);
	b->len += n;
	b->buf[b->len] = '\0';
	return IV_OK;
}

enum iv_err iv_buf_adds(struct iv_buf *b, const char *s)
{
	return iv_buf_add(b, s, strlen(s));
}

enum iv_err iv_buf_addch(struct iv_buf *b, char c)
{
	enum iv_err rc = iv_buf_grow(b, 1);

	if (rc)
		return rc;
	b->buf[b->len++] = c;
	b->buf[b->len] = '\0';
	return IV_OK;
}

/*
 * Measure first, then grow, then write: the buffer is only touched once
 * the room is there, so a failure leaves it unchanged.  The arguments must
 * not point into b itself (growth may move it).
 */
enum iv_err iv_buf_vaddf(struct iv_buf *b, const char *fmt, va_list ap)
{
	enum iv_err rc;
	va_list measure;
	int n;

	va_copy(measure, ap);
	n = vsnprintf(NULL, 0, fmt, measure);
	va_end(measure);
	if (n < 0)
		return IV_ERR_INVALID;
	if (n == 0)
		return IV_OK;
	rc = iv_buf_grow(b, (size_t)n);
	if (rc)
		return rc;
	vsnprintf(b->buf + b->len, b->alloc - b->len, fmt, ap);
	b->len += (size_t)n;
	return IV_OK;
}

enum iv_err iv_buf_addf(struct iv_buf *b, const char *fmt, ...)
{
	enum iv_err rc;
	va_list ap;

	va_start(ap, fmt);
	rc = iv_buf_vaddf(b, fmt, ap);
	va_end(ap);
	return rc;
}

/*
 * Replace the contents with a message.  When the whole message cannot be
 * had (no memory, over the cap) keep as much of it as fits in the memory
 * already held: a truncated error message beats none.
 */
static void buf_vsetf(struct iv_buf *b, const char *fmt, va_list ap)
{
	va_list retry;

	va_copy(retry, ap);
	iv_buf_reset(b);
	if (iv_buf_vaddf(b, fmt, ap) != IV_OK && b->alloc) {
		size_t room = b->alloc - 1;
		int n;

		if (room > buf_cap(b))
			room = buf_cap(b);
		n = vsnprintf(b->buf, room + 1, fmt, retry);
		if (n >= 0)
			b->len = (size_t)n < room ? (size_t)n : room;
		b->buf[b->len] = '\0';
	}
	va_end(retry);
}

void iv_buf_setf(struct iv_buf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	buf_vsetf(b, fmt, ap);
	va_end(ap);
}

enum iv_err iv_seterr(struct iv_buf *err, enum iv_err rc, const char *fmt, ...)
{
	va_list ap;

	if (!err)
		return rc;
	va_start(ap, fmt);
	buf_vsetf(err, fmt, ap);
	va_end(ap);
	return rc;
}

void iv_buf_truncate(struct iv_buf *b, size_t n)
{
	if (n >= b->len)
		return;
	b->len = n;
	b->buf[n] = '\0';
}

char *iv_buf_detach(struct iv_buf *b, size_t *len)
{
	char *out;

	if (b->alloc) {
		out = b->buf;
	} else {
		out = iv_malloc(1);
		if (!out)
			return NULL;
		out[0] = '\0';
	}
	if (len)
		*len = b->len;
	iv_buf_init(b, b->cap_limit);
	return out;
}

/* JSON text written directly: the resolution records and the entity page (view.c). */
enum iv_err iv_buf_add_json_str(struct iv_buf *out, const char *s)
{
	static const char hex[] = "0123456789ABCDEF";
	const unsigned char *u = (const unsigned char *)s;
	size_t n = strlen(s), escapes = 0;
	unsigned high = 0;
	enum iv_err rc;
	char *p;

	/* one pass without branches: most strings need neither escapes nor a UTF-8 check */
	for (size_t i = 0; i < n; i++) {
		unsigned c = u[i];

		escapes += (c < 0x20) | (c == '"') | (c == '\\');
		high |= c;
	}
	if (high >= 0x80 && !iv_utf8_valid(s, n, NULL))
		return IV_ERR_INVALID;
	if (escapes > (SIZE_MAX - 3 - n) / 5)
		return IV_ERR_TOOBIG;
	rc = iv_buf_grow(out, n + 2 + escapes * 5);
	if (rc)
		return rc;
	/* the room is there: write in place, as iv_buf's invariants allow (len, then the NUL) */
	p = out->buf + out->len;
	*p++ = '"';
	if (!escapes) {
		memcpy(p, s, n);
		p += n;
	}
	for (size_t i = 0; escapes && i < n; i++) {
		unsigned char c = u[i];

		if (c >= 0x20 && c != '"' && c != '\\') {
			*p++ = (char)c;
			continue;
		}
		*p++ = '\\';
		switch (c) {
		case '"':
		case '\\':
			*p++ = (char)c;
			break;
		case '\b':
			*p++ = 'b';
			break;
		case '\f':
			*p++ = 'f';
			break;
		case '\n':
			*p++ = 'n';
			break;
		case '\r':
			*p++ = 'r';
			break;
		case '\t':
			*p++ = 't';
			break;
		default: /* as jansson writes the other control characters */
			memcpy(p, "u00", 3);
			p[3] = hex[c >> 4];
			p[4] = hex[c & 15];
			p += 5;
		}
	}
	*p++ = '"';
	*p = '\0';
	out->len = (size_t)(p - out->buf);
	return IV_OK;
}
