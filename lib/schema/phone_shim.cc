/*
 * phone_shim.cc - iv_phone_e164, the only place invigor calls
 * libphonenumber: PhoneNumberUtil::Parse, IsValidNumber, Format(E164).
 *
 * libphonenumber reports errors by return code and does not throw, but
 * std::string can (bad_alloc), so every exception is caught here and
 * turned into -1: nothing may unwind through the C callers.  Memory used
 * inside the C++ library does not go through iv_malloc; the allocation
 * hook cannot reach it.
 */
#include <cstring>
#include <string>

#include <phonenumbers/phonenumber.pb.h>
#include <phonenumbers/phonenumberutil.h>

#include "schema/phone_shim.h"

using i18n::phonenumbers::PhoneNumber;
using i18n::phonenumbers::PhoneNumberUtil;

extern "C" int iv_phone_e164(const char *raw, const char *region, char *out, size_t outsz)
{
	try {
		const PhoneNumberUtil *util = PhoneNumberUtil::GetInstance();
		PhoneNumber number;
		std::string formatted;

		if (!raw || !out || outsz == 0)
			return -1;
		out[0] = '\0';
		if (util->Parse(std::string(raw), std::string(region ? region : "ZZ"), &number) !=
		    PhoneNumberUtil::NO_PARSING_ERROR)
			return 0;
		if (!util->IsValidNumber(number))
			return 0;
		util->Format(number, PhoneNumberUtil::E164, &formatted);
		if (formatted.size() + 1 > outsz)
			return -1;
		std::memcpy(out, formatted.data(), formatted.size());
		out[formatted.size()] = '\0';
		return 1;
	} catch (...) {
		return -1;
	}
}
