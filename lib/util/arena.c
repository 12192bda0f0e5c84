/*
 * arena.c - struct iv_arena, a bump allocator freed all at once.
 *
 * Memory comes in blocks of at least 64 KiB (more if block_size says so)
 * and every allocation is 16-byte aligned.  A request larger than a
 * quarter of a block gets a block of its own, linked behind the current
 * one, so that it neither wastes the rest of the current block nor makes
 * later small requests open a fresh one.
 */
#include <string.h>

#include "iv/util.h"

#define ARENA_ALIGN     16
#define ARENA_MIN_BLOCK ((size_t)64 * 1024)

struct iv_arena_block {
	struct iv_arena_block *next;
	size_t size; /* usable bytes after the header */
	size_t used;
};

/* Header rounded up so the data behind it keeps malloc's 16-byte alignment. */
#define ARENA_HDR ((sizeof(struct iv_arena_block) + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1))

_Static_assert(_Alignof(max_align_t) >= ARENA_ALIGN, "malloc must align to 16 bytes");

static unsigned char *block_data(struct iv_arena_block *blk)
{
	return (unsigned char *)blk + ARENA_HDR;
}

static struct iv_arena_block *block_new(size_t size)
{
	struct iv_arena_block *blk;

	if (size > SIZE_MAX - ARENA_HDR)
		return NULL;
	blk = iv_malloc(ARENA_HDR + size);
	if (!blk)
		return NULL;
	blk->next = NULL;
	blk->size = size;
	blk->used = 0;
	return blk;
}

void *iv_arena_alloc(struct iv_arena *a, size_t n)
{
	size_t block_size = a->block_size > ARENA_MIN_BLOCK ? a->block_size : ARENA_MIN_BLOCK;
	struct iv_arena_block *blk = a->head;
	void *p;

	if (n > SIZE_MAX - ARENA_ALIGN)
		return NULL;
	n = n ? (n + ARENA_ALIGN - 1) & ~(size_t)(ARENA_ALIGN - 1) : ARENA_ALIGN;

	if (blk && blk->size - blk->used >= n) {
		p = block_data(blk) + blk->used;
		blk->used += n;
		return p;
	}
	if (n > block_size / 4) {
		blk = block_new(n);
		if (!blk)
			return NULL;
		blk->used = n;
		if (a->head) {
			blk->next = a->head->next;
			a->head->next = blk;
		} else {
			a->head = blk;
		}
		return block_data(blk);
	}
	blk = block_new(block_size);
	if (!blk)
		return NULL;
	blk->next = a->head;
	a->head = blk;
	blk->used = n;
	return block_data(blk);
}

char *iv_arena_strndup(struct iv_arena *a, const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = iv_arena_alloc(a, len + 1);

	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *iv_arena_strdup(struct iv_arena *a, const char *s)
{
	return iv_arena_strndup(a, s, SIZE_MAX);
}

void iv_arena_release(struct iv_arena *a)
{
	struct iv_arena_block *blk = a->head;

	while (blk) {
		struct iv_arena_block *next = blk->next;

		iv_free(blk);
		blk = next;
	}
	a->head = NULL;
}
