/*
 * h_ingest.c - uploads and ingest jobs.
 *
 * POST /api/v1/ingest takes multipart/form-data (libmicrohttpd's post
 * processor parses it): a part `file` (CSV or FtM JSON lines), for CSV a
 * part `mapping` (YAML), and optionally `dataset` and `format`.  The
 * parts are streamed to files in the jobs folder as they arrive; the
 * reply (202) names a job, which a thread of its own ingests in one
 * transaction while GET /api/v1/jobs/{id} reports its progress, and at
 * the end the counts or the error with its line and column; GET
 * /api/v1/jobs lists the caller's own jobs.  Values uploaded take the
 * uploader's organisation as originator unless the mapping or the file
 * says otherwise.
 */
#include <errno.h>
#include <stdatomic.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "iv/ingest.h"
#include "server/server_int.h"

#define JOBS_MAX  1024 /* jobs remembered; the oldest finished ones are forgotten */
#define FIELD_MAX 256

struct upload {
	struct MHD_PostProcessor *pp;
	char file_path[512], mapping_path[512];
	int file_fd, mapping_fd;
	char filename[256];
	char dataset[FIELD_MAX], format[16];
	size_t bytes;
	bool bad;
	bool too_big;
};

enum job_state { JOB_QUEUED, JOB_RUNNING, JOB_DONE, JOB_FAILED };

struct job {
	unsigned id;
	char user[128];
	char org[128];
	char filename[256];
	char file_path[512], mapping_path[512];
	char dataset[FIELD_MAX];
	char *db; /* the store's path, the job's own copy (the server may be gone) */
	enum iv_ingest_format format;
	_Atomic enum job_state state;
	atomic_bool abandoned; /* the server stopped without it: touch nothing of the server */
	_Atomic uint64_t done, total;
	struct iv_ingest_report report;
	char error[1024];
	int64_t created, finished;
	pthread_t thread;
	struct iv_server *srv;
	struct srv_jobs *jobs; /* outlives the server when a job is abandoned at stop */
};

struct srv_jobs {
	pthread_mutex_t lock;
	struct job *jobs[JOBS_MAX];
	size_t n;
	unsigned next_id;
};

/* ---- the upload ----------------------------------------------------------------------------- */

static bool write_all(int fd, const char *data, size_t n)
{
	while (n) {
		ssize_t w = write(fd, data, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return false;
		data += w;
		n -= (size_t)w;
	}
	return true;
}

static int temp_file(const char *dir, const char *suffix, char *path, size_t size)
{
	int n = snprintf(path, size, "%s/invigor-upload-XXXXXX%s", dir, suffix);

	if (n < 0 || (size_t)n >= size)
		return -1;
	return mkstemps(path, (int)strlen(suffix));
}

static enum MHD_Result on_part(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *filename, const char *content_type,
                               const char *transfer_encoding, const char *data, uint64_t off,
                               size_t size)
{
	struct srv_req *r = cls;
	struct upload *u = r->upload;

	(void)kind;
	(void)content_type;
	(void)transfer_encoding;
	u->bytes += size;
	if (u->bytes > r->srv->cfg.max_upload) {
		u->too_big = true;
		return MHD_NO;
	}
	if (strcmp(key, "file") == 0) {
		if (u->file_fd < 0 && off == 0) {
			const char *dot = filename ? strrchr(filename, '.') : NULL;
			char suffix[16] = ".dat";
			if (dot && strlen(dot) < sizeof(suffix) &&
			    strspn(dot + 1,
			           "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ") ==
			            strlen(dot + 1))
				snprintf(suffix, sizeof(suffix), "%s", dot);
			iv_strlcpy(u->filename, filename ? filename : "upload",
			           sizeof(u->filename));
			u->file_fd = temp_file(r->srv->jobs_dir, suffix, u->file_path,
			                       sizeof(u->file_path));
			if (u->file_fd < 0) {
				u->bad = true;
				return MHD_NO;
			}
		}
		return u->file_fd >= 0 && write_all(u->file_fd, data, size) ? MHD_YES : MHD_NO;
	}
	if (strcmp(key, "mapping") == 0) {
		if (u->mapping_fd < 0 && off == 0) {
			u->mapping_fd = temp_file(r->srv->jobs_dir, ".yml", u->mapping_path,
			                          sizeof(u->mapping_path));
			if (u->mapping_fd < 0) {
				u->bad = true;
				return MHD_NO;
			}
		}
		return u->mapping_fd >= 0 && write_all(u->mapping_fd, data, size) ? MHD_YES
		                                                                  : MHD_NO;
	}
	if (strcmp(key, "dataset") == 0 || strcmp(key, "format") == 0) {
		char *dst = key[0] == 'd' ? u->dataset : u->format;
		size_t cap = key[0] == 'd' ? sizeof(u->dataset) : sizeof(u->format);
		if (off + size >= cap) {
			u->bad = true;
			return MHD_NO;
		}
		memcpy(dst + off, data, size);
		dst[off + size] = '\0';
		return MHD_YES;
	}
	return MHD_YES; /* other parts are ignored */
}

enum iv_err srv_upload_begin(struct srv_req *r)
{
	struct upload *u = iv_calloc(sizeof(*u));

	if (!u)
		return IV_ERR_NOMEM;
	u->file_fd = u->mapping_fd = -1;
	r->upload = u;
	u->pp = MHD_create_post_processor(r->conn, 64 * 1024, on_part, r);
	return u->pp ? IV_OK : IV_ERR_INVALID;
}

enum iv_err srv_upload_data(struct srv_req *r, const char *data, size_t n)
{
	struct upload *u = r->upload;

	if (!u || !u->pp || u->bad)
		return IV_ERR_INVALID;
	if (MHD_post_process(u->pp, data, n) != MHD_YES)
		return u->too_big ? IV_ERR_TOOBIG : IV_ERR_INVALID;
	return IV_OK;
}

/* Free the upload state; the files stay only when a job took them (paths cleared). */
void srv_upload_free(struct srv_req *r)
{
	struct upload *u = r->upload;

	if (!u)
		return;
	if (u->pp)
		MHD_destroy_post_processor(u->pp);
	if (u->file_fd >= 0)
		close(u->file_fd);
	if (u->mapping_fd >= 0)
		close(u->mapping_fd);
	if (u->file_path[0])
		unlink(u->file_path);
	if (u->mapping_path[0])
		unlink(u->mapping_path);
	iv_free(u);
	r->upload = NULL;
}

/* ---- jobs --------------------------------------------------------------------------------------
 */

enum iv_err srv_jobs_init(struct iv_server *s, struct iv_buf *err)
{
	s->jobs = iv_calloc(sizeof(*s->jobs));
	if (!s->jobs)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	pthread_mutex_init(&s->jobs->lock, NULL);
	return IV_OK;
}

static void on_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct job *j = ctx;

	j->done = done;
	j->total = total;
}

static void job_opts(struct job *j, struct iv_ingest_opts *o)
{
	iv_ingest_opts_init(o);
	o->format = j->format;
	o->mapping_path = j->mapping_path[0] ? j->mapping_path : NULL;
	o->dataset = j->dataset[0] ? j->dataset : NULL;
	o->name = j->filename[0] ? j->filename : NULL; /* not the temporary file's */
	o->handling.originator = j->org;
	o->handling_set |= IV_HF_ORIGINATOR;
	o->progress = on_progress;
	o->progress_ctx = j;
}

/*
 * A schema clash names a stored entity and its schema, which the uploader
 * may not see: keep where in the file, not what the store holds.  err is
 * left as it was when memory runs out.
 */
static void mask_schema_clash(struct iv_buf *err)
{
	char *clash = strstr(err->buf, "entity '");
	struct iv_buf masked = IV_BUF_INIT;

	if (!clash || !strstr(clash, "cannot also be"))
		return;
	if (!iv_buf_add(&masked, err->buf, (size_t)(clash - err->buf)) &&
	    !iv_buf_adds(&masked, "an entity of this line has a schema the store "
	                          "cannot reconcile with what it holds")) {
		iv_buf_reset(err);
		if (iv_buf_add(err, masked.buf, masked.len))
			iv_buf_reset(err);
	}
	iv_buf_release(&masked);
}

/* The job's error for its owner: the uploaded name, not the temporary file's. */
static void job_error(struct job *j, enum iv_err rc, struct iv_buf *err)
{
	size_t plen = strlen(j->file_path);
	const char *msg;

	mask_schema_clash(err);
	msg = err->buf;
	if (j->filename[0] && strncmp(msg, j->filename, strlen(j->filename)) == 0 &&
	    msg[strlen(j->filename)] == ':') /* the ingest names the file as uploaded */
		snprintf(j->error, sizeof(j->error), "%s", msg);
	else if (strncmp(msg, j->file_path, plen) == 0)
		snprintf(j->error, sizeof(j->error), "%s%s", j->filename, msg + plen);
	else
		snprintf(j->error, sizeof(j->error), "%s: %s", j->filename,
		         rc == IV_ERR_INVALID || rc == IV_ERR_TOOBIG ? msg : "the ingest failed");
}

/* The change itself goes to the audit trail, as the request that started it did; then the state. */
static void job_finish(struct job *j, enum iv_err rc)
{
	char action[64], query[600], outcome[160];

	snprintf(action, sizeof(action), "JOB ingest %u", j->id);
	snprintf(query, sizeof(query), "file=%s&dataset=%s", j->filename, j->report.dataset);
	if (rc)
		snprintf(outcome, sizeof(outcome), "failed");
	else
		snprintf(outcome, sizeof(outcome), "ok: %llu statements added, %llu entities added",
		         (unsigned long long)j->report.statements_added,
		         (unsigned long long)j->report.entities_added);
	/* under the lock that stop takes to abandon a job: the server is either still there or
	 * known to be gone */
	pthread_mutex_lock(&j->jobs->lock);
	if (!j->abandoned)
		srv_audit_add(j->srv, j->user, "job", action, query, "[]", rc ? 1 : 0, outcome);
	j->state = rc ? JOB_FAILED : JOB_DONE;
	pthread_mutex_unlock(&j->jobs->lock);
}

static void *run_job(void *arg)
{
	struct job *j = arg;
	struct iv_store *st = NULL;
	struct iv_ingest_opts o;
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;

	pthread_mutex_lock(&j->jobs->lock);
	j->state = JOB_RUNNING;
	pthread_mutex_unlock(&j->jobs->lock);
	job_opts(j, &o);
	rc = iv_store_open(j->db, 0, &st, &err);
	if (!rc)
		rc = iv_ingest_file(st, j->file_path, &o, &j->report, &err);
	iv_store_close(st);
	if (rc)
		job_error(j, rc, &err);
	unlink(j->file_path);
	if (j->mapping_path[0])
		unlink(j->mapping_path);
	iv_free(j->db);
	j->db = NULL;
	j->finished = (int64_t)time(NULL);
	job_finish(j, rc);
	iv_buf_release(&err);
	return NULL;
}

/* Whether the job is queued or running (its state is written under the lock). */
static bool job_busy(struct srv_jobs *js, const struct job *j)
{
	bool busy;

	pthread_mutex_lock(&js->lock);
	busy = j->state == JOB_RUNNING || j->state == JOB_QUEUED;
	pthread_mutex_unlock(&js->lock);
	return busy;
}

void srv_jobs_stop(struct iv_server *s, unsigned grace_seconds)
{
	struct srv_jobs *js = s->jobs;
	struct timespec tick = {0, 50 * 1000 * 1000};
	unsigned ticks = grace_seconds * 20; /* one grace for all the jobs, not one each */
	bool abandoned = false;

	if (!js)
		return;
	for (size_t i = 0; i < js->n; i++) {
		struct job *j = js->jobs[i];
		for (; ticks > 0 && job_busy(js, j); ticks--)
			nanosleep(&tick, NULL);
		pthread_mutex_lock(&js->lock);
		if (j->state == JOB_RUNNING || j->state == JOB_QUEUED) {
			/* still running after the grace: its transaction is never committed and
			 * rolls back when the process ends; the job is left to it, with the jobs
			 * table it locks */
			j->abandoned = true;
			abandoned = true;
			pthread_mutex_unlock(&js->lock);
			pthread_detach(j->thread);
			continue;
		}
		pthread_mutex_unlock(&js->lock);
		pthread_join(j->thread, NULL);
		iv_free(j);
	}
	s->jobs = NULL;
	if (abandoned)
		return;
	pthread_mutex_destroy(&js->lock);
	iv_free(js);
}

#define JOB_KEPT_SECONDS 3600 /* a finished job stays this long before it may be forgotten */

/*
 * Forget finished jobs to make room (called with the lock held): those
 * finished more than JOB_KEPT_SECONDS ago, or, when none is that old,
 * every finished one.  How many went.
 */
static size_t reap(struct srv_jobs *js)
{
	int64_t now = (int64_t)time(NULL);
	size_t gone = 0;

	for (int pass = 0; pass < 2 && gone == 0; pass++) {
		size_t kept = 0, n = js->n;

		for (size_t i = 0; i < n; i++) {
			struct job *j = js->jobs[i];
			bool finished = j->state == JOB_DONE || j->state == JOB_FAILED;

			if (finished && (pass == 1 || now - j->finished > JOB_KEPT_SECONDS)) {
				pthread_join(j->thread, NULL);
				iv_free(j);
				continue;
			}
			js->jobs[kept++] = j;
		}
		gone = n - kept;
		js->n = kept;
	}
	return gone;
}

static json_t *job_json(const struct job *j)
{
	static const char *const states[] = {"queued", "running", "done", "failed"};
	char created[32];
	enum job_state state = j->state;
	json_t *o;

	iv_time_format(j->created, created, sizeof(created));
	o = json_pack("{s:I, s:s, s:s, s:s, s:s, s:I, s:I}", "id", (json_int_t)j->id, "user",
	              j->user, "file", j->filename, "status", states[state], "created", created,
	              "bytes_done", (json_int_t)j->done, "bytes_total", (json_int_t)j->total);
	if (o && state == JOB_DONE)
		/* counts of the file only: how many were new to the store, or references to
		 * entities it lacks, would tell the uploader about records they may not see */
		json_object_set_new(
		        o, "report",
		        json_pack("{s:I, s:I, s:I, s:s}", "records", (json_int_t)j->report.records,
		                  "statements", (json_int_t)j->report.statements, "invalid",
		                  (json_int_t)j->report.invalid, "dataset", j->report.dataset));
	if (o && state == JOB_FAILED)
		json_object_set_new(o, "error", json_string(j->error));
	return o;
}

/*
 * Whether the upload can make a job: a part 'file', a dataset name and a
 * file name fit to be stored; false with a 400 set.
 */
static bool upload_acceptable(struct srv_req *r, const struct upload *u)
{
	const char *why;
	size_t bad;

	if (!u || u->bad || u->file_fd < 0) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "the upload needs a part named 'file' (and 'mapping' for CSV)");
		return false;
	}
	/* both are stored and shown to others (jobs, activity, audit, datasets): text only */
	if (u->dataset[0] && (why = iv_ingest_dataset_problem(u->dataset))) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'dataset' %s", why);
		return false;
	}
	if (!iv_utf8_valid(u->filename, strlen(u->filename), &bad) ||
	    strcspn(u->filename,
	            "\x01\x02\x03\x04\x05\x06\x07\x08\t\n\x0b\x0c\r\x0e\x0f\x10"
	            "\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f") !=
	            strlen(u->filename)) {
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid",
		          "the file's name must be UTF-8 text without control characters");
		return false;
	}
	return true;
}

/* The format part's value: auto when absent; false when it names no format. */
static bool upload_format(const char *format, enum iv_ingest_format *out)
{
	if (format[0] == '\0' || strcmp(format, "auto") == 0)
		*out = IV_FORMAT_AUTO;
	else if (strcmp(format, "csv") == 0)
		*out = IV_FORMAT_CSV;
	else if (strcmp(format, "ftm") == 0)
		*out = IV_FORMAT_FTM;
	else
		return false;
	return true;
}

/* The parts' files are written: close them (their paths stay with the upload). */
static void upload_close_files(struct upload *u)
{
	close(u->file_fd);
	u->file_fd = -1;
	if (u->mapping_fd >= 0) {
		close(u->mapping_fd);
		u->mapping_fd = -1;
	}
}

/* A job for r's upload, not yet started nor listed; NULL with the reply set. */
static struct job *job_new(struct srv_req *r, struct upload *u)
{
	struct job *j = iv_calloc(sizeof(*j));

	if (!j) {
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		return NULL;
	}
	if (!upload_format(u->format, &j->format)) {
		iv_free(j);
		srv_error(r, MHD_HTTP_BAD_REQUEST, "invalid", "'format' is csv, ftm or auto");
		return NULL;
	}
	upload_close_files(u);
	iv_strlcpy(j->user, r->viewer.user, sizeof(j->user));
	iv_strlcpy(j->org, r->viewer.org, sizeof(j->org));
	iv_strlcpy(j->filename, u->filename, sizeof(j->filename));
	iv_strlcpy(j->file_path, u->file_path, sizeof(j->file_path));
	iv_strlcpy(j->mapping_path, u->mapping_path, sizeof(j->mapping_path));
	iv_strlcpy(j->dataset, u->dataset, sizeof(j->dataset));
	j->created = (int64_t)time(NULL);
	j->srv = r->srv;
	j->db = iv_strdup(r->srv->db);
	if (!j->db) {
		iv_free(j);
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		return NULL;
	}
	j->jobs = r->srv->jobs;
	return j;
}

/*
 * List j and start its thread, which takes the upload's files; the 202
 * and the audit query are set under the jobs' lock.  When the table is
 * full of running jobs or no thread starts, j is freed and the reply says
 * so.
 */
static void job_start(struct srv_req *r, struct upload *u, struct job *j)
{
	struct srv_jobs *js = j->jobs;

	pthread_mutex_lock(&js->lock);
	if (js->n == JOBS_MAX)
		reap(js);
	if (js->n == JOBS_MAX) {
		pthread_mutex_unlock(&js->lock);
		iv_free(j->db);
		iv_free(j);
		srv_error(r, MHD_HTTP_SERVICE_UNAVAILABLE, "unavailable",
		          "%d ingest jobs are running; try later", JOBS_MAX);
		return;
	}
	j->id = ++js->next_id;
	if (pthread_create(&j->thread, NULL, run_job, j) != 0) {
		pthread_mutex_unlock(&js->lock);
		iv_free(j->db);
		iv_free(j);
		srv_fail(r, IV_ERR_INTERNAL, NULL, "");
		return;
	}
	js->jobs[js->n++] = j;
	/* the job owns the files now */
	u->file_path[0] = u->mapping_path[0] = '\0';
	srv_json(r, MHD_HTTP_ACCEPTED, job_json(j));
	/* under the lock: once it is released, a finished job may be reaped (freed) by
	 * another upload's job_start when the table is full */
	srv_audit_query(r, "file=%s&job=%u", j->filename, j->id);
	pthread_mutex_unlock(&js->lock);
}

void h_ingest(struct srv_req *r)
{
	struct upload *u = r->upload;
	struct job *j;

	if (!upload_acceptable(r, u))
		return;
	j = job_new(r, u);
	if (j)
		job_start(r, u, j);
}

void h_job(struct srv_req *r)
{
	struct srv_jobs *js = r->srv->jobs;
	char *end;
	unsigned long id = strtoul(r->params[0], &end, 10);
	json_t *out = NULL;
	bool found = false;

	pthread_mutex_lock(&js->lock);
	for (size_t i = 0; *end == '\0' && i < js->n; i++) {
		struct job *j = js->jobs[i];
		if (j->id != id)
			continue;
		found = strcmp(j->user, r->viewer.user) == 0;
		if (found)
			out = job_json(j);
		break;
	}
	pthread_mutex_unlock(&js->lock);
	if (!found)
		srv_error(r, MHD_HTTP_NOT_FOUND, "not_found", "no such job of yours");
	else
		srv_json(r, MHD_HTTP_OK, out);
}

/* The caller's own jobs the server still remembers, newest first (ids only grow). */
void h_jobs(struct srv_req *r)
{
	struct srv_jobs *js = r->srv->jobs;
	json_t *list = json_array();
	bool nomem = !list;

	pthread_mutex_lock(&js->lock);
	for (size_t i = js->n; !nomem && i-- > 0;) {
		struct job *j = js->jobs[i];

		if (strcmp(j->user, r->viewer.user) == 0)
			nomem = json_array_append_new(list, job_json(j)) != 0;
	}
	pthread_mutex_unlock(&js->lock);
	if (nomem) {
		json_decref(list);
		srv_fail(r, IV_ERR_NOMEM, NULL, "");
		return;
	}
	srv_json(r, MHD_HTTP_OK, json_pack("{s:o}", "jobs", list));
}
