/*
 * roles.c - the six roles and what each may do (access.h).
 *
 * A role is a fixed bundle of permissions, not a list an administrator
 * edits: what an analyst may do is the same in every deployment, and a
 * review of who can export reads the table below.
 */
#include <string.h>
#include <strings.h>

#include "access/access_int.h"

#include "iv/util.h"

static const struct {
	const char *name;
	unsigned perms;
} roles[] = {
        [IV_ROLE_ANALYST] = {"analyst",
                             IV_PERM_READ | IV_PERM_INGEST | IV_PERM_JUDGE | IV_PERM_EXPORT},
        [IV_ROLE_INVESTIGATOR] = {"investigator",
                                  IV_PERM_READ | IV_PERM_INGEST | IV_PERM_JUDGE | IV_PERM_EXPORT},
        [IV_ROLE_PROSECUTOR] = {"prosecutor", IV_PERM_READ | IV_PERM_EXPORT},
        [IV_ROLE_PARTNER_LIAISON] = {"partner_liaison", IV_PERM_READ},
        [IV_ROLE_AUDITOR] = {"auditor", IV_PERM_AUDIT},
        [IV_ROLE_ADMIN] = {"admin", IV_PERM_ADMIN | IV_PERM_READ},
};

#define NROLES (sizeof(roles) / sizeof(roles[0]))

const char *iv_role_name(enum iv_role r)
{
	return (unsigned)r < NROLES ? roles[r].name : "unknown";
}

bool iv_role_parse(const char *s, enum iv_role *out)
{
	if (!s)
		return false;
	for (size_t i = 0; i < NROLES; i++) {
		if (strcmp(s, roles[i].name) == 0) {
			*out = (enum iv_role)i;
			return true;
		}
	}
	if (strcmp(s, "partner-liaison") == 0) {
		*out = IV_ROLE_PARTNER_LIAISON;
		return true;
	}
	return false;
}

unsigned iv_role_permissions(enum iv_role r)
{
	return (unsigned)r < NROLES ? roles[r].perms : 0;
}

bool iv_access_allowed(const struct iv_viewer *v, unsigned perms)
{
	if (!v)
		return false;
	if (v->local)
		return true;
	return (iv_role_permissions(v->role) & perms) == perms;
}
