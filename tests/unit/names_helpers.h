/*
 * names_helpers.h - one name comparator (struct iv_names) for a whole
 * test file, made by the group setup and freed by its teardown
 * (test_names.c, test_resolve_match.c).  Included after cmocka.h.
 */
#ifndef IV_TEST_NAMES_HELPERS_H
#define IV_TEST_NAMES_HELPERS_H

#include "iv/names.h"

static struct iv_names *names;

static int setup(void **state)
{
	(void)state;
	return iv_names_new(&names, NULL) == IV_OK ? 0 : -1;
}

static int teardown(void **state)
{
	(void)state;
	iv_names_free(names);
	return 0;
}

#endif
