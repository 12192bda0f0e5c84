/*
 * fuzz_ftm.c - libFuzzer target for the FtM JSON lines reader: each input
 * is a file of lines fed to iv_ingest_ftm_line inside a transaction that is
 * rolled back.  Any crash, leak or sanitizer report is a bug, and so is an
 * error that does not say where and what (check_error).
 */
#include <stdio.h>
#include <string.h>

#include "fuzz_common.h"

/*
 * A line's error is placed at it, "fuzz.jsonl:LINE:COL: what", with COL
 * within the line (or just past its end) and words after the position.
 */
static void check_error(const struct iv_buf *err, uint64_t lineno, size_t len)
{
	char prefix[64];
	int n = snprintf(prefix, sizeof(prefix), "fuzz.jsonl:%llu:", (unsigned long long)lineno);
	unsigned long long col;
	char *end;

	if (n < 0 || strncmp(err->buf, prefix, (size_t)n))
		abort();
	col = strtoull(err->buf + n, &end, 10);
	if (end == err->buf + n || col < 1 || col > len + 1 || strncmp(end, ": ", 2) ||
	    end[2] == '\0' || end[2] == ' ')
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iv_store *st = fuzz_store();
	struct iv_ingest_opts opts;
	struct iv_ingest *in = NULL;
	const char *p = (const char *)data, *end = p + size;
	uint64_t lineno = 0;
	struct iv_buf err = IV_BUF_INIT;

	iv_ingest_opts_init(&opts);
	opts.max_record = 1 << 16;
	if (iv_store_begin(st, NULL))
		abort();
	if (iv_ingest_new(st, "fuzz.jsonl", &opts, &in, NULL))
		abort();
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		size_t n = nl ? (size_t)(nl - p) : (size_t)(end - p);
		if (iv_ingest_ftm_line(in, p, n, ++lineno, &err)) {
			check_error(&err, lineno, n);
			break;
		}
		p += n + 1;
	}
	(void)!iv_ingest_finish(in, NULL);
	iv_ingest_free(in);
	iv_store_rollback(st);
	iv_buf_release(&err);
	return 0;
}
