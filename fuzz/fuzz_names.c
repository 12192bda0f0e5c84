/*
 * fuzz_names.c - libFuzzer target for the name comparator: keys of the
 * two halves of the input (split at the first 0xFF byte, else in the
 * middle), then their comparison.
 *
 * Invalid UTF-8, empty and oversized names must be refused with the
 * documented errors; for names that get keys, the similarity must be in
 * [0,1], the same both ways, and exactly 1 against itself.  Any
 * difference traps.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iv/names.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int keys_of(struct iv_names *n, const uint8_t *p, size_t len, struct iv_name_keys *k)
{
	char *s = malloc(len + 1);
	enum iv_err rc;

	if (!s)
		abort();
	memcpy(s, p, len);
	s[len] = '\0';
	rc = iv_names_keys(n, s, k, NULL);
	if (rc != IV_OK && rc != IV_ERR_INVALID && rc != IV_ERR_TOOBIG)
		__builtin_trap();
	if (rc == IV_OK && (k->ntokens == 0 || k->ntokens > IV_NAMES_MAX_TOKENS))
		__builtin_trap();
	free(s);
	return rc == IV_OK;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static struct iv_names *n;
	struct iv_name_keys a = {0}, b = {0};
	const uint8_t *cut = memchr(data, 0xFF, size);
	size_t half = cut ? (size_t)(cut - data) : size / 2;
	size_t rest = cut ? size - half - 1 : size - half;
	int ok_a, ok_b;

	if (!n && iv_names_new(&n, NULL))
		abort();
	ok_a = keys_of(n, data, half, &a);
	ok_b = keys_of(n, data + size - rest, rest, &b);
	if (ok_a && iv_names_compare(n, &a, &a, NULL) != 1.0)
		__builtin_trap();
	if (ok_a && ok_b) {
		struct iv_name_explain ex;
		double s = iv_names_compare(n, &a, &b, &ex), t = iv_names_compare(n, &b, &a, NULL);

		if (!(s >= 0.0 && s <= 1.0) || s - t > 1e-9 || t - s > 1e-9)
			__builtin_trap();
		if (ex.npairs > a.ntokens + b.ntokens)
			__builtin_trap();
	}
	iv_name_keys_release(&a);
	iv_name_keys_release(&b);
	return 0;
}
