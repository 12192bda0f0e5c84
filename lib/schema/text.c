/*
 * text.c - cleaning of free text for the string, text, name, identifier
 * and address types: control characters out, whitespace per type, ends
 * trimmed, Unicode NFC (ICU unorm2).
 *
 * Cleaning runs before NFC and NFC cannot bring back what cleaning
 * removed, so the result is a fixed point: cleaning it again changes
 * nothing.  Exported values are re-ingested, which is why that matters.
 * Zero-width joiners (U+200C/U+200D) are kept everywhere: Persian and
 * Kurdish names need them.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/unorm2.h>
#include <unicode/ustring.h>
#include <unicode/utf8.h>

#include "iv/util.h"
#include "schema/schema_int.h"

static bool is_space(UChar32 c)
{
	if (c < 0x80)
		return c == ' ' || (c >= '\t' && c <= '\r');
	return u_isUWhiteSpace(c);
}

static bool is_break(UChar32 c)
{
	return c == '\n' || c == '\r' || c == 0x85 || c == 0x2028 || c == 0x2029 || c == '\v' ||
	       c == '\f';
}

static bool is_control(UChar32 c)
{
	if (c < 0x80)
		return c < 0x20 || c == 0x7f;
	return u_charType(c) == U_CONTROL_CHAR;
}

/* Invisible characters dropped from names and identifiers (not ZWNJ/ZWJ). */
static bool is_invisible(UChar32 c)
{
	return c == 0x200b || c == 0x2060 || c == 0xfeff || c == 0x00ad;
}

void iv_text_trim_ascii(const char **s, size_t *n)
{
	const char *p = *s;
	size_t len = *n;

	while (len && (*p == ' ' || (*p >= '\t' && *p <= '\r'))) {
		p++;
		len--;
	}
	while (len && (p[len - 1] == ' ' || (p[len - 1] >= '\t' && p[len - 1] <= '\r')))
		len--;
	*s = p;
	*n = len;
}

void iv_text_trim(const char **s, size_t *n)
{
	const uint8_t *p = (const uint8_t *)*s;
	int32_t len = *n > INT32_MAX ? INT32_MAX : (int32_t)*n;
	int32_t start = 0, end = len;

	while (start < end) {
		int32_t i = start;
		UChar32 c;

		U8_NEXT(p, i, end, c);
		if (c < 0 || !(is_space(c) || c == 0xfeff))
			break;
		start = i;
	}
	while (end > start) {
		int32_t i = end;
		UChar32 c;

		U8_PREV(p, start, i, c);
		if (c < 0 || !(is_space(c) || c == 0xfeff))
			break;
		end = i;
	}
	*s += start;
	*n = (size_t)(end - start);
}

static IV_MUST_USE enum iv_err add_cp(struct iv_buf *out, UChar32 c)
{
	char tmp[U8_MAX_LENGTH];
	int32_t len = 0;
	UBool err = false;

	U8_APPEND((uint8_t *)tmp, len, (int32_t)sizeof(tmp), c, err);
	if (err)
		return IV_OK; /* not a scalar value: cannot happen for valid input */
	return iv_buf_add(out, tmp, (size_t)len);
}

/* Last byte written to out since `from`, or 0 when nothing was. */
static char last_char(const struct iv_buf *out, size_t from)
{
	return out->len > from ? out->buf[out->len - 1] : '\0';
}

static IV_MUST_USE enum iv_err clean(const char *s, size_t n, enum iv_text_mode mode,
                                     struct iv_buf *out)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t len = (int32_t)n, i = 0;
	size_t from = out->len;
	bool pending_space = false, pending_break = false;
	enum iv_err rc = IV_OK;

	while (i < len && rc == IV_OK) {
		UChar32 c;

		U8_NEXT(p, i, len, c);
		if (c < 0)
			continue; /* ill-formed: the caller promised UTF-8; skip */
		switch (mode) {
		case IV_TEXT_LINE:
			if (is_control(c))
				rc = is_space(c) ? iv_buf_addch(out, ' ') : IV_OK;
			else
				rc = add_cp(out, c);
			continue;
		case IV_TEXT_MULTILINE:
			if (c == '\r' && i < len && p[i] == '\n')
				continue; /* the LF that follows ends the line */
			if (is_break(c) && c != '\v' && c != '\f')
				rc = iv_buf_addch(out, '\n');
			else if (c == '\t')
				rc = iv_buf_addch(out, '\t');
			else if (!is_control(c))
				rc = add_cp(out, c);
			continue;
		case IV_TEXT_COLLAPSE:
		case IV_TEXT_ADDRESS:
			break;
		}
		if (mode == IV_TEXT_ADDRESS && is_break(c)) {
			pending_break = true;
			continue;
		}
		if (is_space(c)) {
			pending_space = true;
			continue;
		}
		if (is_control(c) || is_invisible(c))
			continue;
		if (out->len > from) {
			char last = last_char(out, from);

			if (pending_break && last != ',' && last != ';')
				rc = iv_buf_add(out, ", ", 2);
			else if (pending_break || pending_space)
				rc = iv_buf_addch(out, ' ');
			if (rc)
				break;
		}
		pending_space = pending_break = false;
		rc = add_cp(out, c);
	}
	return rc;
}

/* b's UTF-8 as UTF-16 in *wide (the caller frees it), *wlen units. */
static IV_MUST_USE enum iv_err to_utf16(const struct iv_buf *b, UChar **wide, int32_t *wlen)
{
	UErrorCode uerr = U_ZERO_ERROR;

	/* UTF-8 never takes fewer UTF-16 units than bytes' worth of code points */
	*wide = iv_malloc(((size_t)b->len + 1) * sizeof(UChar));
	if (!*wide)
		return IV_ERR_NOMEM;
	u_strFromUTF8(*wide, (int32_t)b->len + 1, wlen, b->buf, (int32_t)b->len, &uerr);
	return U_FAILURE(uerr) ? IV_ERR_INTERNAL : IV_OK;
}

/* The NFC form of wide in *norm (the caller frees it), *nlen units. */
static IV_MUST_USE enum iv_err normalize_utf16(const UNormalizer2 *nfc, const UChar *wide,
                                               int32_t wlen, UChar **norm, int32_t *nlen)
{
	UErrorCode uerr = U_ZERO_ERROR;

	*nlen = unorm2_normalize(nfc, wide, wlen, NULL, 0, &uerr);
	if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr))
		return IV_ERR_INTERNAL;
	uerr = U_ZERO_ERROR;
	*norm = iv_malloc(((size_t)*nlen + 1) * sizeof(UChar));
	if (!*norm)
		return IV_ERR_NOMEM;
	unorm2_normalize(nfc, wide, wlen, *norm, *nlen + 1, &uerr);
	return U_FAILURE(uerr) ? IV_ERR_INTERNAL : IV_OK;
}

/* b's contents replaced by norm's nlen units as UTF-8 (b keeps its cap). */
static IV_MUST_USE enum iv_err from_utf16(const UChar *norm, int32_t nlen, struct iv_buf *b)
{
	UErrorCode uerr = U_ZERO_ERROR;
	struct iv_buf res = IV_BUF_INIT;
	int32_t olen = 0;
	enum iv_err rc;

	u_strToUTF8(NULL, 0, &olen, norm, nlen, &uerr);
	if (uerr != U_BUFFER_OVERFLOW_ERROR && U_FAILURE(uerr))
		return IV_ERR_INTERNAL;
	uerr = U_ZERO_ERROR;
	if (olen == 0) {
		iv_buf_reset(b);
		return IV_OK;
	}
	iv_buf_init(&res, b->cap_limit);
	rc = iv_buf_grow(&res, (size_t)olen);
	if (!rc) {
		u_strToUTF8(res.buf, olen + 1, &olen, norm, nlen, &uerr);
		if (U_FAILURE(uerr))
			rc = IV_ERR_INTERNAL;
	}
	if (!rc) {
		res.len = (size_t)olen;
		res.buf[res.len] = '\0';
		iv_buf_reset(b);
		rc = iv_buf_add(b, res.buf, res.len);
	}
	iv_buf_release(&res);
	return rc;
}

enum iv_err iv_text_nfc(struct iv_buf *b)
{
	const UNormalizer2 *nfc;
	UErrorCode uerr = U_ZERO_ERROR;
	UChar *wide = NULL, *norm = NULL;
	int32_t wlen = 0, nlen = 0;
	enum iv_err rc;
	bool ascii = true;

	for (size_t i = 0; i < b->len && ascii; i++)
		ascii = (unsigned char)b->buf[i] < 0x80;
	if (ascii)
		return IV_OK; /* ASCII is always NFC */
	if (b->len > INT32_MAX / 2)
		return IV_ERR_TOOBIG;
	nfc = unorm2_getNFCInstance(&uerr);
	if (U_FAILURE(uerr))
		return IV_ERR_INTERNAL;
	rc = to_utf16(b, &wide, &wlen);
	if (!rc && !(unorm2_isNormalized(nfc, wide, wlen, &uerr) && U_SUCCESS(uerr))) {
		rc = normalize_utf16(nfc, wide, wlen, &norm, &nlen);
		if (!rc)
			rc = from_utf16(norm, nlen, b);
	}
	iv_free(norm);
	iv_free(wide);
	return rc;
}

enum iv_err iv_text_clean(const char *s, size_t n, enum iv_text_mode mode, struct iv_buf *out)
{
	struct iv_buf tmp = IV_BUF_INIT;
	const char *t;
	size_t tn;
	enum iv_err rc;

	if (n > INT32_MAX)
		return IV_ERR_TOOBIG;
	iv_buf_init(&tmp, out->cap_limit);
	rc = clean(s, n, mode, &tmp);
	if (rc)
		goto out;
	rc = iv_text_nfc(&tmp);
	if (rc)
		goto out;
	/* dropping controls can leave white space at the ends (LINE, MULTILINE) */
	t = tmp.buf;
	tn = tmp.len;
	iv_text_trim(&t, &tn);
	rc = iv_buf_add(out, t, tn);
out:
	iv_buf_release(&tmp);
	return rc;
}

/* ---- the text-like types ------------------------------------------------ */

static IV_MUST_USE enum iv_err norm_clean(const char *s, size_t n, enum iv_text_mode mode,
                                          struct iv_buf *out, bool *valid)
{
	enum iv_err rc = iv_text_clean(s, n, mode, out);

	*valid = rc == IV_OK && out->len > 0;
	return rc;
}

enum iv_err iv_norm_string(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid)
{
	return norm_clean(s, n, IV_TEXT_LINE, out, valid);
}

enum iv_err iv_norm_text(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid)
{
	return norm_clean(s, n, IV_TEXT_MULTILINE, out, valid);
}

enum iv_err iv_norm_name(const char *s, size_t n, const struct iv_norm_ctx *ctx, struct iv_buf *out,
                         bool *valid)
{
	return norm_clean(s, n, IV_TEXT_COLLAPSE, out, valid);
}

enum iv_err iv_norm_identifier(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                               struct iv_buf *out, bool *valid)
{
	return norm_clean(s, n, IV_TEXT_COLLAPSE, out, valid);
}

enum iv_err iv_norm_address(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                            struct iv_buf *out, bool *valid)
{
	return norm_clean(s, n, IV_TEXT_ADDRESS, out, valid);
}

bool iv_text_has_blank(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s;
	int32_t len = n > INT32_MAX ? INT32_MAX : (int32_t)n, i = 0;

	while (i < len) {
		UChar32 c;

		U8_NEXT(p, i, len, c);
		if (c < 0 || is_space(c) || is_control(c) || is_invisible(c))
			return true;
	}
	return false;
}

enum iv_err iv_norm_entity(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                           struct iv_buf *out, bool *valid)
{
	*valid = !iv_text_has_blank(s, n);
	return *valid ? iv_buf_add(out, s, n) : IV_OK;
}
