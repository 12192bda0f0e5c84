/*
 * render.c - turning the world's indices into text as sources write it:
 * names in native script or one of several Latin transliterations with
 * typos and swapped order, birth dates in the forms officers and forms
 * use (swapped day/month, year only, the 01/01 default, and for about one
 * Afghan or Iranian migrant's debrief in six the Solar Hijri date in
 * Persian digits, as he gave it), phone numbers in
 * international, spaced, 00 or local form, IBANs with a real mod-97
 * check, and ICAO 9303 check digits.
 */
#include <ctype.h>
#include <string.h>

#include "iv/schema.h"
#include "sim/sim_int.h"

void sim_true_id(uint32_t ref, char *out, size_t size)
{
	if (ref & SIM_PERSON_FAC)
		snprintf(out, size, "F%06u", ref & ~SIM_PERSON_FAC);
	else
		snprintf(out, size, "M%07u", ref);
}

static const struct sim_name *given_of(const struct sim_person *p)
{
	const struct sim_name_group *g = &sim_groups[p->group];

	return p->sex == 'F' ? &g->female[p->given % SIM_NAME_FEMALE]
	                     : &g->male[p->given % SIM_NAME_MALE];
}

const char *sim_given(const struct sim_person *p, int variant)
{
	return variant < 0 ? given_of(p)->native : given_of(p)->latin[variant % 3];
}

const char *sim_family(const struct sim_person *p, int variant)
{
	const struct sim_name *n = &sim_groups[p->group].family[p->family % SIM_NAME_FAMILY];

	return variant < 0 ? n->native : n->latin[variant % 3];
}

/* Swap two adjacent ASCII letters somewhere in b after `from`. */
static void typo(struct iv_buf *b, size_t from, struct sim_rng *r)
{
	if (b->len < from + 3)
		return;
	for (int tries = 0; tries < 4; tries++) {
		size_t i = from + 1 + sim_rng_below(r, (uint32_t)(b->len - from - 2));
		if (isalpha((unsigned char)b->buf[i]) && isalpha((unsigned char)b->buf[i + 1]) &&
		    !(b->buf[i] & 0x80) && !(b->buf[i + 1] & 0x80)) {
			char t = b->buf[i];
			b->buf[i] = b->buf[i + 1];
			b->buf[i + 1] = t;
			return;
		}
	}
}

enum iv_err sim_name(struct iv_buf *out, const struct sim_person *p, enum sim_name_style style,
                     struct sim_rng *r)
{
	const struct sim_name_group *g = &sim_groups[p->group];
	int vg = 0, vf = 0;
	bool family_first = g->family_first;
	size_t start = out->len;
	enum iv_err rc;

	if (style == NAME_NATIVE) {
		vg = vf = -1;
	} else if (style == NAME_NOISY) {
		static const double w[] = {50, 25, 15, 10};
		vg = (int)sim_rng_weighted(r, w, 4) - 1;
		vf = vg < 0 ? -1 : (int)sim_rng_weighted(r, w + 1, 3);
		if (vg < 0 && g->latin_script)
			vg = vf = 0;
		if (vg == -1)
			vf = -1;
		else if (vg == 2)
			vg = 0; /* the rarer spelling on one part only */
		if (sim_rng_chance(r, 0.05))
			family_first = !family_first;
	}
	if (family_first)
		rc = iv_buf_addf(out, "%s %s", sim_family(p, vf), sim_given(p, vg));
	else
		rc = iv_buf_addf(out, "%s %s", sim_given(p, vg), sim_family(p, vf));
	if (rc || style != NAME_NOISY)
		return rc;
	if (vg >= 0 && sim_rng_chance(r, 0.05))
		typo(out, start, r);
	if (vg >= 0 && sim_rng_chance(r, 0.06))
		for (size_t i = start; i < out->len; i++)
			if (!(out->buf[i] & 0x80))
				out->buf[i] = (char)toupper((unsigned char)out->buf[i]);
	return IV_OK;
}

enum iv_err sim_nickname(struct iv_buf *out, const struct sim_person *p)
{
	const struct sim_name_group *g = &sim_groups[p->group];
	const char *given = sim_given(p, 0);
	const char *sp = strrchr(given, ' ');

	return iv_buf_addf(out, "%s%s", g->nick, sp ? sp + 1 : given);
}

void sim_birth_iso(const struct sim_person *p, char *out, size_t size)
{
	snprintf(out, size, "%04u-%02u-%02u", p->byear, p->bmonth, p->bday);
}

/* The birth date in the Solar Hijri calendar and Persian digits: ۱۳۶۵/۰۴/۱۲. */
static bool solar_hijri_persian(const struct sim_person *p, char *out, size_t size)
{
	int y = (int)p->byear, m = (int)p->bmonth, d = (int)p->bday;
	char ascii[16];
	size_t n = 0;

	if (!iv_calendar_from_gregorian(IV_CAL_PERSIAN, &y, &m, &d))
		return false;
	snprintf(ascii, sizeof(ascii), "%04d/%02d/%02d", y, m, d);
	for (const char *c = ascii; *c; c++) {
		if (n + 3 > size)
			return false;
		if (*c >= '0' && *c <= '9') { /* U+06F0 + digit */
			out[n++] = (char)0xDB;
			out[n++] = (char)(0xB0 + (*c - '0'));
		} else {
			out[n++] = *c;
		}
	}
	out[n] = '\0';
	return true;
}

void sim_birth_noisy(const struct sim_person *p, struct sim_rng *r, char *out, size_t size)
{
	static const double w[] = {30, 35, 6, 12, 8, 9};

	switch (sim_rng_weighted(r, w, 6)) {
	case 0:
		sim_birth_iso(p, out, size);
		break;
	case 1:
		/* an Afghan or Iranian migrant gives his birth date as his tazkira or
		 * shenasnameh has it; decided by the day, so the world's random stream
		 * is the same as before */
		if ((p->group == GRP_PERSIAN || p->group == GRP_AFGHAN) && p->bday % 2 == 0 &&
		    solar_hijri_persian(p, out, size))
			break;
		snprintf(out, size, "%02u/%02u/%04u", p->bday, p->bmonth, p->byear);
		break;
	case 2: /* day and month swapped by whoever typed it */
		snprintf(out, size, "%02u/%02u/%04u", p->bmonth, p->bday, p->byear);
		break;
	case 3:
		snprintf(out, size, "%04u", p->byear);
		break;
	case 4: /* the default date for an unknown birthday */
		snprintf(out, size, "01/01/%04u", p->byear);
		break;
	default:
		out[0] = '\0';
	}
}

void sim_day_iso(int year, int day, char *out, size_t size)
{
	int m = 1;

	while (m < 12 && day >= iv_days_in_month(year, m))
		day -= iv_days_in_month(year, m++);
	if (day >= iv_days_in_month(year, m))
		day = iv_days_in_month(year, m) - 1;
	snprintf(out, size, "%04d-%02d-%02d", year, m, day + 1);
}

static void national(const struct sim_phone *ph, char *out, size_t size)
{
	const struct sim_country_info *ci = &sim_countries[ph->country];
	const char *prefix = ci->prefixes[ph->prefix % 6];
	unsigned rest = ci->nsn - (unsigned)strlen(prefix);
	uint64_t mod = 1;

	for (unsigned i = 0; i < rest; i++)
		mod *= 10;
	snprintf(out, size, "%s%0*llu", prefix, (int)rest, (unsigned long long)(ph->digits % mod));
}

void sim_phone_e164(const struct sim_phone *ph, char *out, size_t size)
{
	char nsn[32];

	national(ph, nsn, sizeof(nsn));
	snprintf(out, size, "+%s%s", sim_countries[ph->country].cc, nsn);
}

void sim_phone_noisy(const struct sim_phone *ph, struct sim_rng *r, char *out, size_t size)
{
	static const double w[] = {30, 30, 15, 20, 3, 2};
	const char *cc = sim_countries[ph->country].cc;
	char nsn[32];
	size_t n;

	national(ph, nsn, sizeof(nsn));
	n = strlen(nsn);
	switch (sim_rng_weighted(r, w, 6)) {
	case 0:
		snprintf(out, size, "+%s%s", cc, nsn);
		break;
	case 1: /* spaced in groups */
		snprintf(out, size, "+%s %.*s %.*s %s", cc, 3, nsn, 3, nsn + 3, nsn + 6);
		break;
	case 2:
		snprintf(out, size, "00%s %s", cc, nsn);
		break;
	case 3: /* local form: valid only where the reader assumes the right country */
		if (ph->country == C_GB)
			snprintf(out, size, "0%.*s %s", 4, nsn, nsn + 4);
		else
			snprintf(out, size, "+%s%s", cc, nsn);
		break;
	case 4: /* a digit lost */
		snprintf(out, size, "+%s%.*s", cc, (int)(n - 1), nsn);
		break;
	default: /* written without the country code while abroad */
		snprintf(out, size, "0%s", nsn);
	}
}

static unsigned mod97(const char *s)
{
	unsigned m = 0;

	for (const char *p = s; *p; p++) {
		if (*p >= '0' && *p <= '9')
			m = (m * 10 + (unsigned)(*p - '0')) % 97;
		else
			m = (m * 100 + (unsigned)(*p - 'A' + 10)) % 97;
	}
	return m;
}

void sim_iban(const struct sim_world *w, uint32_t account, bool bad, char *out, size_t size)
{
	const struct sim_account *a = &SIM_AT(w->accounts, struct sim_account, account);
	const char *cc = sim_countries[a->country].iban_country;
	static const struct {
		const char *cc;
		unsigned digits;
		const char *bank;
	} fmt[] = {{"GB", 14, "WEST"}, {"FR", 23, ""},     {"BE", 12, ""},
	           {"DE", 18, ""},     {"NL", 10, "ABNA"}, {"TR", 22, ""},
	           {"GR", 23, ""},     {"IT", 22, "X"},    {"PL", 24, ""}};
	char bban[40], rearranged[48];
	uint64_t x = (uint64_t)account * 0x9e3779b97f4a7c15ULL + w->seed;
	unsigned digits = 18, check;
	const char *bank = "";
	size_t n;

	if (!cc)
		cc = "DE";
	for (size_t i = 0; i < sizeof(fmt) / sizeof(fmt[0]); i++)
		if (!strcmp(fmt[i].cc, cc))
			digits = fmt[i].digits, bank = fmt[i].bank;
	n = (size_t)snprintf(bban, sizeof(bban), "%s", bank);
	for (unsigned i = 0; i < digits && n + 1 < sizeof(bban); i++) {
		x = x * 6364136223846793005ULL + 1442695040888963407ULL;
		bban[n++] = (char)('0' + (x >> 60) % 10);
	}
	bban[n] = '\0';
	snprintf(rearranged, sizeof(rearranged), "%s%s00", bban, cc);
	check = 98 - mod97(rearranged);
	if (bad)
		check = (check + 1) % 97 + 2;
	snprintf(out, size, "%s%02u%s", cc, check, bban);
}
