/*
 * util.h - the small pieces every module of libinvigor stands on:
 * allocation with a failure hook, a capped growable buffer, a vector of
 * pointers, a string-keyed hash map, an arena, BLAKE2b content hashing,
 * UTF-8 checking and ISO 8601 dates including partial dates.
 *
 * Rules that hold for everything here:
 *  - all memory comes from iv_malloc/iv_realloc/iv_free, so tests can make
 *    the Nth allocation fail (iv_alloc_fail_after) and check that every
 *    caller copes;
 *  - `_init/_release` for embedded structs, `_new/_free` for heap objects,
 *    and every `_free(NULL)` / `_release` of a zeroed struct is a no-op.
 */
#ifndef IV_UTIL_H
#define IV_UTIL_H

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iv/err.h"

/* ---- allocation --------------------------------------------------------- */

/** malloc that honours the failure hook. Returns NULL on failure. */
void *iv_malloc(size_t n);
/** calloc(1, n) through the hook. */
void *iv_calloc(size_t n);
/** realloc through the hook; on failure the old block is untouched. */
void *iv_realloc(void *p, size_t n);
/** free; NULL is a no-op. */
void iv_free(void *p);
/** strdup / strndup through the hook; caller frees with iv_free(). */
char *iv_strdup(const char *s);
char *iv_strndup(const char *s, size_t n);

/**
 * Make the allocation hook fail the nth call from now (1 = the next call)
 * and every call after it; n = 0 switches failure off.  For tests only.
 */
void iv_alloc_fail_after(unsigned long n);
/**
 * Make the hook fail the nth call from now only, as when memory is short
 * for a moment: the calls after it succeed again.  n = 0 switches failure
 * off.  For tests only.
 */
void iv_alloc_fail_once(unsigned long n);
/** Number of allocations made since the last iv_alloc_fail_after() or iv_alloc_fail_once(). */
unsigned long iv_alloc_count(void);

/**
 * Start the program again with glibc's huge-page malloc (the tunable
 * glibc.malloc.hugetlb=1, read only when a process starts), for long runs
 * over large data: a million-mention resolve then takes 28K page faults
 * instead of 877K.  Returns (doing nothing) when the tunable is set already,
 * when INVIGOR_HUGE_PAGES=0 (which it sets for the restarted program), in a
 * secure-mode (setuid) process, when GLIBC_TUNABLES is over 1,000 bytes, or
 * when the exec fails (the environment then as it was); else does not
 * return.  exe: the program to start ("/proc/self/exe": this one); argv as
 * main received it.
 */
void iv_prefer_huge_pages(const char *exe, char **argv);

/**
 * Significant digits of the reals invigor writes for people and other tools
 * (JSON from the CLI and the API, graph exports): every decimal of 15 digits
 * survives the trip into a double and back, so a similarity reads 0.85, not
 * 0.84999999999999998.  Not exact the other way: two doubles may print
 * alike.  What must read back exactly (the stored model, model.c) keeps 17.
 */
#define IV_REAL_DIGITS 15
/** jansson's flags for that JSON, compact (the caller includes jansson.h). */
#define IV_JSON_DUMP_FLAGS (JSON_COMPACT | JSON_REAL_PRECISION(IV_REAL_DIGITS))

/** Bounded copy: always NUL-terminates dst (when size > 0); returns strlen(src). */
size_t iv_strlcpy(char *dst, const char *src, size_t size);

/* ---- struct iv_buf: capped growable byte buffer ------------------------- */

/*
 * Invariants: buf is never NULL (it points at a shared empty string until
 * the first growth), buf[len] == '\0' always, len <= cap_limit.  A cap of
 * 0 means IV_BUF_DEFAULT_CAP.  Growth past the cap fails with
 * IV_ERR_TOOBIG and leaves the contents as they were.
 */
struct iv_buf {
	char *buf;
	size_t len;
	size_t alloc;
	size_t cap_limit;
};

#define IV_BUF_DEFAULT_CAP ((size_t)1 << 30)
#define IV_BUF_INIT                                                                                \
	{                                                                                          \
		(char *)iv_buf_empty, 0, 0, 0                                                      \
	}
extern const char iv_buf_empty[1];

void iv_buf_init(struct iv_buf *b, size_t cap_limit);
/** Free the memory and return to the initial state (cap kept). */
void iv_buf_release(struct iv_buf *b);
/** Empty the contents, keeping the memory. */
void iv_buf_reset(struct iv_buf *b);
IV_MUST_USE enum iv_err iv_buf_grow(struct iv_buf *b, size_t extra);
IV_MUST_USE enum iv_err iv_buf_add(struct iv_buf *b, const void *data, size_t n);
IV_MUST_USE enum iv_err iv_buf_adds(struct iv_buf *b, const char *s);
IV_MUST_USE enum iv_err iv_buf_addch(struct iv_buf *b, char c);
IV_MUST_USE enum iv_err iv_buf_addf(struct iv_buf *b, const char *fmt, ...)
        __attribute__((format(printf, 2, 3)));
IV_MUST_USE enum iv_err iv_buf_vaddf(struct iv_buf *b, const char *fmt, va_list ap);
/** Replace the contents with a formatted message (for `err` arguments). */
void iv_buf_setf(struct iv_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/** Truncate to n bytes (n <= len). */
void iv_buf_truncate(struct iv_buf *b, size_t n);
/**
 * Hand the contents to the caller, who frees them with iv_free(); the
 * buffer is left empty.  Returns NULL only when allocation fails.
 */
char *iv_buf_detach(struct iv_buf *b, size_t *len);
/**
 * Append s to out as a JSON string, escaped as jansson's json_dumps
 * escapes it (quote, backslash and control characters; UTF-8 kept).
 * IV_ERR_INVALID (out unchanged) when s is not UTF-8; IV_ERR_NOMEM or
 * IV_ERR_TOOBIG when out cannot grow (it may then hold part of it).
 */
IV_MUST_USE enum iv_err iv_buf_add_json_str(struct iv_buf *out, const char *s);

/** Set *err (if err is non-NULL) to a formatted message; returns rc. */
enum iv_err iv_seterr(struct iv_buf *err, enum iv_err rc, const char *fmt, ...)
        __attribute__((format(printf, 3, 4)));

/* ---- struct iv_vec: growable array of pointers --------------------------- */

struct iv_vec {
	void **items;
	size_t len;
	size_t alloc;
};

#define IV_VEC_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}
IV_MUST_USE enum iv_err iv_vec_push(struct iv_vec *v, void *item);

/**
 * Make the array at *array (elements of `size` bytes, *alloc of them
 * allocated) hold at least `need`, doubling from `first`; a no-op when it
 * already does.  array is the address of the array's pointer (e.g.
 * &r->items).  IV_ERR_NOMEM (the array left as it was) when memory runs
 * out or the size would overflow.
 */
IV_MUST_USE enum iv_err iv_array_grow(void *array, size_t *alloc, size_t need, size_t size,
                                      size_t first);
/** Free the array (not the items). */
void iv_vec_release(struct iv_vec *v);
/** Free every item with iv_free() and then the array. */
void iv_vec_release_all(struct iv_vec *v);

/* ---- struct iv_map: string -> pointer hash map (open addressing) --------- */

/*
 * Keys are copied into the map and owned by it; values are borrowed (the
 * map never frees them unless iv_map_release_all is used).
 */
struct iv_map {
	struct iv_map_slot *slots;
	size_t cap; /* power of two, 0 before the first put */
	size_t len;
};

#define IV_MAP_INIT                                                                                \
	{                                                                                          \
		NULL, 0, 0                                                                         \
	}
IV_MUST_USE enum iv_err iv_map_put(struct iv_map *m, const char *key, void *value);
IV_MUST_USE enum iv_err iv_map_putn(struct iv_map *m, const char *key, size_t klen, void *value);
/** Borrowed value, or NULL when absent. */
void *iv_map_get(const struct iv_map *m, const char *key);
void *iv_map_getn(const struct iv_map *m, const char *key, size_t klen);
bool iv_map_has(const struct iv_map *m, const char *key);
/** Iterate: start with *pos = 0; returns false at the end. */
bool iv_map_next(const struct iv_map *m, size_t *pos, const char **key, void **value);
void iv_map_release(struct iv_map *m);
/** Also iv_free() every value. */
void iv_map_release_all(struct iv_map *m);

/** 64-bit FNV-1a, for hash tables (not for content ids). */
uint64_t iv_hash64(const void *data, size_t n);

/* ---- struct iv_arena: bump allocator freed all at once ------------------- */

struct iv_arena {
	struct iv_arena_block *head;
	size_t block_size;
};

#define IV_ARENA_INIT                                                                              \
	{                                                                                          \
		NULL, 0                                                                            \
	}
/** Aligned allocation of n bytes; NULL on failure.  Freed by iv_arena_release. */
void *iv_arena_alloc(struct iv_arena *a, size_t n);
char *iv_arena_strdup(struct iv_arena *a, const char *s);
char *iv_arena_strndup(struct iv_arena *a, const char *s, size_t n);
void iv_arena_release(struct iv_arena *a);

/* ---- content hashing (BLAKE2b through libsodium) ------------------------- */

#define IV_HASH_BYTES 16
#define IV_HASH_HEX   (IV_HASH_BYTES * 2 + 1)

/*
 * Incremental BLAKE2b-128.  Fields are fed with iv_hash_field, which
 * length-prefixes each one so ("ab","c") and ("a","bc") never collide.
 */
struct iv_hasher {
	unsigned char state[384]; /* crypto_generichash_state, opaque here */
};

/*
 * libsodium's state wants 64-byte alignment.  A hasher at any address
 * works (its state is then worked on in an aligned copy), but a hot path
 * declares its hasher with IV_HASHER_ALIGNED to skip that copy.
 */
#define IV_HASHER_ALIGNED _Alignas(64)

void iv_hasher_init(struct iv_hasher *h);
void iv_hasher_field(struct iv_hasher *h, const char *s);
void iv_hasher_fieldn(struct iv_hasher *h, const void *p, size_t n);
void iv_hasher_final(struct iv_hasher *h, unsigned char out[IV_HASH_BYTES]);
/** Lower-case hex of a digest into out (IV_HASH_HEX bytes). */
void iv_hash_hex(const unsigned char digest[IV_HASH_BYTES], char out[IV_HASH_HEX]);
/** First 8 bytes of a digest as a positive signed 63-bit integer key. */
int64_t iv_hash_key(const unsigned char digest[IV_HASH_BYTES]);
/** Initialise libsodium once; safe to call many times. */
IV_MUST_USE enum iv_err iv_crypto_init(void);

/* ---- UTF-8 ---------------------------------------------------------------- */

/**
 * Check that s[0..n) is valid UTF-8 (no overlongs, no surrogates, <= U+10FFFF).
 * Returns true when valid; otherwise *bad_offset gets the byte offset of
 * the first invalid sequence.
 */
bool iv_utf8_valid(const char *s, size_t n, size_t *bad_offset);
/** Append s[0..n) to out with each byte that is not UTF-8 as U+FFFD. */
IV_MUST_USE enum iv_err iv_utf8_clean(struct iv_buf *out, const char *s, size_t n);
/**
 * Whether UTF-8 s[0..n) holds a control character: C0, DEL or C1
 * (U+0080..U+009F), which terminals obey; with lines, line feed, tab and
 * carriage return are text.  *at gets the first one's byte offset.
 */
bool iv_utf8_control(const char *s, size_t n, bool lines, size_t *at);

/* ---- dates: ISO 8601 with partial precision ------------------------------ */

enum iv_date_prec {
	IV_DATE_NONE = 0,
	IV_DATE_YEAR,   /* "1974" */
	IV_DATE_MONTH,  /* "1974-08" */
	IV_DATE_DAY,    /* "1974-08-12" */
	IV_DATE_MINUTE, /* "1974-08-12T10:30" */
	IV_DATE_SECOND, /* "1974-08-12T10:30:05" */
};

struct iv_date {
	int year, month, day, hour, minute, second; /* unset parts are 0 */
	enum iv_date_prec prec;
};

/**
 * Parse ISO 8601: YYYY, YYYY-MM, YYYY-MM-DD, and YYYY-MM-DDTHH:MM[:SS][Z]
 * (a space may replace T).  Rejects impossible dates (1989-02-31, month
 * 13, 25:00).  Returns IV_ERR_INVALID on anything else.
 */
IV_MUST_USE enum iv_err iv_date_parse(const char *s, struct iv_date *d);
/** Format at its own precision into out (at least 20 bytes). */
void iv_date_format(const struct iv_date *d, char *out, size_t size);
/**
 * Compare at the coarser of the two precisions: "1974" equals "1974-08-12";
 * returns <0, 0, >0.
 */
int iv_date_cmp(const struct iv_date *a, const struct iv_date *b);
/** Days in a month of a year (Gregorian); 0 for a bad month. */
int iv_days_in_month(int year, int month);
/**
 * The date as UTC seconds since the epoch: the first second it covers, or
 * with `end` the last ("2024-03" ends at 2024-03-31T23:59:59).
 */
int64_t iv_date_seconds(const struct iv_date *d, bool end);
/** Current UTC time as seconds since the epoch. */
int64_t iv_now(void);
/** A monotonic clock in seconds, for timings and deadlines (never goes back). */
double iv_clock(void);
/** Seconds since the epoch as "YYYY-MM-DDTHH:MM:SSZ" into out (>= 21 bytes). */
void iv_time_format(int64_t t, char *out, size_t size);

#include "iv/banned.h"

#endif
