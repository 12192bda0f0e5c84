/*
 * currency.c - ISO 4217 currency codes, and the signs and words that
 * stand for a currency in prices ("€3,000", "£10k", "500 euros").
 *
 * The code list is the active ISO 4217 list (national currencies, funds
 * codes, precious metals, SDR and the like) plus a few codes withdrawn so
 * recently that records still carry them (HRK, SLL, ZWL, CUC, ANG).  XTS
 * (testing) and XXX (no currency) are left out: an amount in them says
 * nothing.  Signs that several currencies share map to the one a UK
 * investigation most likely means ("$" is USD, "¥" JPY); docs/schema.md
 * lists them.
 */
#include <stdlib.h>
#include <string.h>

#include "iv/util.h"
#include "schema/schema_int.h"

/* Sorted for bsearch (strcmp order). */
static const char *const codes[] = {
        "AED", "AFN", "ALL", "AMD", "ANG", "AOA", "ARS", "AUD", "AWG", "AZN", "BAM", "BBD", "BDT",
        "BGN", "BHD", "BIF", "BMD", "BND", "BOB", "BOV", "BRL", "BSD", "BTN", "BWP", "BYN", "BZD",
        "CAD", "CDF", "CHE", "CHF", "CHW", "CLF", "CLP", "CNY", "COP", "COU", "CRC", "CUC", "CUP",
        "CVE", "CZK", "DJF", "DKK", "DOP", "DZD", "EGP", "ERN", "ETB", "EUR", "FJD", "FKP", "GBP",
        "GEL", "GHS", "GIP", "GMD", "GNF", "GTQ", "GYD", "HKD", "HNL", "HRK", "HTG", "HUF", "IDR",
        "ILS", "INR", "IQD", "IRR", "ISK", "JMD", "JOD", "JPY", "KES", "KGS", "KHR", "KMF", "KPW",
        "KRW", "KWD", "KYD", "KZT", "LAK", "LBP", "LKR", "LRD", "LSL", "LYD", "MAD", "MDL", "MGA",
        "MKD", "MMK", "MNT", "MOP", "MRU", "MUR", "MVR", "MWK", "MXN", "MXV", "MYR", "MZN", "NAD",
        "NGN", "NIO", "NOK", "NPR", "NZD", "OMR", "PAB", "PEN", "PGK", "PHP", "PKR", "PLN", "PYG",
        "QAR", "RON", "RSD", "RUB", "RWF", "SAR", "SBD", "SCR", "SDG", "SEK", "SGD", "SHP", "SLE",
        "SLL", "SOS", "SRD", "SSP", "STN", "SVC", "SYP", "SZL", "THB", "TJS", "TMT", "TND", "TOP",
        "TRY", "TTD", "TWD", "TZS", "UAH", "UGX", "USD", "USN", "UYI", "UYU", "UYW", "UZS", "VED",
        "VES", "VND", "VUV", "WST", "XAF", "XAG", "XAU", "XBA", "XBB", "XBC", "XBD", "XCD", "XCG",
        "XDR", "XOF", "XPD", "XPF", "XPT", "XSU", "XUA", "YER", "ZAR", "ZMW", "ZWG", "ZWL",
};

#define N_CODES (sizeof(codes) / sizeof(codes[0]))

struct currency_sign {
	const char *sign;
	const char *code;
	bool word; /* a word: matched without case and must end at a non-letter */
};

/* Longer signs before their prefixes ("US$" before "$"). */
static const struct currency_sign signs[] = {
        {"US$", "USD", false},   {"$", "USD", false},       {"€", "EUR", false},
        {"£", "GBP", false},     {"¥", "JPY", false},       {"₺", "TRY", false},
        {"₹", "INR", false},     {"₽", "RUB", false},     {"₴", "UAH", false},
        {"₦", "NGN", false},     {"₪", "ILS", false},       {"₩", "KRW", false},
        {"₫", "VND", false},     {"₱", "PHP", false},       {"zł", "PLN", false},
        {"euros", "EUR", true},  {"euro", "EUR", true},     {"pounds", "GBP", true},
        {"pound", "GBP", true},  {"sterling", "GBP", true}, {"dollars", "USD", true},
        {"dollar", "USD", true}, {"TL", "TRY", true},
};

static int code_cmp(const void *key, const void *elem)
{
	return strcmp(key, *(const char *const *)elem);
}

bool iv_currency_valid(const char *code)
{
	if (!code || strlen(code) != 3)
		return false;
	return bsearch(code, codes, N_CODES, sizeof(codes[0]), code_cmp) != NULL;
}

size_t iv_currency_count(void)
{
	return N_CODES;
}

static bool is_letter(unsigned char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static bool prefix_nocase(const char *s, size_t n, const char *word, size_t wn)
{
	if (n < wn)
		return false;
	for (size_t i = 0; i < wn; i++) {
		char a = s[i], b = word[i];

		if (a >= 'A' && a <= 'Z')
			a = (char)(a - 'A' + 'a');
		if (b >= 'A' && b <= 'Z')
			b = (char)(b - 'A' + 'a');
		if (a != b)
			return false;
	}
	return true;
}

const char *iv_currency_symbol(const char *s, size_t n, size_t *len)
{
	for (size_t i = 0; i < sizeof(signs) / sizeof(signs[0]); i++) {
		const struct currency_sign *c = &signs[i];
		size_t sn = strlen(c->sign);

		if (c->word) {
			if (!prefix_nocase(s, n, c->sign, sn) || (sn < n && is_letter(s[sn])))
				continue;
		} else if (n < sn || memcmp(s, c->sign, sn) != 0) {
			continue;
		}
		*len = sn;
		return c->code;
	}
	return NULL;
}

enum iv_err iv_norm_currency(const char *s, size_t n, const struct iv_norm_ctx *ctx,
                             struct iv_buf *out, bool *valid)
{
	char code[4];
	const char *sign;
	size_t len = 0;

	*valid = false;
	if (n == 3 && is_letter(s[0]) && is_letter(s[1]) && is_letter(s[2])) {
		for (size_t i = 0; i < 3; i++)
			code[i] = (char)(s[i] >= 'a' && s[i] <= 'z' ? s[i] - 'a' + 'A' : s[i]);
		code[3] = '\0';
		*valid = iv_currency_valid(code);
		return *valid ? iv_buf_adds(out, code) : IV_OK;
	}
	sign = iv_currency_symbol(s, n, &len);
	if (!sign || len != n)
		return IV_OK;
	*valid = true;
	return iv_buf_adds(out, sign);
}
