/*
 * map.c - struct iv_map, a string-keyed hash map with open addressing.
 *
 * Linear probing over a power-of-two table kept at most 70% full.  Each
 * slot keeps the key's full hash so probing compares hashes before bytes
 * and growth never rehashes a key.  There is no delete, so there are no
 * tombstones: an empty slot ends every probe.  Putting a key that is
 * already present replaces its value (the map never frees the old one).
 */
#include <string.h>

#include "iv/util.h"

#define MAP_MIN_CAP 16

struct iv_map_slot {
	char *key; /* owned copy, NUL-terminated; NULL = empty slot */
	size_t klen;
	uint64_t hash;
	void *value;
};

uint64_t iv_hash64(const void *data, size_t n)
{
	const unsigned char *p = data;
	uint64_t h = 14695981039346656037ULL;

	for (size_t i = 0; i < n; i++) {
		h ^= p[i];
		h *= 1099511628211ULL;
	}
	return h;
}

/*
 * The map's own hash (never stored outside a map, unlike iv_hash64's
 * keys): eight bytes a step, each word multiplied in, then the bits mixed
 * down so that the low bits, which pick the slot, depend on all of them.
 */
static uint64_t map_hash(const char *key, size_t n)
{
	const uint64_t k = 0x9e3779b97f4a7c15ULL;
	uint64_t h = (uint64_t)n * k, w;

	for (; n >= 8; key += 8, n -= 8) {
		memcpy(&w, key, 8);
		h = (h ^ w) * k;
		h ^= h >> 29;
	}
	if (n > 0) {
		w = 0;
		memcpy(&w, key, n);
		h = (h ^ w) * k;
	}
	h ^= h >> 32;
	h *= 0xd6e8feb86659fd93ULL;
	return h ^ (h >> 32);
}

/* The slot holding key, or the empty slot where it would go. */
static struct iv_map_slot *map_find(const struct iv_map *m, const char *key, size_t klen,
                                    uint64_t hash)
{
	size_t mask = m->cap - 1;

	for (size_t i = (size_t)hash & mask;; i = (i + 1) & mask) {
		struct iv_map_slot *slot = &m->slots[i];

		if (!slot->key)
			return slot;
		if (slot->hash == hash && slot->klen == klen && memcmp(slot->key, key, klen) == 0)
			return slot;
	}
}

static IV_MUST_USE enum iv_err map_resize(struct iv_map *m, size_t cap)
{
	struct iv_map_slot *old = m->slots;
	size_t old_cap = m->cap;
	struct iv_map_slot *slots;

	if (cap > SIZE_MAX / sizeof(*slots))
		return IV_ERR_NOMEM;
	slots = iv_calloc(cap * sizeof(*slots));
	if (!slots)
		return IV_ERR_NOMEM;
	m->slots = slots;
	m->cap = cap;
	for (size_t i = 0; i < old_cap; i++) {
		if (old[i].key)
			*map_find(m, old[i].key, old[i].klen, old[i].hash) = old[i];
	}
	iv_free(old);
	return IV_OK;
}

enum iv_err iv_map_putn(struct iv_map *m, const char *key, size_t klen, void *value)
{
	uint64_t hash = map_hash(key, klen);
	struct iv_map_slot *slot;
	char *copy;
	enum iv_err rc;

	if (m->cap) {
		slot = map_find(m, key, klen, hash);
		if (slot->key) {
			slot->value = value;
			return IV_OK;
		}
	}
	/* keep len + 1 <= 0.7 * cap */
	if (m->cap == 0 || (m->len + 1) * 10 > m->cap * 7) {
		if (m->cap > SIZE_MAX / 2)
			return IV_ERR_NOMEM;
		rc = map_resize(m, m->cap ? m->cap * 2 : MAP_MIN_CAP);
		if (rc)
			return rc;
	}
	copy = iv_malloc(klen + 1);
	if (!copy)
		return IV_ERR_NOMEM;
	memcpy(copy, key, klen);
	copy[klen] = '\0';

	slot = map_find(m, key, klen, hash);
	slot->key = copy;
	slot->klen = klen;
	slot->hash = hash;
	slot->value = value;
	m->len++;
	return IV_OK;
}

enum iv_err iv_map_put(struct iv_map *m, const char *key, void *value)
{
	return iv_map_putn(m, key, strlen(key), value);
}

void *iv_map_getn(const struct iv_map *m, const char *key, size_t klen)
{
	struct iv_map_slot *slot;

	if (m->cap == 0)
		return NULL;
	slot = map_find(m, key, klen, map_hash(key, klen));
	return slot->key ? slot->value : NULL;
}

void *iv_map_get(const struct iv_map *m, const char *key)
{
	return iv_map_getn(m, key, strlen(key));
}

bool iv_map_has(const struct iv_map *m, const char *key)
{
	size_t klen = strlen(key);

	if (m->cap == 0)
		return false;
	return map_find(m, key, klen, map_hash(key, klen))->key != NULL;
}

bool iv_map_next(const struct iv_map *m, size_t *pos, const char **key, void **value)
{
	for (size_t i = *pos; i < m->cap; i++) {
		if (m->slots[i].key) {
			if (key)
				*key = m->slots[i].key;
			if (value)
				*value = m->slots[i].value;
			*pos = i + 1;
			return true;
		}
	}
	*pos = m->cap;
	return false;
}

static void map_release(struct iv_map *m, bool values)
{
	for (size_t i = 0; i < m->cap; i++) {
		if (m->slots[i].key) {
			iv_free(m->slots[i].key);
			if (values)
				iv_free(m->slots[i].value);
		}
	}
	iv_free(m->slots);
	m->slots = NULL;
	m->cap = 0;
	m->len = 0;
}

void iv_map_release(struct iv_map *m)
{
	map_release(m, false);
}

void iv_map_release_all(struct iv_map *m)
{
	map_release(m, true);
}
