/*
 * err.h - the one error type of libinvigor.
 *
 * Every fallible library function returns enum iv_err; IV_OK is zero so that
 * `if (rc)` reads as "if it failed".  Human-readable detail travels in an
 * optional `struct iv_buf *err` argument that is left untouched on success.
 * The library never prints and never exits: only cli/ and server/ report.
 */
#ifndef IV_ERR_H
#define IV_ERR_H

#define IV_MUST_USE __attribute__((warn_unused_result))

enum iv_err {
	IV_OK = 0,
	IV_ERR_NOMEM,    /* an allocation failed */
	IV_ERR_INVALID,  /* the caller's input is malformed (user error) */
	IV_ERR_NOTFOUND, /* a named thing does not exist */
	IV_ERR_EXISTS,   /* a thing that must be new already exists */
	IV_ERR_TOOBIG,   /* input exceeds a size cap */
	IV_ERR_IO,       /* the operating system refused a read or write */
	IV_ERR_DB,       /* the storage engine failed */
	IV_ERR_DENIED,   /* the caller may not do or see this */
	IV_ERR_INTERNAL, /* a bug or an impossible state */
	IV_ERR_TIMEOUT,  /* the work ran past the time limit it was given */
	IV_ERR_BUSY,     /* another process is writing the store: try again when it is done */
};

/** Short stable name of an error code ("nomem", "invalid", ...). Never NULL. */
const char *iv_err_name(enum iv_err rc);

/**
 * What the code means, as words for a person ("out of memory"); never NULL.
 * Said when a failure left no message (a message could not be built once
 * memory ran out); not stable, unlike iv_err_name.
 */
const char *iv_err_text(enum iv_err rc);

/** True when the error is the caller's fault (exit code 1), false for 2. */
int iv_err_is_user(enum iv_err rc);

#endif
