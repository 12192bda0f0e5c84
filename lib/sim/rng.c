/*
 * rng.c - the generator's PRNG (xoshiro256** seeded by splitmix64) and a
 * growable array of fixed-size records for the world model.
 *
 * Every source draws from its own stream (seed, tag), so adding a draw to
 * one source never changes the bytes of another.
 */
#include <string.h>

#include "sim/sim_int.h"

uint64_t sim_hash64(uint64_t x)
{
	uint64_t z = x + 0x9e3779b97f4a7c15ULL;

	z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
	z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
	return z ^ (z >> 31);
}

static uint64_t splitmix64(uint64_t *x)
{
	uint64_t z = sim_hash64(*x);

	*x += 0x9e3779b97f4a7c15ULL;
	return z;
}

void sim_rng_seed(struct sim_rng *r, uint64_t seed, uint64_t stream)
{
	uint64_t x = seed ^ (stream * 0xd1b54a32d192ed03ULL);

	for (int i = 0; i < 4; i++)
		r->s[i] = splitmix64(&x);
}

static uint64_t rotl(uint64_t x, int k)
{
	return (x << k) | (x >> (64 - k));
}

uint64_t sim_rng_next(struct sim_rng *r)
{
	uint64_t *s = r->s;
	uint64_t result = rotl(s[1] * 5, 7) * 9;
	uint64_t t = s[1] << 17;

	s[2] ^= s[0];
	s[3] ^= s[1];
	s[1] ^= s[2];
	s[0] ^= s[3];
	s[2] ^= t;
	s[3] = rotl(s[3], 45);
	return result;
}

uint32_t sim_rng_below(struct sim_rng *r, uint32_t n)
{
	/* Lemire's multiply-shift; the tiny bias is irrelevant here. */
	return (uint32_t)(((sim_rng_next(r) >> 32) * (uint64_t)n) >> 32);
}

int sim_rng_range(struct sim_rng *r, int lo, int hi)
{
	if (hi <= lo)
		return lo;
	return lo + (int)sim_rng_below(r, (uint32_t)(hi - lo + 1));
}

bool sim_rng_chance(struct sim_rng *r, double p)
{
	return (double)(sim_rng_next(r) >> 11) * (1.0 / 9007199254740992.0) < p;
}

unsigned sim_rng_weighted(struct sim_rng *r, const double *w, unsigned n)
{
	double sum = 0, x;

	for (unsigned i = 0; i < n; i++)
		sum += w[i];
	x = (double)(sim_rng_next(r) >> 11) * (1.0 / 9007199254740992.0) * sum;
	for (unsigned i = 0; i < n; i++) {
		if (x < w[i])
			return i;
		x -= w[i];
	}
	return n - 1;
}

enum iv_err sim_vec_push(struct sim_vec *v, const void *item, uint32_t *index)
{
	if (v->len == v->alloc) {
		size_t n = v->alloc ? v->alloc * 2 : 64;
		void *grown = iv_realloc(v->items, n * v->size);
		if (!grown)
			return IV_ERR_NOMEM;
		v->items = grown;
		v->alloc = n;
	}
	memcpy((char *)v->items + v->len * v->size, item, v->size);
	if (index)
		*index = (uint32_t)v->len;
	v->len++;
	return IV_OK;
}

void sim_vec_release(struct sim_vec *v)
{
	iv_free(v->items);
	v->items = NULL;
	v->len = v->alloc = 0;
}
