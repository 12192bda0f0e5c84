/*
 * fuzz_resolve.c - libFuzzer target for what entity resolution reads back
 * from the store: a record's stored text (JSON) and a family's stored
 * model (JSON).  The input is cut at the first 0xFF byte (else in the
 * middle): the first part becomes the stored record of one person, the
 * second the stored Person model, and iv_resolve_explain reads and
 * scores both against a second person, who also carries the first part as
 * a passport and an identity number, the IBAN and account number of an
 * account he pays from and the plate of a car he owns (read through the
 * identifier forms and readings),
 * and holds a status for a nationality and a Sorani address (what the
 * record's values are compared against in their folded forms).  What the
 * stored record says fed it ("fed_by") is read too (iv_resolve_feeders):
 * each feeder handed over must be a string, and damaged text falls back
 * to the references without an error.
 *
 * Damaged text must come back as an error (IV_ERR_DB for a damaged record
 * or model, IV_ERR_INVALID for a model out of range), never a crash; when
 * explain succeeds, the probability must be in [0,1] and agree with the
 * score.  Anything else traps.  Each input runs in a transaction that is
 * rolled back, so every input starts from the same store.
 */
#include <math.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "iv/resolve.h"
#include "iv/statement.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* One statement of an entity of a schema; false when the store refuses it (the fuzzed
 * value may be invalid text). */
static bool try_put_of(struct iv_store *st, const char *schema, const char *entity,
                       const char *prop, const char *value)
{
	struct iv_statement s;
	unsigned char digest[IV_HASH_BYTES];

	memset(&s, 0, sizeof(s));
	s.entity = entity;
	s.schema = schema;
	s.property = prop;
	s.value = value;
	s.original = value;
	s.dataset = "fuzz";
	s.source_record = "fuzz:1";
	iv_handling_default(&s.handling);
	iv_statement_id(&s, digest);
	return iv_store_put(st, &s, NULL) == IV_OK;
}

static bool try_put(struct iv_store *st, const char *entity, const char *prop, const char *value)
{
	return try_put_of(st, "Person", entity, prop, value);
}

/* One statement of the fixed store: it must be taken. */
static void put(struct iv_store *st, const char *entity, const char *prop, const char *value)
{
	if (!try_put(st, entity, prop, value))
		abort();
}

static struct iv_store *store(void)
{
	static struct iv_store *st;

	if (st)
		return st;
	if (iv_store_open(":memory:", IV_STORE_CREATE, &st, NULL) || iv_store_begin(st, NULL))
		abort();
	put(st, "p-a", "name", "Mohammed Al-Hassan");
	put(st, "p-a", "birthDate", "1990-05-01");
	put(st, "p-b", "name", "محمد الحسن");
	put(st, "p-b", "birthDate", "1990-05-01");
	/* a status, a town in Sorani: the fuzzed record's values meet them in their compared
	 * forms (a nationality without statuses, an address folded to ASCII) */
	put(st, "p-b", "nationality", "xxb");
	put(st, "p-b", "nationality", "sd");
	put(st, "p-b", "address", "ڕانیە");
	/* p-b pays from acc-b and drives v-b: their IBAN and plate (the fuzzed text) reach
	 * p-b's selectors through the identifier readings (check digits, O and I) */
	if (!try_put_of(st, "Payment", "pay-b", "payer", "p-b") ||
	    !try_put_of(st, "Payment", "pay-b", "payerAccount", "acc-b") ||
	    !try_put_of(st, "Vehicle", "v-b", "owner", "p-b"))
		abort();
	if (iv_store_commit(st, NULL))
		abort();
	return st;
}

static enum iv_err on_feeder(void *ctx, const char *entity)
{
	size_t *n = ctx;

	if (!entity)
		__builtin_trap();
	(*n) += strlen(entity) + 1;
	return IV_OK;
}

static char *text(const uint8_t *p, size_t n)
{
	char *s = malloc(n + 1);

	if (!s)
		abort();
	memcpy(s, p, n);
	s[n] = '\0';
	return s;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct iv_store *st = store();
	struct iv_resolve_explanation *x = malloc(sizeof(*x));
	const uint8_t *cut = memchr(data, 0xFF, size);
	size_t half = cut ? (size_t)(cut - data) : size / 2;
	size_t rest = cut ? size - half - 1 : size - half;
	char *record = text(data, half), *model = text(data + size - rest, rest);
	enum iv_err rc;

	if (!x || iv_store_begin(st, NULL))
		abort();
	if (iv_store_res_put_record(st, "p-a", "Person", record, NULL) ||
	    iv_store_res_set_model(st, "Person", model, NULL))
		abort();
	/* the record's text as the second person's identifiers as well: explain reads
	 * them through the identifier forms (a document number, a plate) */
	if (strlen(record) <= 512) {
		(void)try_put(st, "p-b", "passportNumber", record);
		(void)try_put(st, "p-b", "idNumber", record);
		(void)try_put_of(st, "BankAccount", "acc-b", "iban", record);
		(void)try_put_of(st, "BankAccount", "acc-b", "accountNumber", record);
		(void)try_put_of(st, "Vehicle", "v-b", "registrationNumber", record);
	}
	rc = iv_resolve_explain(st, "p-a", "p-b", NULL, x, NULL);
	if (rc == IV_OK) {
		if (!(x->probability >= 0 && x->probability <= 1))
			__builtin_trap();
		if (fabs(x->probability - 1 / (1 + exp2(-x->score))) > 1e-9 && isfinite(x->score))
			__builtin_trap();
	} else if (rc != IV_ERR_DB && rc != IV_ERR_INVALID && rc != IV_ERR_NOMEM) {
		__builtin_trap();
	}
	{
		size_t seen = 0;

		rc = iv_resolve_feeders(st, "p-a", on_feeder, &seen, NULL);
		if (rc != IV_OK && rc != IV_ERR_NOMEM)
			__builtin_trap();
	}
	iv_store_rollback(st);
	free(record);
	free(model);
	free(x);
	return 0;
}
