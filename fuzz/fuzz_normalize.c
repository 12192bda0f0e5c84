/*
 * fuzz_normalize.c - libFuzzer target for the property-type normalisers.
 *
 * Input: the first byte picks the type (modulo the number of types), the
 * second the context (bits 0-2: default phone region from a short list,
 * bit 3: month-first dates, bits 4-7 modulo 5: the source's calendar), the
 * rest is the raw value.  Values that are
 * not valid UTF-8 or hold a NUL are skipped, as the API requires.
 *
 * Beyond crashes and sanitizer reports it traps when a property the
 * module promises is broken: the output is valid UTF-8 without NULs, an
 * invalid value comes back as the trimmed input, and normalising a valid
 * result again gives the same result, still valid (idempotence:
 * exported values are re-ingested), and for a date under every calendar
 * and date order too.
 */
#include <stdint.h>
#include <string.h>

#include "iv/schema.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Is needle[0..n) a contiguous part of hay[0..hn)? */
static bool contains(const char *hay, size_t hn, const char *needle, size_t n)
{
	for (size_t i = 0; n <= hn && i <= hn - n; i++) {
		if (memcmp(hay + i, needle, n) == 0)
			return true;
	}
	return false;
}

static const char *const regions[8] = {NULL, "GB", "FR", "IR", "gb", "United Kingdom", "xxa", "ZZ"};

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iv_buf raw = IV_BUF_INIT, out = IV_BUF_INIT, again = IV_BUF_INIT;
	struct iv_norm_ctx ctx;
	enum iv_type type;
	bool valid, valid2;

	if (size < 2 || size > 4096)
		return 0;
	type = (enum iv_type)(data[0] % IV_TYPE__COUNT);
	ctx.phone_region = regions[data[1] & 7];
	ctx.date_mdy = (data[1] & 8) != 0;
	ctx.calendar = (enum iv_calendar)((data[1] >> 4) % 5);
	data += 2;
	size -= 2;
	if (memchr(data, 0, size) || !iv_utf8_valid((const char *)data, size, NULL))
		return 0;
	if (iv_buf_add(&raw, data, size))
		goto out;

	if (iv_type_normalize(type, raw.buf, &ctx, &out, &valid))
		goto out; /* only allocation failure or the cap: not reachable here */
	if (strlen(out.buf) != out.len || !iv_utf8_valid(out.buf, out.len, NULL))
		__builtin_trap();
	if (!valid && out.len > raw.len)
		__builtin_trap(); /* verbatim means at most the input, trimmed */
	if (!valid && out.len && !contains(raw.buf, raw.len, out.buf, out.len))
		__builtin_trap();
	if (iv_type_normalize(type, out.buf, &ctx, &again, &valid2))
		goto out;
	if (valid2 != valid || again.len != out.len || memcmp(again.buf, out.buf, out.len) != 0)
		__builtin_trap();
	/* a valid date is ISO 8601, which reads the same whatever the source's calendar and
	 * date order: it is exported and ingested again under other sources' settings */
	if (type == IV_TYPE_DATE && valid) {
		for (int c = IV_CAL_UNSET; c <= IV_CAL_ETHIOPIC; c++) {
			for (int mdy = 0; mdy < 2; mdy++) {
				struct iv_norm_ctx other = {ctx.phone_region, mdy != 0,
				                            (enum iv_calendar)c};

				if (iv_type_normalize(type, out.buf, &other, &again, &valid2))
					goto out;
				if (!valid2 || again.len != out.len ||
				    memcmp(again.buf, out.buf, out.len) != 0)
					__builtin_trap();
			}
		}
	}
out:
	iv_buf_release(&again);
	iv_buf_release(&out);
	iv_buf_release(&raw);
	return 0;
}
