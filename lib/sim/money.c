/*
 * money.c - what bank.c and hawala.c share: the relative who pays for a
 * journey (derived from the journey, never stored), leg amounts in GBP
 * computed exactly as world.c counts an OCG's proceeds (so the flows add
 * up to truth/proceeds.csv), the date of each leg, and the lines of
 * truth/money_flows.csv, which bank.c starts and hawala.c appends to.
 */
#include <errno.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/sim_int.h"

const char *const sim_relations[5] = {"father", "brother", "uncle", "mother", "cousin"};

uint64_t sim_mix64(uint64_t a, uint64_t b)
{
	uint64_t z = a * 0x9e3779b97f4a7c15ULL + b + 0x632be59bd9b4e019ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

void sim_relative_of(const struct sim_world *w, uint32_t journey, struct sim_relative *out)
{
	const struct sim_journey *j = &SIM_AT(w->journeys, struct sim_journey, journey);
	const struct sim_person *m = &SIM_AT(w->migrants, struct sim_person, j->first_migrant);
	uint64_t h = sim_mix64(w->seed ^ 0x52454cULL, journey);
	unsigned where = (unsigned)(h % 100);

	memset(out, 0, sizeof(*out));
	out->p = *m;
	out->p.flags = 0;
	out->p.indicators = 0;
	out->p.phone = SIM_NONE;
	out->p.nphones = 0;
	out->relation = (uint8_t)((h >> 8) % 5);
	out->p.sex = out->relation == 3 ? 'F' : 'M';
	out->p.given = (uint8_t)((h >> 16) % (out->p.sex == 'F' ? SIM_NAME_FEMALE : SIM_NAME_MALE));
	if (out->p.given == m->given && out->p.sex == m->sex)
		out->p.given = (uint8_t)((out->p.given + 1) %
		                         (out->p.sex == 'F' ? SIM_NAME_FEMALE : SIM_NAME_MALE));
	out->p.byear = (uint16_t)(w->year - 25 - (int)((h >> 24) % 35));
	out->p.journey = journey;
	/* families at home pay through agents; the diaspora through banks */
	out->country = (uint8_t)(where < 55   ? sim_nations[m->nat].country
	                         : where < 80 ? C_GB
	                         : where < 90 ? C_DE
	                                      : C_TR);
}

double sim_gbp_rate(const char *cur)
{
	return !strcmp(cur, "GBP") ? 1.0 : !strcmp(cur, "EUR") ? 0.85 : 0.79;
}

/* The same expression as proceeds() in world.c, so the sums agree exactly. */
uint64_t sim_leg_gbp(const struct sim_journey *j, unsigned leg)
{
	const char *cur = sim_routes[j->route].legs[leg].currency;

	return (uint64_t)((double)j->price[leg] * j->nmigrants * sim_gbp_rate(cur));
}

int sim_leg_day(const struct sim_journey *j, unsigned leg)
{
	int d = (int)j->day - 9 * (int)(j->nlegs - 1u - leg);

	return d < 0 ? 0 : d;
}

enum iv_err sim_money_open(struct sim_ctx *c, struct sim_file *sf, bool append)
{
	static const char *const h[] = {"source",
	                                "txn_id",
	                                "date",
	                                "payer_true",
	                                "beneficiary_true",
	                                "payer_entity",
	                                "beneficiary_entity",
	                                "amount",
	                                "currency",
	                                "amount_gbp",
	                                "ocg",
	                                "category",
	                                "channel",
	                                "journey",
	                                "leg",
	                                "proceeds_gbp"};
	struct iv_buf path = IV_BUF_INIT;
	struct stat st;
	enum iv_err rc;

	if (!append)
		goto fresh;
	if (iv_buf_addf(&path, "%s/truth/money_flows.csv", c->opts->out_dir))
		return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	if (stat(path.buf, &st) != 0 || st.st_size == 0) {
		iv_buf_release(&path);
		goto fresh;
	}
	memset(sf, 0, sizeof(*sf));
	sf->path = iv_buf_detach(&path, NULL);
	sf->buffer = iv_malloc(1u << 16);
	if (!sf->path || !sf->buffer)
		goto nomem;
	sf->f = fopen(sf->path, "ab");
	if (!sf->f) {
		rc = iv_seterr(c->err, IV_ERR_IO, "%s: cannot append: %s", sf->path,
		               strerror(errno));
		iv_free(sf->path);
		iv_free(sf->buffer);
		sf->path = sf->buffer = NULL;
		return rc;
	}
	setvbuf(sf->f, sf->buffer, _IOFBF, 1u << 16);
	/* sim_file_close counts ftell() as written bytes: the earlier part was counted */
	c->rep->bytes -= (uint64_t)st.st_size;
	return IV_OK;
nomem:
	iv_free(sf->path);
	iv_free(sf->buffer);
	sf->path = sf->buffer = NULL;
	return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
fresh:
	rc = sim_file_open(c, sf, "truth/money_flows.csv");
	if (!rc)
		rc = sim_csv_row(c, sf, h, sizeof(h) / sizeof(h[0]));
	return rc;
}

enum iv_err sim_money_flow(struct sim_ctx *c, struct sim_file *sf, const struct sim_flow *fl)
{
	char gbp[24], ocg[16] = "", jid[16] = "", leg[16] = "", proceeds[24];
	const char *v[16];

	snprintf(gbp, sizeof(gbp), "%llu", (unsigned long long)fl->gbp);
	snprintf(proceeds, sizeof(proceeds), "%llu", (unsigned long long)fl->proceeds);
	if (fl->ocg != SIM_NONE)
		snprintf(ocg, sizeof(ocg), "OCG%03u", fl->ocg);
	if (fl->journey != SIM_NONE)
		snprintf(jid, sizeof(jid), "J%07u", fl->journey);
	if (fl->leg >= 0)
		snprintf(leg, sizeof(leg), "%d", fl->leg + 1);
	v[0] = fl->source, v[1] = fl->txn, v[2] = fl->date, v[3] = fl->payer_true;
	v[4] = fl->ben_true, v[5] = fl->payer_entity, v[6] = fl->ben_entity, v[7] = fl->amount;
	v[8] = fl->currency, v[9] = gbp, v[10] = ocg, v[11] = fl->category, v[12] = fl->channel;
	v[13] = jid, v[14] = leg, v[15] = proceeds;
	return sim_csv_row(c, sf, v, 16);
}
