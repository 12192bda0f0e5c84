/*
 * err.c - names of enum iv_err codes, what they mean in words, and which of
 * them are the caller's fault.
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

const char *iv_err_text(enum iv_err rc)
{
	switch (rc) {
	case IV_OK:
		return "done";
	case IV_ERR_NOMEM:
		return "out of memory";
	case IV_ERR_INVALID:
		return "the input is not valid";
	case IV_ERR_NOTFOUND:
		return "not found";
	case IV_ERR_EXISTS:
		return "it exists already";
	case IV_ERR_TOOBIG:
		return "the input is larger than its limit";
	case IV_ERR_IO:
		return "a read or write failed";
	case IV_ERR_DB:
		return "the store's database failed";
	case IV_ERR_DENIED:
		return "not allowed";
	case IV_ERR_INTERNAL:
		return "an internal error (a bug: please report it)";
	case IV_ERR_TIMEOUT:
		return "the work ran past its time limit";
	case IV_ERR_BUSY:
		return "another process is writing the store: try again when it is done";
	}
	return "an unknown error";
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
