/*
 * compare.c - a run's candidate pairs compared into feature levels
 * (rv_compare, match.c) on the run's threads, each thread with a memo of
 * the name similarities and the values' frequencies it has met.
 */
#include <pthread.h>
#include <string.h>

#include "resolve/run_int.h"

#include "iv/util.h"

struct cmp_job {
	struct run *r;
	const struct rv_set *sa, *sb; /* pairs are (lo in sa, hi in sb) */
	size_t from, to;
};

/* A value's frequency as a comparing thread last asked for it (keys are never 0). */
struct count_slot {
	uint64_t key, count;
};
#define COUNT_SLOTS ((size_t)1 << 14)

static void *cmp_thread(void *arg)
{
	struct cmp_job *job = arg;
	struct run *r = job->r;
	/* pairs sharing a block share spellings: a memo per thread (none if no memory) */
	struct rv_memo *memo = job->to - job->from > 1000 ? iv_calloc(sizeof(*memo)) : NULL;

	/* and the same values' frequencies: the last one asked for in each slot */
	struct count_slot *seen = memo ? iv_calloc(COUNT_SLOTS * sizeof(*seen)) : NULL;

	for (size_t p = job->from; p < job->to; p++) {
		struct rv_compare c;
		struct rv_outcome *out = &r->cmp[p];

		rv_compare(job->sa, (size_t)(r->pairs[p] >> 32), job->sb,
		           (size_t)(r->pairs[p] & 0xffffffffu), memo, &c);
		/* rv_compare sets the family's features only */
		memset(out, 0, sizeof(*out));
		memcpy(out->level, c.level, r->fam->nf);
		out->strong = (int8_t)c.strong;
		for (size_t f = 0; f < r->fam->nf; f++) {
			uint64_t key = c.tf_key[f], n;
			struct count_slot *slot = seen ? &seen[(key * 0x9e3779b97f4a7c15ull >> 40) &
			                                       (COUNT_SLOTS - 1)]
			                               : NULL;

			if (!key)
				n = 0;
			else if (slot && slot->key == key)
				n = slot->count;
			else
				n = r->count(r->count_ctx, key);
			if (key && slot)
				*slot = (struct count_slot){key, n};
			out->count[f] = n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
		}
	}
	iv_free(seen);
	iv_free(memo);
	return NULL;
}

enum iv_err rv_compare_all(struct run *r, const struct rv_set *sa, const struct rv_set *sb,
                           struct iv_buf *err)
{
	pthread_t tid[16];
	struct cmp_job jobs[16];
	bool started[16] = {false};
	unsigned nt = r->o.threads;
	size_t chunk;

	r->cmp = iv_calloc((r->npairs + 1) * sizeof(*r->cmp));
	r->prob = iv_calloc((r->npairs + 1) * sizeof(*r->prob));
	r->decision = iv_calloc((r->npairs + 1) * sizeof(*r->decision));
	if (!r->cmp || !r->prob || !r->decision)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory comparing pairs");
	if (r->npairs < 4096)
		nt = 1;
	chunk = (r->npairs + nt - 1) / nt;
	for (unsigned t = 0; t < nt; t++) {
		jobs[t] = (struct cmp_job){r, sa, sb, t * chunk, (t + 1) * chunk};
		if (jobs[t].to > r->npairs)
			jobs[t].to = r->npairs;
		if (jobs[t].from > jobs[t].to)
			jobs[t].from = jobs[t].to;
	}
	for (unsigned t = 1; t < nt; t++) {
		started[t] = pthread_create(&tid[t], NULL, cmp_thread, &jobs[t]) == 0;
		if (!started[t]) /* no thread: its share is done here */
			cmp_thread(&jobs[t]);
	}
	cmp_thread(&jobs[0]);
	for (unsigned t = 1; t < nt; t++)
		if (started[t])
			pthread_join(tid[t], NULL);
	return IV_OK;
}
