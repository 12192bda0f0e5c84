/*
 * viewer_helpers.h - the two viewers the access-filter tests look through
 * (test_view.c, test_browse.c): a partner liaison officer in Spain cleared
 * to OFFICIAL with no compartments, and a UK analyst cleared to SECRET.
 * Included after cmocka.h and iv/access.h.
 */
#ifndef IV_TEST_VIEWER_HELPERS_H
#define IV_TEST_VIEWER_HELPERS_H

#include <string.h>

#include "iv/access.h"

static char test_pablo[] = "pablo", test_policia[] = "Policia Nacional", test_alice[] = "alice",
            test_nca[] = "NCA";

/* A partner viewer (Spain), OFFICIAL, no compartments. */
static inline void partner(struct iv_viewer *v)
{
	memset(v, 0, sizeof(*v));
	v->user = test_pablo;
	v->org = test_policia;
	v->org_kind = IV_ORG_PARTNER;
	memcpy(v->country, "ES", 3);
	v->role = IV_ROLE_PARTNER_LIAISON;
	v->clearance = IV_CLASS_OFFICIAL;
}

/* A UK analyst cleared to SECRET. */
static inline void analyst(struct iv_viewer *v)
{
	memset(v, 0, sizeof(*v));
	v->user = test_alice;
	v->org = test_nca;
	v->org_kind = IV_ORG_UK;
	memcpy(v->country, "GB", 3);
	v->role = IV_ROLE_ANALYST;
	v->clearance = IV_CLASS_SECRET;
}

#endif
