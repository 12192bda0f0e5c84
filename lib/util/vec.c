/*
 * vec.c - struct iv_vec, a growable array of pointers, and iv_array_grow
 * for arrays of any element type.
 *
 * Capacity doubles (from 8 for a vector); a failed push or growth leaves
 * the array as it was.
 */
#include <stdint.h>
#include <string.h>

#include "iv/util.h"

#define VEC_MIN_ALLOC 8

enum iv_err iv_vec_push(struct iv_vec *v, void *item)
{
	if (v->len == v->alloc) {
		size_t want = v->alloc ? v->alloc * 2 : VEC_MIN_ALLOC;
		void **grown;

		if (want > SIZE_MAX / sizeof(*v->items))
			return IV_ERR_NOMEM;
		grown = iv_realloc(v->items, want * sizeof(*v->items));
		if (!grown)
			return IV_ERR_NOMEM;
		v->items = grown;
		v->alloc = want;
	}
	v->items[v->len++] = item;
	return IV_OK;
}

void iv_vec_release(struct iv_vec *v)
{
	iv_free(v->items);
	v->items = NULL;
	v->len = 0;
	v->alloc = 0;
}

void iv_vec_release_all(struct iv_vec *v)
{
	for (size_t i = 0; i < v->len; i++)
		iv_free(v->items[i]);
	iv_vec_release(v);
}

enum iv_err iv_array_grow(void *array, size_t *alloc, size_t need, size_t size, size_t first)
{
	size_t n = *alloc ? *alloc : (first ? first : 1);
	void *old, *grown;

	if (need <= *alloc)
		return IV_OK;
	while (n < need) {
		if (n > SIZE_MAX / 2)
			return IV_ERR_NOMEM;
		n *= 2;
	}
	if (size && n > SIZE_MAX / size)
		return IV_ERR_NOMEM;
	memcpy(&old, array, sizeof(old)); /* array is some T **: read and write it as bytes */
	grown = iv_realloc(old, n * size);
	if (!grown)
		return IV_ERR_NOMEM;
	memcpy(array, &grown, sizeof(grown));
	*alloc = n;
	return IV_OK;
}
