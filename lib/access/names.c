/*
 * names.c - the rules for the names access control stores (access.h):
 * user names, organisation and originator names, compartments and
 * country codes.
 *
 * The rules keep names printable and unambiguous where they are used:
 * a releasability list is comma-separated, so neither an organisation
 * nor a compartment may hold a comma; user names go into session and
 * audit records and URLs, so they are a small ASCII set.
 */
#include <string.h>

#include <unicode/uchar.h>
#include <unicode/utf8.h>

#include "access/access_int.h"
#include "iv/schema.h"

#include "iv/util.h"

#define USER_NAME_MAX   64
#define ORG_NAME_MAX    100
#define COMPARTMENT_MAX 100

bool access_user_name_ok(const char *s)
{
	size_t n = 0;

	if (!s)
		return false;
	for (; s[n]; n++) {
		char c = s[n];

		if (n >= USER_NAME_MAX)
			return false;
		if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
		      c == '.' || c == '_' || c == '-'))
			return false;
	}
	return n > 0;
}

bool access_org_name_ok(const char *s)
{
	int32_t i = 0, n;

	if (!s)
		return false;
	n = (int32_t)strlen(s);
	if (n < 1 || n > ORG_NAME_MAX || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	if (!iv_utf8_valid(s, (size_t)n, NULL))
		return false;
	while (i < n) {
		UChar32 c;

		U8_NEXT((const uint8_t *)s, i, n, c);
		if (c < 0)
			return false;
		if (c < 0x80) {
			if (!((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
			      (c >= '0' && c <= '9') || strchr(" ._-()&'", (int)c)))
				return false;
		} else if (!(U_GET_GC_MASK(c) & (U_GC_L_MASK | U_GC_M_MASK))) {
			/* beyond ASCII: letters and the marks that combine with them */
			return false;
		}
	}
	return true;
}

bool access_compartment_ok(const char *s)
{
	size_t n;

	if (!s)
		return false;
	n = strlen(s);
	if (n < 1 || n > COMPARTMENT_MAX || s[0] == ' ' || s[n - 1] == ' ')
		return false;
	if (!iv_utf8_valid(s, n, NULL))
		return false;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c < 0x20 || c == 0x7f || c == ',')
			return false;
	}
	return true;
}

const char *access_org_kind_name(enum iv_org_kind k)
{
	return k == IV_ORG_PARTNER ? "partner" : "uk";
}

bool access_org_kind_parse(const char *s, enum iv_org_kind *out)
{
	if (s && strcmp(s, "uk") == 0) {
		*out = IV_ORG_UK;
		return true;
	}
	if (s && strcmp(s, "partner") == 0) {
		*out = IV_ORG_PARTNER;
		return true;
	}
	return false;
}

bool access_country_parse(const char *s, char out[3])
{
	if (!s || strlen(s) != 2)
		return false;
	for (int i = 0; i < 2; i++) {
		char c = s[i];

		if (c >= 'a' && c <= 'z')
			c = (char)(c - 'a' + 'A');
		if (c < 'A' || c > 'Z')
			return false;
		out[i] = c;
	}
	out[2] = '\0';
	return iv_country_name(out) != NULL;
}
