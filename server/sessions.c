/*
 * sessions.c - from a Bearer token to the viewer, without a trip to the
 * store on every request.
 *
 * The store is the truth (iv_access_session, iv_viewer_load); this cache
 * keeps each token's user and each user's viewer for SESSION_RECHECK
 * seconds, so that a revoked grant, a disabled user or a session ended
 * elsewhere takes effect within that time, and a logout through this
 * server at once.
 */
#include <string.h>
#include <time.h>

#include "server/server_int.h"

#define SESSION_RECHECK   5 /* seconds a cached token or viewer is trusted */
#define SESSION_CACHE_MAX 20000

struct cached_token {
	char user[128];
	int64_t expires;
	int64_t checked;
};

struct cached_viewer {
	struct iv_viewer v;
	int64_t loaded;
};

/* Failed logins from one client address (the store counts them per user). */
struct address_failures {
	unsigned n;
	int64_t first;
};

struct srv_sessions {
	pthread_mutex_t lock;
	struct iv_map tokens;    /* token hex -> struct cached_token */
	struct iv_map viewers;   /* user -> struct cached_viewer */
	struct iv_map addresses; /* client address -> struct address_failures */
};

static int64_t now_seconds(void)
{
	return (int64_t)time(NULL);
}

static void viewers_clear(struct iv_map *m)
{
	size_t pos = 0;
	const char *key;
	void *value;

	while (iv_map_next(m, &pos, &key, &value)) {
		struct cached_viewer *cv = value;
		iv_viewer_release(&cv->v);
	}
	iv_map_release_all(m);
}

enum iv_err srv_sessions_init(struct iv_server *s)
{
	s->sessions = iv_calloc(sizeof(*s->sessions));
	if (!s->sessions)
		return IV_ERR_NOMEM;
	pthread_mutex_init(&s->sessions->lock, NULL);
	return IV_OK;
}

void srv_sessions_free(struct iv_server *s)
{
	if (!s->sessions)
		return;
	iv_map_release_all(&s->sessions->tokens);
	iv_map_release_all(&s->sessions->addresses);
	viewers_clear(&s->sessions->viewers);
	pthread_mutex_destroy(&s->sessions->lock);
	iv_free(s->sessions);
	s->sessions = NULL;
}

/* Deep copy of a viewer. */
static IV_MUST_USE enum iv_err viewer_copy(const struct iv_viewer *from, struct iv_viewer *to)
{
	memset(to, 0, sizeof(*to));
	*to = *from;
	to->user = iv_strdup(from->user ? from->user : "");
	to->org = iv_strdup(from->org ? from->org : "");
	to->compartments = NULL;
	to->consenting = NULL;
	to->ncompartments = to->nconsenting = 0;
	if (!to->user || !to->org)
		goto nomem;
	if (from->ncompartments) {
		to->compartments = iv_calloc(from->ncompartments * sizeof(char *));
		if (!to->compartments)
			goto nomem;
		for (size_t i = 0; i < from->ncompartments; i++) {
			to->compartments[i] = iv_strdup(from->compartments[i]);
			if (!to->compartments[i])
				goto nomem;
			to->ncompartments++;
		}
	}
	if (from->nconsenting) {
		to->consenting = iv_calloc(from->nconsenting * sizeof(char *));
		if (!to->consenting)
			goto nomem;
		for (size_t i = 0; i < from->nconsenting; i++) {
			to->consenting[i] = iv_strdup(from->consenting[i]);
			if (!to->consenting[i])
				goto nomem;
			to->nconsenting++;
		}
	}
	return IV_OK;
nomem:
	iv_viewer_release(to);
	return IV_ERR_NOMEM;
}

/* The user of a token, from the cache or the store; called with the lock held. */
static IV_MUST_USE enum iv_err token_user(struct srv_sessions *ss, struct iv_store *st,
                                          const char *token, int64_t now, char *user, size_t size,
                                          struct iv_buf *err)
{
	struct cached_token *ct = iv_map_get(&ss->tokens, token);
	struct iv_buf name = IV_BUF_INIT;
	int64_t expires = 0;
	enum iv_err rc;

	if (ct && ct->expires > now && now - ct->checked < SESSION_RECHECK) {
		iv_strlcpy(user, ct->user, size);
		return IV_OK;
	}
	rc = iv_access_session(st, token, now, &name, &expires, err);
	if (rc) {
		iv_buf_release(&name);
		return rc;
	}
	if (!ct) {
		if (ss->tokens.len >= SESSION_CACHE_MAX)
			iv_map_release_all(&ss->tokens);
		ct = iv_calloc(sizeof(*ct));
		if (ct && iv_map_put(&ss->tokens, token, ct)) {
			iv_free(ct);
			ct = NULL;
		}
	}
	if (ct) {
		iv_strlcpy(ct->user, name.buf, sizeof(ct->user));
		ct->expires = expires;
		ct->checked = now;
	}
	iv_strlcpy(user, name.buf, size);
	iv_buf_release(&name);
	return IV_OK;
}

enum iv_err srv_session_viewer(struct iv_server *s, struct iv_store *st, const char *token,
                               struct iv_viewer *out, struct iv_buf *err)
{
	struct srv_sessions *ss = s->sessions;
	struct cached_viewer *cv;
	char user[128];
	int64_t now = now_seconds();
	enum iv_err rc;

	memset(out, 0, sizeof(*out));
	pthread_mutex_lock(&ss->lock);
	rc = token_user(ss, st, token, now, user, sizeof(user), err);
	if (rc)
		goto out;
	cv = iv_map_get(&ss->viewers, user);
	if (!cv || now - cv->loaded >= SESSION_RECHECK) {
		struct iv_viewer fresh;
		rc = iv_viewer_load(st, user, &fresh, err);
		if (rc == IV_ERR_NOTFOUND)
			rc = IV_ERR_DENIED; /* the user is gone: the session with it */
		if (rc)
			goto out;
		if (!cv) {
			if (ss->viewers.len >= SESSION_CACHE_MAX)
				viewers_clear(&ss->viewers);
			cv = iv_calloc(sizeof(*cv));
			if (!cv || iv_map_put(&ss->viewers, user, cv)) {
				iv_free(cv);
				iv_viewer_release(&fresh);
				rc = IV_ERR_NOMEM;
				goto out;
			}
		} else {
			iv_viewer_release(&cv->v);
		}
		cv->v = fresh;
		cv->loaded = now;
	}
	rc = viewer_copy(&cv->v, out);
out:
	pthread_mutex_unlock(&ss->lock);
	return rc;
}

void srv_session_forget(struct iv_server *s, const char *token)
{
	struct srv_sessions *ss = s->sessions;
	struct cached_token *ct;

	pthread_mutex_lock(&ss->lock);
	ct = iv_map_get(&ss->tokens, token);
	if (ct)
		ct->expires = 0; /* the map has no delete: an expired entry is re-checked */
	pthread_mutex_unlock(&ss->lock);
}

void srv_session_forget_all(struct iv_server *s)
{
	struct srv_sessions *ss = s->sessions;

	pthread_mutex_lock(&ss->lock);
	iv_map_release_all(&ss->tokens);
	viewers_clear(&ss->viewers);
	pthread_mutex_unlock(&ss->lock);
}

bool srv_login_allowed(struct iv_server *s, const char *remote)
{
	struct srv_sessions *ss = s->sessions;
	struct address_failures *af;
	int64_t now = now_seconds();
	bool allowed = true;

	pthread_mutex_lock(&ss->lock);
	af = iv_map_get(&ss->addresses, remote);
	if (af && now - af->first >= IV_ACCESS_LOCKOUT_SECONDS)
		af->n = 0; /* the window has passed */
	if (af && af->n >= s->cfg.address_failures)
		allowed = false;
	pthread_mutex_unlock(&ss->lock);
	return allowed;
}

void srv_login_failed(struct iv_server *s, const char *remote)
{
	struct srv_sessions *ss = s->sessions;
	struct address_failures *af;
	int64_t now = now_seconds();

	pthread_mutex_lock(&ss->lock);
	af = iv_map_get(&ss->addresses, remote);
	if (!af) {
		if (ss->addresses.len >= SESSION_CACHE_MAX)
			iv_map_release_all(&ss->addresses);
		af = iv_calloc(sizeof(*af));
		if (af && iv_map_put(&ss->addresses, remote, af)) {
			iv_free(af);
			af = NULL;
		}
	}
	if (af) {
		if (af->n == 0 || now - af->first >= IV_ACCESS_LOCKOUT_SECONDS) {
			af->n = 0;
			af->first = now;
		}
		af->n++;
	}
	pthread_mutex_unlock(&ss->lock);
}
