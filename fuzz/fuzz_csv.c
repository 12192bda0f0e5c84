/*
 * fuzz_csv.c - libFuzzer target for CSV with a mapping.  An input holding
 * a line "%%" is split there: the mapping YAML before it, the CSV after;
 * otherwise a fixed mapping is used and the whole input is CSV.
 */
#include <string.h>

#include "fuzz_common.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static const char default_mapping[] = "entities:\n"
                                      "  person:\n"
                                      "    schema: Person\n"
                                      "    keys: [id]\n"
                                      "    properties:\n"
                                      "      name: {column: name}\n"
                                      "      birthDate: {column: dob}\n"
                                      "      phone: {column: phone, split: ';'}\n"
                                      "  passport:\n"
                                      "    schema: Passport\n"
                                      "    keys: [doc]\n"
                                      "    properties:\n"
                                      "      holder: {entity: person}\n"
                                      "      number: {column: doc}\n";

/* The first "\n%%\n" in the input, or NULL (memmem is a GNU extension). */
static const char *find_separator(const char *text, size_t size)
{
	for (size_t i = 0; i + 4 <= size; i++)
		if (!memcmp(text + i, "\n%%\n", 4))
			return text + i;
	return NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iv_store *st = fuzz_store();
	struct iv_ingest_opts opts;
	struct iv_ingest *in = NULL;
	struct iv_mapping *m = NULL;
	const char *text = (const char *)data, *csv = text;
	size_t csv_len = size;
	const char *sep = find_separator(text, size);

	if (sep) {
		if (iv_mapping_parse("fuzz.yml", text, (size_t)(sep - text), &m, NULL))
			return 0;
		csv = sep + 4;
		csv_len = size - (size_t)(csv - text);
	} else if (iv_mapping_parse("fuzz.yml", default_mapping, strlen(default_mapping), &m,
	                            NULL)) {
		abort();
	}
	iv_ingest_opts_init(&opts);
	opts.max_record = 1 << 16;
	if (iv_store_begin(st, NULL) || iv_ingest_new(st, "fuzz.csv", &opts, &in, NULL))
		abort();
	(void)!iv_ingest_csv_buffer(in, m, csv, csv_len, NULL);
	iv_ingest_free(in);
	iv_store_rollback(st);
	iv_mapping_free(m);
	return 0;
}
