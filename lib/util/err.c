/*
 * err.c - names of enum iv_err codes and which of them are the caller's fault.
 *
 * The names are stable: the CLI prints them and the HTTP API returns them,
 * so a name never changes once released.
 */
#include "iv/util.h"

const char *iv_err_name(enum iv_err rc)
{
	switch (rc) {
	case IV_OK:
		return "ok";
	case IV_ERR_NOMEM:
		return "nomem";
	case IV_ERR_INVALID:
		return "invalid";
	case IV_ERR_NOTFOUND:
		return "notfound";
	case IV_ERR_EXISTS:
		return "exists";
	case IV_ERR_TOOBIG:
		return "toobig";
	case IV_ERR_IO:
		return "io";
	case IV_ERR_DB:
		return "db";
	case IV_ERR_DENIED:
		return "denied";
	case IV_ERR_INTERNAL:
		return "internal";
	case IV_ERR_TIMEOUT:
		return "timeout";
	case IV_ERR_BUSY:
		return "busy";
	}
	return "unknown";
}

int iv_err_is_user(enum iv_err rc)
{
	switch (rc) {
	case IV_ERR_INVALID:
	case IV_ERR_NOTFOUND:
	case IV_ERR_EXISTS:
	case IV_ERR_TOOBIG:
	case IV_ERR_DENIED:
	case IV_ERR_TIMEOUT: /* a narrower question (window, kinds, k) answers in time */
		return 1;
	default:
		return 0;
	}
}
