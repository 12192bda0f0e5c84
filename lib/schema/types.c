/*
 * types.c - the property types: their names and iv_type_normalize, which
 * trims the raw value and hands it to the type's normaliser.
 *
 * The rule every type keeps (schema.h): a value that fails validation
 * comes back verbatim (only trimmed) with *valid = false, so nothing a
 * source said is ever lost or silently rewritten; a valid value comes
 * back in a canonical form that normalises to itself.
 */
#include <string.h>

#include "iv/util.h"
#include "schema/schema_int.h"

struct type_info {
	const char *name; /* FtM type name where FtM has the type */
	iv_norm_fn normalize;
};

static const struct type_info types[IV_TYPE__COUNT] = {
        [IV_TYPE_STRING] = {"string", iv_norm_string},
        [IV_TYPE_TEXT] = {"text", iv_norm_text},
        [IV_TYPE_NAME] = {"name", iv_norm_name},
        [IV_TYPE_DATE] = {"date", iv_norm_date},
        [IV_TYPE_COUNTRY] = {"country", iv_norm_country},
        [IV_TYPE_PHONE] = {"phone", iv_norm_phone},
        [IV_TYPE_EMAIL] = {"email", iv_norm_email},
        [IV_TYPE_IBAN] = {"iban", iv_norm_iban},
        [IV_TYPE_IDENTIFIER] = {"identifier", iv_norm_identifier},
        [IV_TYPE_ADDRESS] = {"address", iv_norm_address},
        [IV_TYPE_URL] = {"url", iv_norm_url},
        [IV_TYPE_AMOUNT] = {"amount", iv_norm_amount},
        [IV_TYPE_CURRENCY] = {"currency", iv_norm_currency},
        [IV_TYPE_NUMBER] = {"number", iv_norm_number},
        [IV_TYPE_ENTITY] = {"entity", iv_norm_entity},
};

const char *iv_type_name(enum iv_type t)
{
	if ((unsigned)t >= IV_TYPE__COUNT)
		return NULL;
	return types[t].name;
}

bool iv_type_from_name(const char *name, enum iv_type *out)
{
	if (!name)
		return false;
	for (unsigned t = 0; t < IV_TYPE__COUNT; t++) {
		if (strcmp(types[t].name, name) == 0) {
			*out = (enum iv_type)t;
			return true;
		}
	}
	return false;
}

enum iv_err iv_type_normalize(enum iv_type t, const char *raw, const struct iv_norm_ctx *ctx,
                              struct iv_buf *out, bool *valid)
{
	static const struct iv_norm_ctx no_ctx = {NULL, false, IV_CAL_UNSET};
	struct iv_buf in = IV_BUF_INIT;
	const char *s = raw ? raw : "";
	size_t n = strlen(s);
	bool utf8 = iv_utf8_valid(s, n, NULL);
	enum iv_err rc = IV_OK;

	*valid = false;
	iv_buf_reset(out);
	if (utf8)
		iv_text_trim(&s, &n);
	else
		iv_text_trim_ascii(&s, &n);
	if (n == 0)
		return IV_OK;
	if (!utf8 || (unsigned)t >= IV_TYPE__COUNT)
		goto verbatim;

	/* the normalisers want a NUL-terminated copy of the trimmed value */
	iv_buf_init(&in, out->cap_limit);
	rc = iv_buf_add(&in, s, n);
	if (rc)
		goto out;
	rc = types[t].normalize(in.buf, in.len, ctx ? ctx : &no_ctx, out, valid);
	if (rc)
		goto out;
	if (*valid)
		goto out;
verbatim:
	*valid = false;
	iv_buf_reset(out);
	rc = iv_buf_add(out, s, n);
out:
	iv_buf_release(&in);
	if (rc) {
		*valid = false;
		iv_buf_reset(out);
	}
	return rc;
}
