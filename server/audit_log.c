/*
 * audit_log.c - the server's audit writer: requests queue their record
 * and go on; one thread appends what has queued in one transaction
 * (iv_audit_append chains it onto the trail), so that thousands of
 * requests a second cost a few commits, not thousands.
 *
 * A record is written within a few milliseconds of its request; the
 * queue is bounded (a full queue makes requests wait, never drops a
 * record) and is written out completely when the server stops.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "server/server_int.h"

#define AUDIT_QUEUE_MAX 20000
#define AUDIT_BATCH_MAX 1000

struct queued {
	struct iv_audit_record rec;
	char text[]; /* the record's strings, one after another */
};

struct srv_audit {
	pthread_mutex_t lock;
	pthread_cond_t ready; /* records queued, or stopping */
	pthread_cond_t space; /* the queue has room */
	struct queued **q;    /* the queue, oldest first */
	size_t len;
	struct queued **batch; /* the writer's current batch */
	struct iv_audit_record *recs;
	bool stop;
	pthread_t thread;
	struct iv_store *st;
	uint64_t written, failed;
};

static void *writer(void *arg)
{
	struct srv_audit *a = arg;
	struct iv_buf err = IV_BUF_INIT;

	for (;;) {
		size_t n;

		pthread_mutex_lock(&a->lock);
		while (a->len == 0 && !a->stop)
			pthread_cond_wait(&a->ready, &a->lock);
		if (a->len == 0) {
			pthread_mutex_unlock(&a->lock);
			break;
		}
		n = a->len < AUDIT_BATCH_MAX ? a->len : AUDIT_BATCH_MAX;
		memcpy(a->batch, a->q, n * sizeof(*a->batch));
		memmove(a->q, a->q + n, (a->len - n) * sizeof(*a->q));
		a->len -= n;
		pthread_cond_broadcast(&a->space);
		pthread_mutex_unlock(&a->lock);
		for (size_t i = 0; i < n; i++)
			a->recs[i] = a->batch[i]->rec;
		iv_buf_reset(&err);
		if (iv_audit_append(a->st, a->recs, n, &err)) {
			a->failed += n;
			fprintf(stderr, "invigor serve: audit: %zu records not written: %s\n", n,
			        err.buf);
		} else {
			a->written += n;
		}
		for (size_t i = 0; i < n; i++)
			iv_free(a->batch[i]);
	}
	iv_buf_release(&err);
	return NULL;
}

enum iv_err srv_audit_start(struct iv_server *s, struct iv_buf *err)
{
	struct srv_audit *a = iv_calloc(sizeof(*a));
	enum iv_err rc;

	if (!a)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	a->q = iv_calloc(AUDIT_QUEUE_MAX * sizeof(*a->q));
	a->batch = iv_calloc(AUDIT_BATCH_MAX * sizeof(*a->batch));
	a->recs = iv_calloc(AUDIT_BATCH_MAX * sizeof(*a->recs));
	if (!a->q || !a->batch || !a->recs) {
		iv_free(a->q);
		iv_free(a->batch);
		iv_free(a->recs);
		iv_free(a);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	rc = iv_store_open(s->db, 0, &a->st, err);
	if (rc) {
		iv_free(a->q);
		iv_free(a->batch);
		iv_free(a->recs);
		iv_free(a);
		return rc;
	}
	pthread_mutex_init(&a->lock, NULL);
	pthread_cond_init(&a->ready, NULL);
	pthread_cond_init(&a->space, NULL);
	s->audit = a;
	if (pthread_create(&a->thread, NULL, writer, a) != 0) {
		s->audit = NULL;
		iv_store_close(a->st);
		iv_free(a->q);
		iv_free(a->batch);
		iv_free(a->recs);
		iv_free(a);
		return iv_seterr(err, IV_ERR_INTERNAL, "cannot start the audit writer");
	}
	return IV_OK;
}

static char *put(char **p, const char *s)
{
	char *at = *p;
	size_t n = strlen(s) + 1;

	memcpy(at, s, n);
	*p += n;
	return at;
}

void srv_audit_add(struct iv_server *s, const char *user, const char *remote, const char *action,
                   const char *query, const char *entities, int status, const char *outcome)
{
	struct srv_audit *a = s->audit;
	size_t need = strlen(user) + strlen(remote) + strlen(action) + strlen(query) +
	              strlen(entities) + strlen(outcome) + 6;
	struct queued *q = iv_malloc(sizeof(*q) + need);
	char *p;

	if (!q) {
		fprintf(stderr, "invigor serve: audit: out of memory: %s %s by '%s' not recorded\n",
		        action, outcome, user);
		return;
	}
	memset(&q->rec, 0, sizeof(q->rec));
	p = q->text;
	q->rec.at = (int64_t)time(NULL);
	q->rec.user = put(&p, user);
	q->rec.remote = put(&p, remote);
	q->rec.action = put(&p, action);
	q->rec.query = put(&p, query);
	q->rec.entities = put(&p, entities);
	q->rec.outcome = put(&p, outcome);
	q->rec.status = status;
	pthread_mutex_lock(&a->lock);
	while (a->len == AUDIT_QUEUE_MAX)
		pthread_cond_wait(&a->space, &a->lock);
	a->q[a->len++] = q;
	pthread_cond_signal(&a->ready);
	pthread_mutex_unlock(&a->lock);
}

void srv_audit_stop(struct iv_server *s)
{
	struct srv_audit *a = s->audit;

	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = true;
	pthread_cond_signal(&a->ready);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	iv_store_close(a->st);
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->ready);
	pthread_cond_destroy(&a->space);
	iv_free(a->q);
	iv_free(a->batch);
	iv_free(a->recs);
	iv_free(a);
	s->audit = NULL;
}
