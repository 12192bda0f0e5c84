/*
 * utf8.c - strict UTF-8 validation (RFC 3629).
 *
 * Rejects overlong forms, UTF-16 surrogates (U+D800..U+DFFF), code points
 * above U+10FFFF, stray continuation bytes and sequences cut short by the
 * end of the input.  The ranges for the second byte follow table 3-7 of
 * the Unicode standard, which rules out all of those in one comparison.
 */
#include "iv/util.h"

bool iv_utf8_valid(const char *s, size_t n, size_t *bad_offset)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	while (i < n) {
		unsigned char c = p[i];
		unsigned char lo = 0x80, hi = 0xbf; /* allowed range of the second byte */
		size_t more;

		if (c < 0x80) {
			i++;
			continue;
		}
		if (c >= 0xc2 && c <= 0xdf) {
			more = 1;
		} else if (c >= 0xe0 && c <= 0xef) {
			more = 2;
			if (c == 0xe0)
				lo = 0xa0; /* overlong below U+0800 */
			else if (c == 0xed)
				hi = 0x9f; /* surrogates */
		} else if (c >= 0xf0 && c <= 0xf4) {
			more = 3;
			if (c == 0xf0)
				lo = 0x90; /* overlong below U+10000 */
			else if (c == 0xf4)
				hi = 0x8f; /* above U+10FFFF */
		} else {
			goto bad; /* continuation byte, C0/C1 overlong, F5..FF */
		}
		if (more > n - i - 1)
			goto bad;
		if (p[i + 1] < lo || p[i + 1] > hi)
			goto bad;
		for (size_t k = 2; k <= more; k++) {
			if (p[i + k] < 0x80 || p[i + k] > 0xbf)
				goto bad;
		}
		i += more + 1;
	}
	return true;
bad:
	if (bad_offset)
		*bad_offset = i;
	return false;
}

bool iv_utf8_control(const char *s, size_t n, bool lines, size_t *at)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		/* C1 is C2 80..C2 9F in UTF-8 */
		bool control = c < 0x20 || c == 0x7f ||
		               (c == 0xc2 && i + 1 < n && (unsigned char)s[i + 1] <= 0x9f);

		if (control && !(lines && (c == '\n' || c == '\t' || c == '\r'))) {
			*at = i;
			return true;
		}
	}
	return false;
}

enum iv_err iv_utf8_clean(struct iv_buf *out, const char *s, size_t n)
{
	size_t bad;

	while (!iv_utf8_valid(s, n, &bad)) {
		enum iv_err rc = iv_buf_add(out, s, bad);

		if (!rc)
			rc = iv_buf_adds(out, "\xEF\xBF\xBD"); /* U+FFFD */
		if (rc)
			return rc;
		s += bad + 1;
		n -= bad + 1;
	}
	return iv_buf_add(out, s, n);
}
