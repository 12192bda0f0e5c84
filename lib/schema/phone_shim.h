/*
 * phone_shim.h - the C face of libphonenumber (C++), kept to one call so
 * that no C++ type or exception crosses into the C library.
 */
#ifndef IV_PHONE_SHIM_H
#define IV_PHONE_SHIM_H

#include <stddef.h>

#ifdef __cplusplus
extern "C" {
#endif

/**
 * Parse raw (NUL-terminated UTF-8) as a phone number, reading national
 * forms ("07700 900123", "0044 ...") in the given region (upper-case ISO
 * alpha-2, or NULL for none: then only "+..." numbers parse), and write
 * its E.164 form ("+447700900123") into out.
 * Returns 1 when the number is valid, 0 when libphonenumber cannot parse
 * it or says it is not a valid number, -1 when out is too small or the
 * library failed (an exception, out of memory).
 */
int iv_phone_e164(const char *raw, const char *region, char *out, size_t outsz);

#ifdef __cplusplus
}
#endif

#endif
