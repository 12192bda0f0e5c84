/*
 * audit_log.c - the server's audit writer: requests queue their record
 * and go on; one thread appends what has queued in one transaction
 * (iv_audit_append chains it onto the trail), so that thousands of
 * requests a second cost a few commits, not thousands.
 *
 * A record is written within AUDIT_GATHER_MS of its request (commits are
 * kept few because each one makes the workers' connections drop their
 * page caches); the queue is bounded (a full queue makes requests wait);
 * a batch the store refuses is retried, never dropped; everything queued
 * is written when the server stops.
 */
#include <stdio.h>
#include <string.h>
#include <stdatomic.h>
#include <time.h>

#include "server/server_int.h"

#define AUDIT_QUEUE_MAX 100000
#define AUDIT_BATCH_MAX 5000
/* How long records gather before a commit (ms).  Every commit makes the other connections
 * drop their page caches (SQLite WAL), so commits are few: at most AUDIT_GATHER_MS apart,
 * sooner when AUDIT_BATCH_MAX records wait. */
#define AUDIT_GATHER_MS 250
/* A batch the store refuses (locked by a long ingest, a full disk) is retried this often. */
#define AUDIT_RETRY_MS 200

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
	atomic_bool stop;     /* srv_audit_stop: write what is queued and end */
	atomic_bool stopping; /* the server is stopping: no gathering, retries end after 5 s */
	bool given_up;
	atomic_bool failing;
	/* the last batch was refused by the store: refuse requests */ /* stopping, and the
	                                                                  store refused a
	                                                                  batch for 5 s */
	bool flush;             /* someone waits for everything queued to be written */
	uint64_t queued, done;  /* records queued and records handled, ever */
	pthread_cond_t handled; /* a batch was handled */
	pthread_t thread;
	struct iv_store *st;
	uint64_t written, failed;
};

static void deadline_in(struct timespec *t, long ms)
{
	clock_gettime(CLOCK_MONOTONIC, t); /* the conditions wait on this clock: see start */
	t->tv_nsec += (ms % 1000) * 1000000L;
	t->tv_sec += ms / 1000 + t->tv_nsec / 1000000000L;
	t->tv_nsec %= 1000000000L;
}

/*
 * Append a batch, retrying while the store refuses it: a record is never
 * dropped while the server runs (when they keep failing the queue fills
 * and requests wait: the server fails closed).  At stop, retries go on
 * for five seconds;
 * what still cannot be written then is printed to stderr, so that it is
 * not lost silently.
 */
static double now_monotonic(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

/* Print records that will not reach the store, so that they are not lost silently. */
static void print_unwritten(struct srv_audit *a, size_t n)
{
	a->failed += n;
	for (size_t i = 0; i < n; i++)
		fprintf(stderr,
		        "invigor serve: audit record NOT WRITTEN: at=%lld user=%s remote=%s "
		        "action=%s query=%s entities=%s status=%d outcome=%s\n",
		        (long long)a->recs[i].at, a->recs[i].user, a->recs[i].remote,
		        a->recs[i].action, a->recs[i].query, a->recs[i].entities, a->recs[i].status,
		        a->recs[i].outcome);
}

/* The store refuses the trail (or takes it again): wake requests waiting for room. */
static void set_failing(struct srv_audit *a, bool failing)
{
	if (atomic_load(&a->failing) == failing)
		return;
	pthread_mutex_lock(&a->lock);
	a->failing = failing;
	pthread_cond_broadcast(&a->space);
	pthread_mutex_unlock(&a->lock);
}

/*
 * Append a batch, retrying while the store refuses it: a record is never
 * dropped while the server runs (when they keep failing the queue fills
 * and requests are refused: the server fails closed).  Once the server is
 * stopping, a store that still refuses gets five seconds (by the clock:
 * one refused try can itself wait out SQLite's busy timeout); then this
 * batch and every later one are printed to stderr instead.
 */
static void append_batch(struct srv_audit *a, size_t n)
{
	struct iv_buf err = IV_BUF_INIT;
	unsigned tries = 0;
	struct timespec pause = {0, AUDIT_RETRY_MS * 1000000L};
	double stop_since = 0;

	for (size_t i = 0; i < n; i++)
		a->recs[i] = a->batch[i]->rec;
	for (;;) {
		if (a->given_up) {
			print_unwritten(a, n);
			break;
		}
		iv_buf_reset(&err);
		if (iv_audit_append(a->st, a->recs, n, &err) == IV_OK) {
			a->written += n;
			set_failing(a, false);
			break;
		}
		set_failing(a, true);
		if (tries++ == 0)
			fprintf(stderr, "invigor serve: audit: %zu records wait: %s (retrying)\n",
			        n, err.buf);
		if (a->stopping) {
			if (stop_since == 0)
				stop_since = now_monotonic();
			else if (now_monotonic() - stop_since >= 5)
				a->given_up = true;
			if (a->given_up)
				continue;
		}
		nanosleep(&pause, NULL);
	}
	if (tries > 1 && !a->given_up)
		fprintf(stderr, "invigor serve: audit: written after %u tries\n", tries);
	for (size_t i = 0; i < n; i++)
		iv_free(a->batch[i]);
	iv_buf_release(&err);
}

static void *writer(void *arg)
{
	struct srv_audit *a = arg;

	for (;;) {
		struct timespec deadline;
		size_t n;

		pthread_mutex_lock(&a->lock);
		while (a->len == 0 && !a->stop)
			pthread_cond_wait(&a->ready, &a->lock);
		if (a->len == 0) {
			pthread_mutex_unlock(&a->lock);
			break;
		}
		/* let records gather, so that commits are few */
		deadline_in(&deadline, AUDIT_GATHER_MS);
		while (!a->stopping && !a->flush && a->len < AUDIT_BATCH_MAX &&
		       pthread_cond_timedwait(&a->ready, &a->lock, &deadline) == 0)
			;
		n = a->len < AUDIT_BATCH_MAX ? a->len : AUDIT_BATCH_MAX;
		memcpy(a->batch, a->q, n * sizeof(*a->batch));
		memmove(a->q, a->q + n, (a->len - n) * sizeof(*a->q));
		a->len -= n;
		pthread_cond_broadcast(&a->space);
		pthread_mutex_unlock(&a->lock);
		append_batch(a, n);
		pthread_mutex_lock(&a->lock);
		a->done += n;
		if (a->len == 0)
			a->flush = false;
		pthread_cond_broadcast(&a->handled);
		pthread_mutex_unlock(&a->lock);
	}
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
	/* timed waits by the monotonic clock: a step of the wall clock must not stretch them */
	pthread_condattr_t monotonic;
	pthread_condattr_init(&monotonic);
	pthread_condattr_setclock(&monotonic, CLOCK_MONOTONIC);
	pthread_cond_init(&a->ready, &monotonic);
	pthread_cond_init(&a->space, NULL);
	pthread_cond_init(&a->handled, &monotonic);
	pthread_condattr_destroy(&monotonic);
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
	while (a->len == AUDIT_QUEUE_MAX) {
		if (a->failing) {
			/* the store refuses records and the queue is full: requests are being
			 * refused (srv_audit_failing), and their records go to the log rather than
			 * wait forever */
			pthread_mutex_unlock(&a->lock);
			fprintf(stderr,
			        "invigor serve: audit record NOT WRITTEN (the store refuses the "
			        "trail): at=%lld user=%s remote=%s action=%s query=%s status=%d "
			        "outcome=%s\n",
			        (long long)q->rec.at, user, remote, action, query, status, outcome);
			iv_free(q);
			return;
		}
		pthread_cond_wait(&a->space, &a->lock);
	}
	a->q[a->len++] = q;
	a->queued++;
	/* wake the writer for the first record of a batch, and when a batch is full */
	if (a->len == 1 || a->len == AUDIT_BATCH_MAX)
		pthread_cond_signal(&a->ready);
	pthread_mutex_unlock(&a->lock);
}

void srv_audit_flush(struct iv_server *s)
{
	struct srv_audit *a = s->audit;
	struct timespec deadline;
	uint64_t until;

	pthread_mutex_lock(&a->lock);
	until = a->queued;
	if (a->done < until) {
		a->flush = true;
		pthread_cond_signal(&a->ready);
	}
	/* at most a few seconds: a store that refuses the records must not hold the reader */
	deadline_in(&deadline, 3000);
	while (a->done < until && !a->stopping &&
	       pthread_cond_timedwait(&a->handled, &a->lock, &deadline) == 0)
		;
	pthread_mutex_unlock(&a->lock);
}

bool srv_audit_failing(struct iv_server *s)
{
	struct srv_audit *a = s->audit;
	bool full;

	if (!a || !atomic_load(&a->failing))
		return false;
	/* a store busy with a long ingest refuses for a while: records wait in memory, and
	 * requests are refused only when the queue is nearly full */
	pthread_mutex_lock(&a->lock);
	full = a->len >= AUDIT_QUEUE_MAX / 10 * 9;
	pthread_mutex_unlock(&a->lock);
	return full;
}

void srv_audit_stopping(struct iv_server *s)
{
	struct srv_audit *a = s->audit;

	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stopping = true;
	pthread_cond_broadcast(&a->ready);
	pthread_cond_broadcast(&a->handled);
	pthread_mutex_unlock(&a->lock);
}

void srv_audit_stop(struct iv_server *s)
{
	struct srv_audit *a = s->audit;

	if (!a)
		return;
	pthread_mutex_lock(&a->lock);
	a->stop = a->stopping = true;
	pthread_cond_signal(&a->ready);
	pthread_mutex_unlock(&a->lock);
	pthread_join(a->thread, NULL);
	iv_store_close(a->st);
	pthread_mutex_destroy(&a->lock);
	pthread_cond_destroy(&a->ready);
	pthread_cond_destroy(&a->space);
	pthread_cond_destroy(&a->handled);
	iv_free(a->q);
	iv_free(a->batch);
	iv_free(a->recs);
	iv_free(a);
	s->audit = NULL;
}
