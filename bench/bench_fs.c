/*
 * bench_fs.c - Fellegi-Sunter scoring with unsupervised EM on the FEBRL
 * linkage data: dataset4a x dataset4b, 5,000 true pairs (ids rec-N-org /
 * rec-N-dup-K with the same N are the same person).
 *
 *   bench_fs [FEBRL_DIR]      (default ../shared/data/febrl, i.e. run it
 *                              from the repository root)
 *
 * 1. Load both files with libcsv ("a space follows each comma": fields are
 *    trimmed) and compute the name keys of given_name and surname.
 * 2. Block on five keys (surname phonetic code, given-name phonetic code,
 *    postcode, date of birth, soc_sec_id): every a-record is compared with
 *    every b-record sharing at least one key.
 * 3. Compare each candidate pair into 9 features with discrete levels.
 * 4. Fit the model by EM on the candidate pairs (no labels), classify at
 *    a fixed rule, posterior probability >= 0.5 (nothing is tuned on the
 *    truth), and print pairwise precision, recall and F1, blocking recall,
 *    candidate pairs per record and times, next to the reference figure of
 *    /work/shared/data/README.md (recordlinkage's ECM: F1 0.994).
 * Skipped with a message (exit 0) when the data is absent.
 */
#include <csv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "iv/fs.h"
#include "iv/names.h"

enum {
	COL_ID,
	COL_GIVEN,
	COL_SURNAME,
	COL_STREET_NUMBER,
	COL_ADDRESS_1,
	COL_ADDRESS_2,
	COL_SUBURB,
	COL_POSTCODE,
	COL_STATE,
	COL_DOB,
	COL_SSN,
	NCOL
};

enum {
	F_GIVEN,
	F_SURNAME,
	F_DOB,
	F_SSN,
	F_POSTCODE,
	F_SUBURB,
	F_STREET,
	F_STREET_NUMBER,
	F_STATE,
	NFEAT
};

struct person {
	long id; /* the N of rec-N-... */
	char *col[NCOL];
	struct iv_name_keys given, surname;
	bool has_given, has_surname;
};

struct people {
	struct person *p;
	size_t n, alloc;
	struct person row; /* being read */
	size_t ncol;
	enum iv_err rc;
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void person_release(struct person *p)
{
	for (int c = 0; c < NCOL; c++)
		iv_free(p->col[c]);
	iv_name_keys_release(&p->given);
	iv_name_keys_release(&p->surname);
	memset(p, 0, sizeof(*p));
}

static void people_release(struct people *ps)
{
	for (size_t i = 0; i < ps->n; i++)
		person_release(&ps->p[i]);
	person_release(&ps->row);
	iv_free(ps->p);
	memset(ps, 0, sizeof(*ps));
}

static void on_field(void *s, size_t len, void *data)
{
	struct people *ps = data;
	const char *f = s;

	if (ps->rc || ps->ncol >= NCOL)
		return;
	while (len && (*f == ' ' || *f == '\t')) { /* libcsv trims too; be sure */
		f++;
		len--;
	}
	while (len && (f[len - 1] == ' ' || f[len - 1] == '\t' || f[len - 1] == '\r'))
		len--;
	ps->row.col[ps->ncol] = iv_strndup(f, len);
	if (!ps->row.col[ps->ncol])
		ps->rc = IV_ERR_NOMEM;
	ps->ncol++;
}

static void on_record(int c, void *data)
{
	struct people *ps = data;
	const char *id = ps->row.col[COL_ID];

	if (!ps->rc && ps->ncol == NCOL && id && strncmp(id, "rec-", 4) == 0) {
		if (ps->n == ps->alloc) {
			size_t alloc = ps->alloc ? ps->alloc * 2 : 1024;
			struct person *bigger = iv_realloc(ps->p, alloc * sizeof(*bigger));

			if (!bigger) {
				ps->rc = IV_ERR_NOMEM;
				goto out;
			}
			ps->p = bigger;
			ps->alloc = alloc;
		}
		ps->row.id = strtol(id + 4, NULL, 10);
		ps->p[ps->n++] = ps->row;
		memset(&ps->row, 0, sizeof(ps->row));
	}
out:
	person_release(&ps->row);
	ps->ncol = 0;
}

static enum iv_err load(struct iv_names *names, const char *path, struct people *ps)
{
	struct csv_parser parser;
	char chunk[65536];
	size_t got;
	FILE *f = fopen(path, "rb");
	enum iv_err rc = IV_OK;

	memset(ps, 0, sizeof(*ps));
	if (!f)
		return IV_ERR_NOTFOUND;
	if (csv_init(&parser, CSV_APPEND_NULL)) {
		fclose(f);
		return IV_ERR_NOMEM;
	}
	while ((got = fread(chunk, 1, sizeof(chunk), f)) > 0)
		if (csv_parse(&parser, chunk, got, on_field, on_record, ps) != got) {
			rc = IV_ERR_INVALID;
			goto out;
		}
	csv_fini(&parser, on_field, on_record, ps);
	rc = ps->rc;
	if (rc)
		goto out;
	for (size_t i = 0; i < ps->n; i++) {
		struct person *p = &ps->p[i];

		/* an empty or unreadable name is missing, not an error */
		p->has_given = *p->col[COL_GIVEN] &&
		               iv_names_keys(names, p->col[COL_GIVEN], &p->given, NULL) == IV_OK;
		p->has_surname = *p->col[COL_SURNAME] && iv_names_keys(names, p->col[COL_SURNAME],
		                                                       &p->surname, NULL) == IV_OK;
	}
out:
	csv_free(&parser);
	fclose(f);
	return rc;
}

/* ---- comparison levels ----------------------------------------------------------------- */

static const char *const feature_names[NFEAT] = {
        "given_name", "surname", "date_of_birth", "soc_sec_id", "postcode",
        "suburb",     "street",  "street_number", "state",
};
static const unsigned feature_levels[NFEAT] = {6, 6, 6, 4, 4, 5, 5, 3, 3};

/* name: 0 exact, 1 same skeleton or phonetic code, 2 >= 0.85, 3 >= 0.7, 4 disagree, 5 missing */
static uint8_t name_level(bool ha, const struct iv_name_keys *a, bool hb,
                          const struct iv_name_keys *b)
{
	double s;

	if (!ha || !hb)
		return 5;
	if (strcmp(a->ascii, b->ascii) == 0)
		return 0;
	if ((*a->skeleton && strcmp(a->skeleton, b->skeleton) == 0) ||
	    (*a->phonetic && strcmp(a->phonetic, b->phonetic) == 0))
		return 1;
	s = iv_names_compare(NULL, a, b, NULL);
	return s >= 0.85 ? 2 : s >= 0.7 ? 3 : 4;
}

/*
 * Birth date YYYYMMDD: 0 exact, 1 day and month swapped, 2 year +-1 with
 * month and day equal, 3 two of year, month, day equal, 4 disagree,
 * 5 missing (or not 8 characters).
 */
static uint8_t dob_level(const char *a, const char *b)
{
	int same_y, same_m, same_d;

	if (strlen(a) != 8 || strlen(b) != 8)
		return 5;
	if (strcmp(a, b) == 0)
		return 0;
	same_y = memcmp(a, b, 4) == 0;
	same_m = memcmp(a + 4, b + 4, 2) == 0;
	same_d = memcmp(a + 6, b + 6, 2) == 0;
	if (same_y && memcmp(a + 4, b + 6, 2) == 0 && memcmp(a + 6, b + 4, 2) == 0)
		return 1;
	if (same_m && same_d &&
	    labs(strtol(a, NULL, 10) / 10000 - strtol(b, NULL, 10) / 10000) == 1)
		return 2;
	if (same_y + same_m + same_d >= 2)
		return 3;
	return 4;
}

/* string with Jaro-Winkler bands: 0 exact, then one level per band, then disagree, missing */
static uint8_t jw_level(const char *a, const char *b, const double *bands, unsigned nbands)
{
	double s;
	unsigned l;

	if (!*a || !*b)
		return (uint8_t)(nbands + 2);
	if (strcmp(a, b) == 0)
		return 0;
	s = iv_names_jaro_winkler(a, strlen(a), b, strlen(b));
	for (l = 0; l < nbands; l++)
		if (s >= bands[l])
			return (uint8_t)(l + 1);
	return (uint8_t)(nbands + 1);
}

static void compare(const struct person *a, const struct person *b, uint8_t *out)
{
	static const double one[] = {0.9}, two[] = {0.9, 0.75}, code[] = {0.85};

	out[F_GIVEN] = name_level(a->has_given, &a->given, b->has_given, &b->given);
	out[F_SURNAME] = name_level(a->has_surname, &a->surname, b->has_surname, &b->surname);
	out[F_DOB] = dob_level(a->col[COL_DOB], b->col[COL_DOB]);
	out[F_SSN] = jw_level(a->col[COL_SSN], b->col[COL_SSN], one, 1);
	out[F_POSTCODE] = jw_level(a->col[COL_POSTCODE], b->col[COL_POSTCODE], code, 1);
	out[F_SUBURB] = jw_level(a->col[COL_SUBURB], b->col[COL_SUBURB], two, 2);
	out[F_STREET] = jw_level(a->col[COL_ADDRESS_1], b->col[COL_ADDRESS_1], two, 2);
	out[F_STREET_NUMBER] =
	        jw_level(a->col[COL_STREET_NUMBER], b->col[COL_STREET_NUMBER], NULL, 0);
	out[F_STATE] = jw_level(a->col[COL_STATE], b->col[COL_STATE], NULL, 0);
}

/* ---- blocking ---------------------------------------------------------------------------- */

enum { NKEYS = 5 };

struct bucket {
	uint32_t *ids;
	size_t n, alloc;
};

/* blocking key k of a person into out; false when the record has none */
static bool block_key(const struct person *p, int k, char *out, size_t size)
{
	switch (k) {
	case 0:
		return p->has_surname && *p->surname.phonetic &&
		       snprintf(out, size, "s:%s", p->surname.phonetic) > 0;
	case 1:
		return p->has_given && *p->given.phonetic &&
		       snprintf(out, size, "g:%s", p->given.phonetic) > 0;
	case 2:
		return *p->col[COL_POSTCODE] &&
		       snprintf(out, size, "p:%s", p->col[COL_POSTCODE]) > 0;
	case 3:
		return *p->col[COL_DOB] && snprintf(out, size, "d:%s", p->col[COL_DOB]) > 0;
	default:
		return *p->col[COL_SSN] && snprintf(out, size, "i:%s", p->col[COL_SSN]) > 0;
	}
}

struct candidates {
	uint32_t *a, *b;
	size_t n, alloc;
};

static enum iv_err block(const struct people *pa, const struct people *pb, struct candidates *c)
{
	struct iv_map index = IV_MAP_INIT;
	struct bucket *buckets = NULL;
	size_t nbuckets = 0;
	uint32_t *stamp = NULL;
	char key[512];
	enum iv_err rc = IV_OK;

	memset(c, 0, sizeof(*c));
	/* at most NKEYS buckets per b-record */
	buckets = iv_calloc(pb->n * NKEYS * sizeof(*buckets) + 1);
	stamp = iv_calloc(pb->n * sizeof(*stamp) + 1);
	if (!buckets || !stamp) {
		rc = IV_ERR_NOMEM;
		goto out;
	}
	for (size_t j = 0; j < pb->n; j++)
		for (int k = 0; k < NKEYS; k++) {
			struct bucket *bk;
			void *hit;

			if (!block_key(&pb->p[j], k, key, sizeof(key)))
				continue;
			hit = iv_map_get(&index, key);
			if (!hit) {
				hit = (void *)(uintptr_t)(++nbuckets);
				rc = iv_map_put(&index, key, hit);
				if (rc)
					goto out;
			}
			bk = &buckets[(uintptr_t)hit - 1];
			if (bk->n == bk->alloc) {
				size_t alloc = bk->alloc ? bk->alloc * 2 : 4;
				uint32_t *bigger = iv_realloc(bk->ids, alloc * sizeof(*bigger));

				if (!bigger) {
					rc = IV_ERR_NOMEM;
					goto out;
				}
				bk->ids = bigger;
				bk->alloc = alloc;
			}
			bk->ids[bk->n++] = (uint32_t)j;
		}
	for (size_t i = 0; i < pa->n; i++)
		for (int k = 0; k < NKEYS; k++) {
			const struct bucket *bk;
			void *hit;

			if (!block_key(&pa->p[i], k, key, sizeof(key)))
				continue;
			hit = iv_map_get(&index, key);
			if (!hit)
				continue;
			bk = &buckets[(uintptr_t)hit - 1];
			for (size_t x = 0; x < bk->n; x++) {
				uint32_t j = bk->ids[x];

				if (stamp[j] == i + 1)
					continue;
				stamp[j] = (uint32_t)(i + 1);
				if (c->n == c->alloc) {
					size_t alloc = c->alloc ? c->alloc * 2 : 65536;
					uint32_t *na = iv_realloc(c->a, alloc * sizeof(*na));

					if (!na) {
						rc = IV_ERR_NOMEM;
						goto out;
					}
					c->a = na;
					na = iv_realloc(c->b, alloc * sizeof(*na));
					if (!na) {
						rc = IV_ERR_NOMEM;
						goto out;
					}
					c->b = na;
					c->alloc = alloc;
				}
				c->a[c->n] = (uint32_t)i;
				c->b[c->n++] = j;
			}
		}
out:
	for (size_t x = 0; buckets && x < nbuckets; x++)
		iv_free(buckets[x].ids);
	iv_free(buckets);
	iv_free(stamp);
	iv_map_release(&index);
	return rc;
}

/* true pairs in all of a x b: for each id, (count in a) * (count in b) */
static size_t count_true_pairs(const struct people *pa, const struct people *pb)
{
	long maxid = 0;
	size_t *in_a, total = 0;

	for (size_t i = 0; i < pa->n; i++)
		maxid = pa->p[i].id > maxid ? pa->p[i].id : maxid;
	in_a = iv_calloc(((size_t)maxid + 1) * sizeof(*in_a));
	if (!in_a)
		return 0;
	for (size_t i = 0; i < pa->n; i++)
		if (pa->p[i].id >= 0)
			in_a[pa->p[i].id]++;
	for (size_t j = 0; j < pb->n; j++)
		if (pb->p[j].id >= 0 && pb->p[j].id <= maxid)
			total += in_a[pb->p[j].id];
	iv_free(in_a);
	return total;
}

int main(int argc, char **argv)
{
	const char *dir = argc > 1 ? argv[1] : "../shared/data/febrl";
	char path_a[1024], path_b[1024];
	struct iv_names *names = NULL;
	struct people pa = {0}, pb = {0};
	struct candidates cand = {0};
	struct iv_fs_model *model = NULL;
	struct iv_fs_fit_report rep;
	struct iv_buf err = IV_BUF_INIT;
	uint8_t *levels = NULL;
	size_t ntrue, tp = 0, fp = 0, true_in_cand = 0;
	double t0, t_load, t_block, t_compare, t_fit, t_classify, precision, recall, f1;
	int status = 1;

	snprintf(path_a, sizeof(path_a), "%s/dataset4a.csv", dir);
	snprintf(path_b, sizeof(path_b), "%s/dataset4b.csv", dir);
	if (iv_names_new(&names, &err)) {
		fprintf(stderr, "bench_fs: %s\n", err.buf);
		goto out;
	}
	t0 = now();
	if (load(names, path_a, &pa) == IV_ERR_NOTFOUND ||
	    load(names, path_b, &pb) == IV_ERR_NOTFOUND) {
		printf("bench_fs: FEBRL data not found in %s; skipped\n", dir);
		status = 0;
		goto out;
	}
	if (pa.n == 0 || pb.n == 0) {
		fprintf(stderr, "bench_fs: could not read %s or %s\n", path_a, path_b);
		goto out;
	}
	t_load = now() - t0;

	t0 = now();
	if (block(&pa, &pb, &cand)) {
		fprintf(stderr, "bench_fs: out of memory while blocking\n");
		goto out;
	}
	t_block = now() - t0;

	t0 = now();
	levels = iv_malloc(cand.n * NFEAT + 1);
	if (!levels) {
		fprintf(stderr, "bench_fs: out of memory for %zu pairs\n", cand.n);
		goto out;
	}
	for (size_t x = 0; x < cand.n; x++)
		compare(&pa.p[cand.a[x]], &pb.p[cand.b[x]], levels + x * NFEAT);
	t_compare = now() - t0;

	t0 = now();
	if (iv_fs_model_new(&model, &err))
		goto fail;
	for (int f = 0; f < NFEAT; f++)
		if (iv_fs_add_feature(model, feature_names[f], feature_levels[f],
		                      feature_levels[f] - 1, &err))
			goto fail;
	if (iv_fs_fit_em(model, levels, cand.n, 0, 0.0, &rep, &err))
		goto fail;
	t_fit = now() - t0;

	t0 = now();
	for (size_t x = 0; x < cand.n; x++) {
		bool same = pa.p[cand.a[x]].id == pb.p[cand.b[x]].id;
		bool match = iv_fs_probability(iv_fs_score(model, levels + x * NFEAT, NULL)) >= 0.5;

		true_in_cand += same;
		tp += same && match;
		fp += !same && match;
	}
	t_classify = now() - t0;
	ntrue = count_true_pairs(&pa, &pb);
	precision = tp + fp ? (double)tp / (double)(tp + fp) : 0.0;
	recall = ntrue ? (double)tp / (double)ntrue : 0.0;
	f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : 0.0;

	printf("FEBRL dataset4a (%zu) x dataset4b (%zu), %zu true pairs\n", pa.n, pb.n, ntrue);
	printf("blocking: %d keys (surname phonetic, given-name phonetic, postcode, "
	       "date of birth, soc_sec_id)\n",
	       NKEYS);
	printf("  candidate pairs   %zu (%.1f per record of a, %.1f per record of both files)\n",
	       cand.n, (double)cand.n / (double)pa.n, 2.0 * (double)cand.n / (double)(pa.n + pb.n));
	printf("  blocking recall   %.4f (%zu of %zu true pairs are candidates)\n",
	       ntrue ? (double)true_in_cand / (double)ntrue : 0.0, true_in_cand, ntrue);
	printf("EM: %u iterations, %s, %zu distinct comparison vectors, prior p = %.5f\n",
	       rep.iterations, rep.converged ? "converged" : "NOT converged", rep.npatterns,
	       rep.prior);
	printf("  feature          level weights in bits (level 0 = strongest agreement; last = "
	       "missing)\n");
	for (int f = 0; f < NFEAT; f++) {
		printf("  %-15s ", feature_names[f]);
		for (unsigned l = 0; l < feature_levels[f]; l++)
			printf(" %7.2f", iv_fs_weight(model, (size_t)f, l));
		printf("\n");
	}
	printf("classification: posterior probability >= 0.5 (fixed rule, not tuned on the "
	       "truth)\n");
	printf("  predicted matches %zu (true %zu, false %zu)\n", tp + fp, tp, fp);
	printf("  precision %.4f  recall %.4f  F1 %.4f\n", precision, recall, f1);
	printf("  reference (data/README.md, recordlinkage ECM, 4 blocking passes): precision "
	       "0.989  recall 0.999  F1 0.994\n");
	printf("time: load + name keys %.3f s, blocking %.3f s, comparing %.3f s, EM %.3f s, "
	       "classifying %.3f s; total %.3f s\n",
	       t_load, t_block, t_compare, t_fit, t_classify,
	       t_load + t_block + t_compare + t_fit + t_classify);
	status = 0;
	goto out;
fail:
	fprintf(stderr, "bench_fs: %s\n", err.buf);
out:
	iv_fs_model_free(model);
	iv_free(levels);
	iv_free(cand.a);
	iv_free(cand.b);
	people_release(&pa);
	people_release(&pb);
	iv_names_free(names);
	iv_buf_release(&err);
	return status;
}
