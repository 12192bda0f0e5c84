/*
 * access.h - who may see what: organisations, users, roles, clearances,
 * compartments, originators' consents, sessions, the one visibility
 * filter every read passes through, and the tamper-evident audit trail.
 *
 * The filter (iv_access_visible) is a pure function of a viewer and a
 * statement's handling envelope (DOMAIN.md section 1):
 *  - the viewer's clearance covers the classification;
 *  - the compartment is "" or granted to the viewer;
 *  - a UK organisation sees handling P and C; a partner organisation sees
 *    P, or C whose releasability list names its organisation or country;
 *    a descriptor carrying "UK EYES ONLY" never reaches a partner;
 *  - an originator-controlled statement (descriptor "ORCON", or Europol
 *    code H2: not to be disseminated without the provider's permission)
 *    reaches organisations other than its originator only when the
 *    originator's consent to that organisation is recorded.
 * Derived results (search, entity pages, networks, exports, counts) are
 * computed only from statements the filter passes.
 *
 * Users and sessions: passwords are hashed with argon2id (libsodium);
 * a session token is 32 random bytes (64 hex digits) of which only the
 * BLAKE2b hash is stored; tokens expire.  Failed logins are counted per
 * user and refused for a while after IV_ACCESS_MAX_FAILURES.
 *
 * The audit trail is a hash chain: each record stores the BLAKE2b-256
 * hash of the previous record's hash and its own fields, keyed with the
 * store's audit key, and the store's meta table keeps the head anchor
 * (last sequence number and hash, sealed with the key), so that
 * iv_audit_verify finds any altered, inserted or deleted record, a
 * truncated tail included.  The key is a file outside the database
 * (iv_store_audit_key_path: the file INVIGOR_AUDIT_KEY names, else
 * "<database>.audit-key"), read by this layer when it first needs it and
 * created, mode 0600, by the first append that finds none; every process
 * that opens the same database with the same INVIGOR_AUDIT_KEY finds the
 * same key, so callers do nothing.  Records appended before a store had
 * a key stay unkeyed and verify as before.
 *
 * All functions here take a store handle used by one thread at a time.
 * Functions that change something open and commit their own transaction
 * (unless the store is already in one) and leave nothing changed on error.
 */
#ifndef IV_ACCESS_H
#define IV_ACCESS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "iv/statement.h"
#include "iv/store.h"
#include "iv/util.h"

/* ---- roles and permissions ------------------------------------------------ */

enum iv_role {
	IV_ROLE_ANALYST = 0,
	IV_ROLE_INVESTIGATOR,
	IV_ROLE_PROSECUTOR,
	IV_ROLE_PARTNER_LIAISON,
	IV_ROLE_AUDITOR,
	IV_ROLE_ADMIN,
};

/** "analyst", "investigator", "prosecutor", "partner_liaison", "auditor", "admin". */
const char *iv_role_name(enum iv_role r);
/** Parse a role name (also "partner-liaison"); false when unknown. */
bool iv_role_parse(const char *s, enum iv_role *out);

/** What a role may do (bits). */
enum iv_permission {
	IV_PERM_READ = 1 << 0,   /* search, entity pages, networks, paths */
	IV_PERM_INGEST = 1 << 1, /* upload and ingest files */
	IV_PERM_JUDGE = 1 << 2,  /* resolution review queue, explanations, judgements */
	IV_PERM_EXPORT = 1 << 3, /* exports of data and networks */
	IV_PERM_ADMIN = 1 << 4,  /* users, organisations, grants, consents */
	IV_PERM_AUDIT = 1 << 5,  /* read and verify the audit trail */
};

/**
 * The permissions of a role:
 *   analyst, investigator: read, ingest, judge, export;
 *   prosecutor: read, export;  partner_liaison: read;
 *   auditor: audit;  admin: admin, read.
 */
unsigned iv_role_permissions(enum iv_role r);

struct iv_viewer;
/** Whether the viewer's role holds every permission in `perms` (the local operator: always). */
bool iv_access_allowed(const struct iv_viewer *v, unsigned perms);

/* ---- organisations and users ------------------------------------------------ */

enum iv_org_kind {
	IV_ORG_UK = 0,  /* a UK agency */
	IV_ORG_PARTNER, /* a partner agency abroad, with its country */
};

struct iv_org {
	const char *name; /* unique; letters, digits, space, . _ - ( ) & ', 1..100 bytes */
	enum iv_org_kind kind;
	const char *country; /* ISO 3166-1 alpha-2 upper case; "GB" for UK agencies */
};

struct iv_user {
	const char *name; /* unique; [A-Za-z0-9._-]{1,64} */
	const char *org;
	enum iv_role role;
	enum iv_classification clearance;
	bool disabled;
};

/** Add an organisation.  IV_ERR_EXISTS when the name is taken, IV_ERR_INVALID on a bad field. */
IV_MUST_USE enum iv_err iv_access_org_add(struct iv_store *st, const struct iv_org *org,
                                          struct iv_buf *err);
/** Every organisation, by name.  Strings borrowed for the callback. */
typedef enum iv_err (*iv_org_fn)(void *ctx, const struct iv_org *org);
IV_MUST_USE enum iv_err iv_access_org_each(struct iv_store *st, iv_org_fn fn, void *ctx,
                                           struct iv_buf *err);

#define IV_ACCESS_PASSWORD_MIN 8    /* bytes */
#define IV_ACCESS_PASSWORD_MAX 1024 /* bytes */

/**
 * Add a user of an existing organisation with this password (hashed here
 * with argon2id; IV_ACCESS_PASSWORD_MIN to IV_ACCESS_PASSWORD_MAX bytes).  A partner organisation's
 * users may only have the partner_liaison role; partner_liaison users must belong to a partner
 * organisation.  IV_ERR_NOTFOUND for an unknown org, IV_ERR_EXISTS for a taken name, IV_ERR_INVALID
 * otherwise.
 */
IV_MUST_USE enum iv_err iv_access_user_add(struct iv_store *st, const struct iv_user *user,
                                           const char *password, struct iv_buf *err);
/** Set a new password (argon2id); ends the user's sessions. */
IV_MUST_USE enum iv_err iv_access_user_password(struct iv_store *st, const char *user,
                                                const char *password, struct iv_buf *err);
/** Disable or enable a user; disabling ends the user's sessions. */
IV_MUST_USE enum iv_err iv_access_user_disable(struct iv_store *st, const char *user, bool disabled,
                                               struct iv_buf *err);
/**
 * Grant or revoke a compartment (operation name, 1..100 bytes, no commas;
 * compared exactly, case included).  IV_ERR_NOTFOUND for an unknown user
 * or when revoking a compartment not granted; IV_ERR_EXISTS when granting
 * one already granted.
 */
IV_MUST_USE enum iv_err iv_access_user_grant(struct iv_store *st, const char *user,
                                             const char *compartment, struct iv_buf *err);
IV_MUST_USE enum iv_err iv_access_user_revoke(struct iv_store *st, const char *user,
                                              const char *compartment, struct iv_buf *err);
/** Every user, by name (compartments not filled). */
typedef enum iv_err (*iv_user_fn)(void *ctx, const struct iv_user *user);
IV_MUST_USE enum iv_err iv_access_user_each(struct iv_store *st, iv_user_fn fn, void *ctx,
                                            struct iv_buf *err);

/** A user's compartments, in byte order (IV_ERR_NOTFOUND for an unknown user). */
typedef enum iv_err (*iv_access_name_fn)(void *ctx, const char *name);
IV_MUST_USE enum iv_err iv_access_grant_each(struct iv_store *st, const char *user,
                                             iv_access_name_fn fn, void *ctx, struct iv_buf *err);

/**
 * Record (or, with `granted` false, withdraw) an originator's consent that
 * its originator-controlled statements may go to organisation `org`.
 * `org` must exist; the originator is a name as statements carry it (it
 * need not be an organisation here).  IV_ERR_EXISTS when the consent is
 * already recorded, IV_ERR_NOTFOUND when withdrawing one that is not.
 */
IV_MUST_USE enum iv_err iv_access_consent(struct iv_store *st, const char *originator,
                                          const char *org, bool granted, struct iv_buf *err);
/** Every recorded consent to `org` (to any organisation when NULL), by org then originator. */
typedef enum iv_err (*iv_consent_fn)(void *ctx, const char *originator, const char *org,
                                     int64_t at);
IV_MUST_USE enum iv_err iv_access_consent_each(struct iv_store *st, const char *org,
                                               iv_consent_fn fn, void *ctx, struct iv_buf *err);

/* ---- the viewer and the filter ---------------------------------------------------- */

/**
 * Who is asking, with everything the filter needs.  Owned by the struct;
 * released with iv_viewer_release.  `local` is the operator at the
 * command line on the store's own machine: it sees everything.
 */
struct iv_viewer {
	char *user;
	char *org;
	enum iv_org_kind org_kind;
	char country[3];
	enum iv_role role;
	enum iv_classification clearance;
	char **compartments; /* granted, sorted */
	size_t ncompartments;
	char **consenting; /* originators that consented to this viewer's org, sorted */
	size_t nconsenting;
	bool local;
};

/** Load the viewer of a user (IV_ERR_NOTFOUND unknown, IV_ERR_DENIED disabled). */
IV_MUST_USE enum iv_err iv_viewer_load(struct iv_store *st, const char *user, struct iv_viewer *out,
                                       struct iv_buf *err);
/** The local operator: sees everything. */
void iv_viewer_local(struct iv_viewer *out);
void iv_viewer_release(struct iv_viewer *v);

/** Whether the viewer may see a statement with this envelope (rules in the file comment). */
bool iv_access_visible(const struct iv_viewer *v, const struct iv_handling *h);
/**
 * Whether a visible statement may also leave in an export to this viewer:
 * TLP:RED stays with its originator's organisation, and for partners
 * Europol H2/H3 and TLP:AMBER+STRICT need the originator's consent.
 */
bool iv_access_exportable(const struct iv_viewer *v, const struct iv_handling *h);

/* ---- sessions ------------------------------------------------------------- */

#define IV_ACCESS_TOKEN_HEX       65  /* 64 hex digits and NUL */
#define IV_ACCESS_MAX_FAILURES    5   /* failed logins before a lockout */
#define IV_ACCESS_LOCKOUT_SECONDS 900 /* how long failures are remembered */

/**
 * Check a password and open a session lasting ttl_seconds from `now`.
 * IV_ERR_DENIED for a wrong user or password or a disabled user (one
 * message for all, so that names cannot be probed); IV_ERR_TOOBIG when
 * the user has IV_ACCESS_MAX_FAILURES failures in the last
 * IV_ACCESS_LOCKOUT_SECONDS (also for the right password).
 */
IV_MUST_USE enum iv_err iv_access_login(struct iv_store *st, const char *user, const char *password,
                                        int64_t now, int64_t ttl_seconds,
                                        char token[IV_ACCESS_TOKEN_HEX], struct iv_buf *err);
/** The user of a live session into out; IV_ERR_DENIED when unknown or expired. */
IV_MUST_USE enum iv_err iv_access_session(struct iv_store *st, const char *token, int64_t now,
                                          struct iv_buf *user_out, int64_t *expires,
                                          struct iv_buf *err);
/** End a session (unknown tokens are not an error). */
IV_MUST_USE enum iv_err iv_access_logout(struct iv_store *st, const char *token,
                                         struct iv_buf *err);

/* ---- the audit trail -------------------------------------------------------- */

/** One audit record.  Strings may be "" but not NULL. */
struct iv_audit_record {
	int64_t seq; /* set by append: 1, 2, ... */
	int64_t at;  /* seconds since the epoch, UTC */
	const char *user;
	const char *remote;   /* client address, or "cli" */
	const char *action;   /* "GET /api/v1/entities/X", "cli user add", ... */
	const char *query;    /* what was asked: query string or request summary */
	const char *entities; /* JSON array of entity ids returned or changed, "[]" */
	int status;           /* HTTP status, or 0/1/2 exit code for the CLI */
	const char *outcome;  /* "ok", "denied", "error: ...", "invalid" */
	char hash[65];        /* hex BLAKE2b-256 of prev hash and fields; set by append */
};

/**
 * Append records in one transaction, chaining each onto the head.
 * seq and hash are filled in the records.  `entities` must be "" or a
 * JSON array of strings (stored re-written compactly, which the entity
 * query relies on); fields are at most 1 MiB.  On any error nothing of
 * the batch is appended and seq/hash are cleared.  IV_ERR_DB when the
 * trail was written behind the head anchor's back, or its anchor does not
 * match its seal or is not sealed though a key file exists (run
 * iv_audit_verify); IV_ERR_NOTFOUND / IV_ERR_INVALID when the key file
 * the sealed trail needs is missing / another key; IV_ERR_IO when the key
 * file cannot be read or created.  The first append outside a
 * transaction on a store without a key file creates the key and seals
 * the trail in a transaction of its own.
 */
IV_MUST_USE enum iv_err iv_audit_append(struct iv_store *st, struct iv_audit_record *recs, size_t n,
                                        struct iv_buf *err);

/**
 * Append one record stamped now (iv_now) with no entities: a change made
 * at the command line, a login.  Strings as in struct iv_audit_record.
 */
IV_MUST_USE enum iv_err iv_audit_note(struct iv_store *st, const char *user, const char *remote,
                                      const char *action, const char *query, int status,
                                      const char *outcome, struct iv_buf *err);

/** A change to make inside a transaction (iv_audit_cli_change). */
typedef enum iv_err (*iv_access_change_fn)(struct iv_store *st, void *ctx, struct iv_buf *err);
/**
 * A change made at the command line, audited: fn runs in a transaction
 * and a record (user, remote "cli", action, query; status 0, outcome
 * "ok") commits with it.  When fn fails nothing of it remains, and a
 * record of the attempt (status 1 for a user error, else 2; outcome
 * "invalid: MESSAGE" or "error: MESSAGE") is appended on its own when
 * the store allows.  Returns fn's result, or the commit's.
 */
IV_MUST_USE enum iv_err iv_audit_cli_change(struct iv_store *st, const char *user,
                                            const char *action, const char *query,
                                            iv_access_change_fn fn, void *ctx, struct iv_buf *err);

struct iv_audit_verify {
	uint64_t records;   /* records checked */
	int64_t first_bad;  /* seq of the first record that does not verify, 0 when all do */
	char problem[300];  /* what is wrong there: "altered", "missing record 12", ... */
	char head[65];      /* hash of the last record */
	bool keyed;         /* the anchor is sealed with the audit key */
	int64_t keyed_from; /* the first record keyed (earlier ones predate the key); 0 unkeyed */
	char key_id[17];    /* the key's id (not the key), "" when unkeyed */
};
/**
 * Walk the whole chain and the head anchor.  IV_OK even when it finds
 * tampering (first_bad, problem); an error when the trail is sealed with
 * a key and the key file is missing (IV_ERR_NOTFOUND), holds another key
 * (IV_ERR_INVALID) or cannot be read (IV_ERR_IO, IV_ERR_INVALID): then
 * nothing is verified.  A key file beside a trail whose anchor is not
 * sealed is tampering (the sealed end was cut off).
 */
IV_MUST_USE enum iv_err iv_audit_verify(struct iv_store *st, struct iv_audit_verify *out,
                                        struct iv_buf *err);

struct iv_audit_query {
	const char *user;   /* NULL = any */
	const char *entity; /* NULL = any: records whose entities list holds this id */
	int64_t from, to;   /* 0 = unbounded */
	int64_t after_seq;  /* cursor: records with seq > after_seq */
	unsigned limit;     /* 0 = no limit */
};
typedef enum iv_err (*iv_audit_fn)(void *ctx, const struct iv_audit_record *rec);
/** Matching records in seq order. */
IV_MUST_USE enum iv_err iv_audit_each(struct iv_store *st, const struct iv_audit_query *q,
                                      iv_audit_fn fn, void *ctx, struct iv_buf *err);
/**
 * One user's latest records (user named exactly as recorded), newest first,
 * at most limit (0: all): what they did lately, without reading the rest of
 * their trail.
 */
IV_MUST_USE enum iv_err iv_audit_recent(struct iv_store *st, const char *user, unsigned limit,
                                        iv_audit_fn fn, void *ctx, struct iv_buf *err);

#endif
