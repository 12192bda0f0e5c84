/*
 * vec.c - struct iv_vec, a growable array of pointers.
 *
 * Capacity doubles from 8; a failed push leaves the vector as it was.
 */
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
