/*
 * hash.c - content hashing: BLAKE2b-128 through libsodium.
 *
 * struct iv_hasher keeps libsodium's state as opaque bytes so that util.h
 * need not include sodium.h.  libsodium declares that state 64-byte
 * aligned, which a plain byte array (or a malloc'd hasher) does not
 * promise.  A hasher that happens to be aligned (hot paths declare theirs
 * IV_HASHER_ALIGNED) is worked on in place; any other is copied into an
 * aligned local and back on each call, which costs as much as hashing a
 * short field: measurable on the ingest path, harmless elsewhere.
 *
 * Fields are length-prefixed with an 8-byte little-endian length, so a
 * sequence of fields hashes to one value only.  A NULL field is prefixed
 * with the length UINT64_MAX, which no real field can have, so that a
 * missing value never collides with an empty one.
 */
#include <pthread.h>
#include <stddef.h>
#include <string.h>

#include <sodium.h>

#include "iv/util.h"

_Static_assert(offsetof(struct iv_hasher, state) == 0,
               "the hasher's address is its state's address");
_Static_assert(sizeof(crypto_generichash_state) <= sizeof(((struct iv_hasher *)0)->state),
               "struct iv_hasher is too small for crypto_generichash_state");
_Static_assert(IV_HASH_BYTES >= crypto_generichash_BYTES_MIN &&
                       IV_HASH_BYTES <= crypto_generichash_BYTES_MAX,
               "BLAKE2b cannot produce IV_HASH_BYTES");

static pthread_once_t crypto_once = PTHREAD_ONCE_INIT;
static enum iv_err crypto_rc = IV_ERR_INTERNAL;

static void crypto_init_once(void)
{
	crypto_rc = sodium_init() < 0 ? IV_ERR_INTERNAL : IV_OK;
}

enum iv_err iv_crypto_init(void)
{
	if (pthread_once(&crypto_once, crypto_init_once) != 0)
		return IV_ERR_INTERNAL;
	return crypto_rc;
}

/*
 * libsodium wants its state 64-byte aligned.  A hasher on the stack is
 * (struct iv_hasher asks for it); one inside a heap block may not be, and
 * then the state is worked on in an aligned copy.  Content hashing is on
 * the ingest hot path, so the common case must not copy 384 bytes per call.
 */
static bool aligned(const struct iv_hasher *h)
{
	/* only the address is read, never the (maybe uninitialised) bytes */
	// cppcheck-suppress ctuuninitvar
	return ((uintptr_t)(const void *)h % _Alignof(crypto_generichash_state)) == 0;
}

void iv_hasher_init(struct iv_hasher *h)
{
	crypto_generichash_state st;

	/* hashing works without sodium_init (it only picks faster code), so
	 * its outcome is not worth a return value here */
	pthread_once(&crypto_once, crypto_init_once);
	if (aligned(h)) {
		crypto_generichash_init((crypto_generichash_state *)(void *)h->state, NULL, 0,
		                        IV_HASH_BYTES);
		return;
	}
	crypto_generichash_init(&st, NULL, 0, IV_HASH_BYTES);
	memcpy(h->state, &st, sizeof(st));
}

static void hasher_update(struct iv_hasher *h, const void *p, size_t n)
{
	crypto_generichash_state st;

	if (aligned(h)) {
		crypto_generichash_update((crypto_generichash_state *)(void *)h->state, p, n);
		return;
	}
	memcpy(&st, h->state, sizeof(st));
	crypto_generichash_update(&st, p, n);
	memcpy(h->state, &st, sizeof(st));
}

static void hasher_length(struct iv_hasher *h, uint64_t n)
{
	unsigned char le[8];

	for (int i = 0; i < 8; i++)
		le[i] = (unsigned char)(n >> (8 * i));
	hasher_update(h, le, sizeof(le));
}

void iv_hasher_fieldn(struct iv_hasher *h, const void *p, size_t n)
{
	hasher_length(h, (uint64_t)n);
	if (n)
		hasher_update(h, p, n);
}

void iv_hasher_field(struct iv_hasher *h, const char *s)
{
	if (!s) {
		hasher_length(h, UINT64_MAX);
		return;
	}
	iv_hasher_fieldn(h, s, strlen(s));
}

void iv_hasher_final(struct iv_hasher *h, unsigned char out[IV_HASH_BYTES])
{
	crypto_generichash_state st;

	/* content ids are not secrets: no need to wipe the state */
	if (aligned(h)) {
		crypto_generichash_final((crypto_generichash_state *)(void *)h->state, out,
		                         IV_HASH_BYTES);
		return;
	}
	memcpy(&st, h->state, sizeof(st));
	crypto_generichash_final(&st, out, IV_HASH_BYTES);
}

void iv_hash_hex(const unsigned char digest[IV_HASH_BYTES], char out[IV_HASH_HEX])
{
	static const char hex[] = "0123456789abcdef";

	for (int i = 0; i < IV_HASH_BYTES; i++) {
		out[2 * i] = hex[digest[i] >> 4];
		out[2 * i + 1] = hex[digest[i] & 0xf];
	}
	out[IV_HASH_HEX - 1] = '\0';
}

int64_t iv_hash_key(const unsigned char digest[IV_HASH_BYTES])
{
	uint64_t k = 0;

	for (int i = 0; i < 8; i++)
		k |= (uint64_t)digest[i] << (8 * i);
	return (int64_t)(k & (uint64_t)INT64_MAX);
}
