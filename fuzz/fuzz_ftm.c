/*
 * fuzz_ftm.c - libFuzzer target for the FtM JSON lines reader: each input
 * is a file of lines fed to iv_ingest_ftm_line inside a transaction that is
 * rolled back.  Any crash, leak or sanitizer report is a bug.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iv_store *st = fuzz_store();
	struct iv_ingest_opts opts;
	struct iv_ingest *in = NULL;
	const char *p = (const char *)data, *end = p + size;
	uint64_t lineno = 0;

	iv_ingest_opts_init(&opts);
	opts.max_record = 1 << 16;
	if (iv_store_begin(st, NULL))
		abort();
	if (iv_ingest_new(st, "fuzz.jsonl", &opts, &in, NULL))
		abort();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (iv_ingest_ftm_line(in, p, n, ++lineno, NULL))
			break;
		p += n + 1;
	}
	(void)!iv_ingest_finish(in, NULL);
	iv_ingest_free(in);
	iv_store_rollback(st);
	return 0;
}
