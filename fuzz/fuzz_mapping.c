/*
 * fuzz_mapping.c - libFuzzer target for the mapping YAML loader alone.
 */
#include "iv/ingest.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iv_mapping *m = NULL;

	if (!iv_mapping_parse("fuzz.yml", (const char *)data, size, &m, NULL))
		iv_mapping_free(m);
	return 0;
}
