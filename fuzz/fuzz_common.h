/*
 * fuzz_common.h - shared set-up for the ingest fuzz targets: one in-memory
 * store per process, a transaction per input, rolled back afterwards so
 * that every input starts from the same empty store.
 */
#ifndef IV_FUZZ_COMMON_H
#define IV_FUZZ_COMMON_H

#include <stdlib.h>

#include "iv/ingest.h"

static struct iv_store *fuzz_store(void)
{
	static struct iv_store *st;

	if (!st && iv_store_open(":memory:", IV_STORE_CREATE, &st, NULL))
		abort();
	return st;
}

#endif
