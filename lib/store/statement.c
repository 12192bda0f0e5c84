/*
 * statement.c - the handling envelope (defaults, checks, grade, names)
 * and statement content ids.
 *
 * The codes follow DOMAIN.md section 1: UK 3x5x2 grading, Government
 * Security Classifications, data-subject categories, Europol handling
 * codes and TLP 2.0.  Messages from iv_handling_check name the field and
 * the value that is wrong, because they end up in front of the analyst
 * who typed them (with the file and line added by the ingest).
 */
#include <string.h>
#include <strings.h>

#include "iv/statement.h"

#include "iv/util.h"

static const char *const classification_names[] = {
        [IV_CLASS_OFFICIAL] = "OFFICIAL",
        [IV_CLASS_OFFICIAL_SENSITIVE] = "OFFICIAL-SENSITIVE",
        [IV_CLASS_SECRET] = "SECRET",
        [IV_CLASS_TOP_SECRET] = "TOP SECRET",
};

static const char *const subject_names[] = {
        [IV_SUBJECT_OTHER] = "other",         [IV_SUBJECT_SUSPECT] = "suspect",
        [IV_SUBJECT_CONVICTED] = "convicted", [IV_SUBJECT_VICTIM] = "victim",
        [IV_SUBJECT_WITNESS] = "witness",
};

#define COUNT(a) (sizeof(a) / sizeof((a)[0]))

void iv_handling_default(struct iv_handling *h)
{
	memset(h, 0, sizeof(*h));
	h->source_grade = '2';
	h->assessment = 'C';
	h->code = 'P';
	h->conditions = "";
	h->releasable_to = "";
	h->classification = IV_CLASS_OFFICIAL;
	h->descriptor = "";
	h->originator = "";
	h->compartment = "";
	h->subject = IV_SUBJECT_OTHER;
	h->retention_review = "";
	h->legacy_grade = "";
	h->europol_code = "";
	h->tlp = "";
}

static bool empty(const char *s)
{
	return !s || !*s;
}

static bool one_of(const char *s, const char *const *set, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		if (strcmp(s, set[i]) == 0)
			return true;
	}
	return false;
}

/* A printable rendering of a grade character for messages. */
static int shown(char c)
{
	return c >= 0x21 && c < 0x7f ? c : '?';
}

enum iv_err iv_handling_check(const struct iv_handling *h, struct iv_buf *err)
{
	static const char *const europol[] = {"H0", "H1", "H2", "H3"};
	static const char *const tlp[] = {"CLEAR", "GREEN", "AMBER", "AMBER+STRICT", "RED"};
	struct iv_date date;

	if (h->source_grade < '1' || h->source_grade > '3')
		return iv_seterr(err, IV_ERR_INVALID,
		                 "source grade '%c' is not 1 (reliable), 2 (untested) or 3 (not "
		                 "reliable)",
		                 shown(h->source_grade));
	if (h->assessment < 'A' || h->assessment > 'E')
		return iv_seterr(err, IV_ERR_INVALID, "intelligence assessment '%c' is not A to E",
		                 shown(h->assessment));
	if (h->code != 'P' && h->code != 'C')
		return iv_seterr(err, IV_ERR_INVALID, "handling code '%c' is not P or C",
		                 shown(h->code));
	if (h->code == 'C' && empty(h->conditions))
		return iv_seterr(
		        err, IV_ERR_INVALID,
		        "handling code C needs its conditions (the conditions text is empty)");
	if ((unsigned)h->classification >= COUNT(classification_names))
		return iv_seterr(err, IV_ERR_INVALID, "classification %d is not a known marking",
		                 (int)h->classification);
	if ((unsigned)h->subject >= COUNT(subject_names))
		return iv_seterr(err, IV_ERR_INVALID, "data-subject category %d is not known",
		                 (int)h->subject);
	if (!empty(h->europol_code) && !one_of(h->europol_code, europol, COUNT(europol)))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "Europol handling code '%s' is not H0, H1, H2 or H3",
		                 h->europol_code);
	if (!empty(h->tlp) && !one_of(h->tlp, tlp, COUNT(tlp)))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "TLP label '%s' is not CLEAR, GREEN, AMBER, AMBER+STRICT or RED",
		                 h->tlp);
	if (!empty(h->retention_review) &&
	    (iv_date_parse(h->retention_review, &date) || date.prec != IV_DATE_DAY))
		return iv_seterr(err, IV_ERR_INVALID,
		                 "retention review date '%s' is not a date like 2031-06-30",
		                 h->retention_review);
	return IV_OK;
}

enum iv_err iv_grade_parse(const char *s, struct iv_handling *h)
{
	char grade, assessment;

	if (!s || !s[0] || !s[1] || s[2])
		return IV_ERR_INVALID;
	grade = s[0];
	assessment = s[1];
	if (assessment >= 'a' && assessment <= 'e')
		assessment = (char)(assessment - 'a' + 'A');
	if (grade < '1' || grade > '3' || assessment < 'A' || assessment > 'E')
		return IV_ERR_INVALID;
	h->source_grade = grade;
	h->assessment = assessment;
	return IV_OK;
}

const char *iv_classification_name(enum iv_classification c)
{
	if ((unsigned)c >= COUNT(classification_names))
		return "?";
	return classification_names[c];
}

/* Case-insensitive, with space, '-' and '_' as the same separator. */
static bool marking_eq(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a, y = *b;

		if (x == '_' || x == '-')
			x = ' ';
		if (y == '_' || y == '-')
			y = ' ';
		if (x >= 'a' && x <= 'z')
			x = (char)(x - 'a' + 'A');
		if (y >= 'a' && y <= 'z')
			y = (char)(y - 'a' + 'A');
		if (x != y)
			return false;
	}
	return *a == *b;
}

bool iv_classification_parse(const char *s, enum iv_classification *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < COUNT(classification_names); i++) {
		if (marking_eq(s, classification_names[i])) {
			*out = (enum iv_classification)i;
			return true;
		}
	}
	return false;
}

const char *iv_subject_name(enum iv_subject s)
{
	if ((unsigned)s >= COUNT(subject_names))
		return "?";
	return subject_names[s];
}

bool iv_subject_parse(const char *s, enum iv_subject *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < COUNT(subject_names); i++) {
		if (strcasecmp(s, subject_names[i]) == 0) {
			*out = (enum iv_subject)i;
			return true;
		}
	}
	return false;
}

void iv_statement_id(struct iv_statement *st, unsigned char digest[IV_HASH_BYTES])
{
	unsigned char local[IV_HASH_BYTES];
	unsigned char *out = digest ? digest : local;
	IV_HASHER_ALIGNED struct iv_hasher h;

	/* a missing original is the value itself; missing names are empty,
	 * so NULL and "" give one id, as the store keeps them alike */
	iv_hasher_init(&h);
	iv_hasher_field(&h, st->dataset ? st->dataset : "");
	iv_hasher_field(&h, st->entity ? st->entity : "");
	iv_hasher_field(&h, st->property ? st->property : "");
	iv_hasher_field(&h, st->original ? st->original : st->value ? st->value : "");
	iv_hasher_field(&h, st->source_record ? st->source_record : "");
	iv_hasher_final(&h, out);
	iv_hash_hex(out, st->id);
}
