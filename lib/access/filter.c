/*
 * filter.c - the one visibility filter (iv_access_visible), the export
 * rule on top of it (iv_access_exportable), and the viewer's lifecycle.
 *
 * Both rules are pure functions of the viewer and one handling envelope,
 * so every read path (search, entity pages, networks, exports, counts)
 * can call them per statement and a test can walk the whole matrix.
 * They fail closed: a marking they cannot read (an unknown handling
 * code, a classification out of range, an originator-controlled
 * statement without an originator) hides the statement from everyone
 * but the local operator.
 *
 * Markings are matched as a person writes them: case-insensitively, and
 * descriptor caveats as whole words with any punctuation or spacing
 * between them ("UK EYES ONLY", "uk-eyes-only", "LOCSEN, ORCON").
 * Over-matching a caveat only ever hides more.
 */
#include <stdlib.h>
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>
#include <strings.h>

#include "access/access_int.h"

#include "iv/util.h"

static const char local_user[] = "local";
static const char local_org[] = "";

void iv_viewer_local(struct iv_viewer *out)
{
	memset(out, 0, sizeof(*out));
	/* static strings: iv_viewer_release knows them and leaves them */
	out->user = (char *)local_user;
	out->org = (char *)local_org;
	out->org_kind = IV_ORG_UK;
	memcpy(out->country, "GB", 3);
	out->role = IV_ROLE_ADMIN;
	out->clearance = IV_CLASS_TOP_SECRET;
	out->local = true;
}

void iv_viewer_release(struct iv_viewer *v)
{
	if (!v)
		return;
	if (v->user != local_user)
		iv_free(v->user);
	if (v->org != local_org)
		iv_free(v->org);
	for (size_t i = 0; i < v->ncompartments; i++)
		iv_free(v->compartments[i]);
	iv_free(v->compartments);
	for (size_t i = 0; i < v->nconsenting; i++)
		iv_free(v->consenting[i]);
	iv_free(v->consenting);
	memset(v, 0, sizeof(*v));
}

/* ---- matching markings -------------------------------------------------------------- */

/*
 * Whether the character at s[*i] (UTF-8, n bytes) is part of a word: a
 * letter or digit in any script.  Anything else separates words, so that
 * "UK EYES ONLY" is found however the caveat was typed: with a no-break
 * space, an en dash, a zero-width space or a hyphen between the words.
 * *i moves past the character.  Invalid bytes separate words too.
 */
static bool word_char(const char *s, int32_t n, int32_t *i)
{
	unsigned char b = (unsigned char)s[*i];
	UChar32 c;

	/* ASCII (nearly every marking): the letters and digits are what u_isalnum says */
	if (b < 0x80) {
		(*i)++;
		return (b >= '0' && b <= '9') || ((b | 0x20) >= 'a' && (b | 0x20) <= 'z');
	}
	U8_NEXT(s, *i, n, c);
	return c >= 0 && u_isalnum(c);
}

/* The next word of *p (a run of letters and digits): its start and length; false at the end. */
static bool next_word(const char **p, const char **start, size_t *len)
{
	const char *s = *p;
	int32_t n = (int32_t)strnlen(s, INT32_MAX), i = 0, before;

	for (;;) {
		if (i >= n)
			return false;
		before = i;
		if (word_char(s, n, &i))
			break;
	}
	*start = s + before;
	for (;;) {
		before = i;
		if (i >= n || !word_char(s, n, &i)) {
			i = before;
			break;
		}
	}
	*len = (size_t)(s + i - *start);
	*p = s + i;
	return true;
}

/* Whether `text` holds the words of `phrase` one after another, each whole, any case. */
static bool has_phrase(const char *text, const char *phrase)
{
	const char *t = text ? text : "", *start;
	size_t len;

	while (next_word(&t, &start, &len)) {
		const char *tp = start, *pp = phrase, *ws, *ps;
		size_t wl, pl;
		bool match = true;

		/* try the phrase from this word on */
		while (match && next_word(&pp, &ps, &pl)) {
			if (!next_word(&tp, &ws, &wl) || wl != pl || strncasecmp(ws, ps, pl) != 0)
				match = false;
		}
		if (match)
			return true;
	}
	return false;
}

/* s with blanks trimmed at both ends: its start and length. */
static void trim(const char *s, size_t n, const char **start, size_t *len)
{
	while (n && (*s == ' ' || *s == '\t'))
		s++, n--;
	while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	*start = s;
	*len = n;
}

static bool same_name(const char *a, size_t alen, const char *b)
{
	return b && strlen(b) == alen && alen > 0 && strncasecmp(a, b, alen) == 0;
}

/* Whether a releasability list names the viewer's organisation or its country. */
static bool releasable_to(const struct iv_viewer *v, const char *list)
{
	const char *p = list ? list : "";

	while (*p) {
		const char *comma = strchr(p, ','), *entry;
		size_t n = comma ? (size_t)(comma - p) : strlen(p), len;

		trim(p, n, &entry, &len);
		if (same_name(entry, len, v->org) || same_name(entry, len, v->country))
			return true;
		p += n;
		if (*p == ',')
			p++;
	}
	return false;
}

static bool blank(const char *s)
{
	return !s || !*s;
}

static int compare_exact(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

static int compare_nocase(const void *a, const void *b)
{
	return strcasecmp(*(const char *const *)a, *(const char *const *)b);
}

/* Whether the statement's originator is the viewer's organisation or has consented to it. */
static bool originator_agrees(const struct iv_viewer *v, const char *originator)
{
	if (blank(originator))
		return false; /* nobody could have consented */
	if (v->org && strcasecmp(originator, v->org) == 0)
		return true;
	return v->nconsenting && bsearch(&originator, v->consenting, v->nconsenting,
	                                 sizeof(v->consenting[0]), compare_nocase);
}

static bool code_is(const char *code, const char *want)
{
	return code && strcasecmp(code, want) == 0;
}

/* The TLP label without an optional "TLP:" prefix. */
static const char *tlp_label(const char *tlp)
{
	if (!tlp)
		return "";
	if (strncasecmp(tlp, "TLP:", 4) == 0)
		return tlp + 4;
	return tlp;
}

/* ---- the rules ---------------------------------------------------------------------------- */

bool iv_access_visible(const struct iv_viewer *v, const struct iv_handling *h)
{
	if (!v || !h)
		return false;
	if (v->local)
		return true;
	if ((unsigned)h->classification > (unsigned)IV_CLASS_TOP_SECRET ||
	    (unsigned)h->classification > (unsigned)v->clearance)
		return false;
	if (!blank(h->compartment) &&
	    !(v->ncompartments && bsearch(&h->compartment, v->compartments, v->ncompartments,
	                                  sizeof(v->compartments[0]), compare_exact)))
		return false;
	if (h->code != 'P' && h->code != 'C')
		return false;
	if (v->org_kind != IV_ORG_UK) {
		if (has_phrase(h->descriptor, "UK EYES ONLY"))
			return false;
		if (h->code == 'C' && !releasable_to(v, h->releasable_to))
			return false;
	}
	if ((has_phrase(h->descriptor, "ORCON") || code_is(h->europol_code, "H2")) &&
	    !originator_agrees(v, h->originator))
		return false;
	return true;
}

bool iv_access_exportable(const struct iv_viewer *v, const struct iv_handling *h)
{
	const char *tlp;

	if (!iv_access_visible(v, h))
		return false;
	if (v->local)
		return true;
	tlp = tlp_label(h->tlp);
	if (strcasecmp(tlp, "RED") == 0)
		return !blank(h->originator) && v->org && strcasecmp(h->originator, v->org) == 0;
	if (v->org_kind != IV_ORG_UK &&
	    (code_is(h->europol_code, "H2") || code_is(h->europol_code, "H3") ||
	     strcasecmp(tlp, "AMBER+STRICT") == 0))
		return originator_agrees(v, h->originator);
	return true;
}

/* Sort a viewer's lists as the rules search them (users.c fills them). */
void access_viewer_sort(struct iv_viewer *v)
{
	if (v->ncompartments > 1)
		qsort(v->compartments, v->ncompartments, sizeof(v->compartments[0]), compare_exact);
	if (v->nconsenting > 1)
		qsort(v->consenting, v->nconsenting, sizeof(v->consenting[0]), compare_nocase);
}
