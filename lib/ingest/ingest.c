/*
 * ingest.c - the ingest driver: options, handling envelopes, emitting
 * statements, reading files line by line with a cap, one transaction per
 * file, and the dangling-reference count.  The readers for each format
 * live in ftm.c and csv.c; mappings in mapping.c.
 */
#include <errno.h>
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>

#include "ingest/ingest_int.h"

#define CHUNK_SIZE (1u << 20)

void iv_ingest_opts_init(struct iv_ingest_opts *o)
{
	memset(o, 0, sizeof(*o));
	iv_handling_default(&o->handling);
}

/* ---- envelopes ------------------------------------------------------------ */

void iv_envelope_apply(struct iv_handling *h, const struct iv_envelope_spec *spec)
{
	const struct iv_handling *s = &spec->h;
	unsigned set = spec->set;

	if (set & IV_HF_GRADE) {
		h->source_grade = s->source_grade;
		h->assessment = s->assessment;
	}
	if (set & IV_HF_CODE)
		h->code = s->code;
	if (set & IV_HF_CONDITIONS)
		h->conditions = s->conditions;
	if (set & IV_HF_RELEASABLE)
		h->releasable_to = s->releasable_to;
	if (set & IV_HF_CLASSIFICATION)
		h->classification = s->classification;
	if (set & IV_HF_DESCRIPTOR)
		h->descriptor = s->descriptor;
	if (set & IV_HF_ORIGINATOR)
		h->originator = s->originator;
	if (set & IV_HF_COMPARTMENT)
		h->compartment = s->compartment;
	if (set & IV_HF_SUBJECT)
		h->subject = s->subject;
	if (set & IV_HF_RETENTION)
		h->retention_review = s->retention_review;
	if (set & IV_HF_EUROPOL)
		h->europol_code = s->europol_code;
	if (set & IV_HF_TLP)
		h->tlp = s->tlp;
	if (set & IV_HF_LEGACY)
		h->legacy_grade = s->legacy_grade;
}

static const char *keep(struct iv_arena *strings, const char *value)
{
	return iv_arena_strdup(strings, value);
}

/* The envelope's fields given as text, kept as written, by key and by its other name. */
static const struct text_field {
	const char *key, *alias;
	size_t offset; /* of the const char * in struct iv_handling */
	unsigned bit;
} text_fields[] = {
        {"conditions", NULL, offsetof(struct iv_handling, conditions), IV_HF_CONDITIONS},
        {"releasable_to", "releasability", offsetof(struct iv_handling, releasable_to),
         IV_HF_RELEASABLE},
        {"descriptor", NULL, offsetof(struct iv_handling, descriptor), IV_HF_DESCRIPTOR},
        {"originator", NULL, offsetof(struct iv_handling, originator), IV_HF_ORIGINATOR},
        {"compartment", "operation", offsetof(struct iv_handling, compartment), IV_HF_COMPARTMENT},
        {"retention_review", NULL, offsetof(struct iv_handling, retention_review), IV_HF_RETENTION},
        {"europol", "europol_code", offsetof(struct iv_handling, europol_code), IV_HF_EUROPOL},
        {"tlp", NULL, offsetof(struct iv_handling, tlp), IV_HF_TLP},
        {"legacy_grade", NULL, offsetof(struct iv_handling, legacy_grade), IV_HF_LEGACY},
};

/* The envelope's fields read from a closed set of words; IV_ERR_NOTFOUND when key
 * is none of them. */
static enum iv_err set_coded(struct iv_envelope_spec *spec, const char *key, const char *value,
                             struct iv_buf *err)
{
	struct iv_handling *h = &spec->h;

	if (!strcmp(key, "grade")) {
		if (iv_grade_parse(value, h))
			return iv_seterr(err, IV_ERR_INVALID,
			                 "grade '%s' is not a 3x5x2 grade such as 2B", value);
		spec->set |= IV_HF_GRADE;
	} else if (!strcmp(key, "handling") || !strcmp(key, "code")) {
		if ((value[0] != 'P' && value[0] != 'C') || value[1])
			return iv_seterr(err, IV_ERR_INVALID, "handling '%s' is not P or C", value);
		h->code = value[0];
		spec->set |= IV_HF_CODE;
	} else if (!strcmp(key, "classification")) {
		if (!iv_classification_parse(value, &h->classification))
			return iv_seterr(err, IV_ERR_INVALID,
			                 "classification '%s' is not OFFICIAL, OFFICIAL-SENSITIVE, "
			                 "SECRET or TOP SECRET",
			                 value);
		spec->set |= IV_HF_CLASSIFICATION;
	} else if (!strcmp(key, "subject") || !strcmp(key, "subject_category")) {
		if (!iv_subject_parse(value, &h->subject))
			return iv_seterr(err, IV_ERR_INVALID,
			                 "subject '%s' is not suspect, convicted, victim, witness "
			                 "or other",
			                 value);
		spec->set |= IV_HF_SUBJECT;
	} else {
		return IV_ERR_NOTFOUND;
	}
	return IV_OK;
}

enum iv_err iv_envelope_set(struct iv_envelope_spec *spec, const char *key, const char *value,
                            struct iv_arena *strings, struct iv_buf *err)
{
	enum iv_err rc = set_coded(spec, key, value, err);

	if (rc != IV_ERR_NOTFOUND)
		return rc;
	for (size_t i = 0; i < sizeof(text_fields) / sizeof(text_fields[0]); i++) {
		const struct text_field *f = &text_fields[i];
		const char **slot = (const char **)(void *)((char *)&spec->h + f->offset);

		if (strcmp(key, f->key) != 0 && !(f->alias && strcmp(key, f->alias) == 0))
			continue;
		*slot = keep(strings, value);
		if (!*slot)
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		spec->set |= f->bit;
		return IV_OK;
	}
	return IV_ERR_NOTFOUND;
}

/* ---- times ----------------------------------------------------------------- */

bool iv_ingest_parse_time(const char *s, int64_t *out)
{
	struct iv_date d;
	char tmp[32];
	size_t n = strlen(s);

	/* iv_date_parse takes minute or second precision: drop a fraction of
	 * a second, keeping what follows it (a zone it then judges) */
	if (n >= sizeof(tmp))
		return false;
	memcpy(tmp, s, n + 1);
	char *dot = strchr(tmp, '.');
	if (dot) {
		char *end = dot + 1;
		while (*end >= '0' && *end <= '9')
			end++;
		memmove(dot, end, strlen(end) + 1);
	}
	if (iv_date_parse(tmp, &d))
		return false;
	*out = iv_date_seconds(&d, false);
	return true;
}

/* ---- one ingest ------------------------------------------------------------ */

static const char *base_name(const char *path)
{
	const char *slash = strrchr(path, '/');
	return slash ? slash + 1 : path;
}

enum iv_err iv_ingest_new(struct iv_store *st, const char *name, const struct iv_ingest_opts *opts,
                          struct iv_ingest **out, struct iv_buf *err)
{
	struct iv_ingest *in = iv_calloc(sizeof(*in));

	if (!in)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	in->store = st;
	in->opts = *opts;
	if (!in->opts.max_record)
		in->opts.max_record = IV_INGEST_MAX_RECORD;
	in->name = iv_arena_strdup(&in->arena, opts->name && *opts->name ? opts->name : name);
	if (!in->name) {
		iv_ingest_free(in);
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	in->base = base_name(in->name);
	{
		static const char *const exts[] = {".jsonl", ".json", ".ndjson",
		                                   ".ftm",   ".csv",  ".tsv"};
		size_t n = strlen(in->base);
		for (size_t i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
			size_t e = strlen(exts[i]);
			if (n > e && !strcasecmp(in->base + n - e, exts[i])) {
				n -= e;
				break;
			}
		}
		in->default_dataset = iv_arena_strndup(&in->arena, in->base, n);
		if (!in->default_dataset) {
			iv_ingest_free(in);
			return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		}
	}
	in->cli.h = opts->handling;
	in->cli.set = opts->handling_set;
	in->package.h = opts->package;
	in->package.set = opts->package_set;
	iv_buf_init(&in->value, in->opts.max_record + 64);
	iv_buf_init(&in->scratch, 0);
	in->now = iv_now();
	*out = in;
	return IV_OK;
}

void iv_ingest_free(struct iv_ingest *in)
{
	if (!in)
		return;
	iv_buf_release(&in->value);
	iv_buf_release(&in->scratch);
	iv_refs_release(&in->refs);
	iv_arena_release(&in->arena);
	iv_map_release(&in->memo);
	iv_arena_release(&in->memo_arena);
	iv_buf_release(&in->memo_key);
	iv_buf_release(&in->dataset_seen);
	iv_free(in);
}

const char *iv_ingest_dataset_problem(const char *dataset)
{
	size_t n = strlen(dataset), bad;

	if (n == 0)
		return "is empty";
	if (n > IV_DATASET_MAX)
		return "is longer than 200 bytes";
	if (!iv_utf8_valid(dataset, n, &bad))
		return "is not valid UTF-8";
	for (size_t i = 0; i < n; i++)
		if ((unsigned char)dataset[i] < 0x20 || dataset[i] == 0x7f)
			return "holds a control character";
	return NULL;
}

const char *iv_ingest_detail(enum iv_err rc, const char *detail, char *room, size_t size)
{
	if (detail && *detail)
		return detail;
	if (rc == IV_ERR_NOMEM)
		return "out of memory";
	snprintf(room, size, "failed with error '%s' and no detail", iv_err_name(rc));
	return room;
}

enum iv_err iv_ingest_note_dataset(struct iv_ingest *in, const char *dataset)
{
	if (in->dataset_seen.len && !strcmp(in->dataset_seen.buf, dataset))
		return IV_OK;
	iv_buf_reset(&in->dataset_seen);
	if (iv_buf_adds(&in->dataset_seen, dataset))
		return IV_ERR_NOMEM;
	iv_strlcpy(in->report.dataset, dataset, sizeof(in->report.dataset));
	return IV_OK;
}

void iv_ingest_report_get(const struct iv_ingest *in, struct iv_ingest_report *out)
{
	*out = in->report;
}

#define MEMO_CAP       200000
#define MEMO_MAX_VALUE 256

static bool memo_worth(enum iv_type t)
{
	switch (t) {
	case IV_TYPE_PHONE:
	case IV_TYPE_DATE:
	case IV_TYPE_COUNTRY:
	case IV_TYPE_AMOUNT:
	case IV_TYPE_CURRENCY:
	case IV_TYPE_IBAN:
	case IV_TYPE_EMAIL:
	case IV_TYPE_URL:
	case IV_TYPE_NAME:
		return true;
	default:
		return false;
	}
}

/*
 * Normalise through the memo: sources repeat the same phone numbers, dates
 * and countries over and over, and libphonenumber's regular expressions
 * cost far more than a hash look-up.  The result is exactly what
 * iv_type_normalize gives; the memo only skips recomputing it.
 */
static IV_MUST_USE enum iv_err normalize(struct iv_ingest *in, enum iv_type t, const char *raw,
                                         const struct iv_norm_ctx *norm, bool *valid)
{
	const char *hit;
	char *copy;
	size_t rlen = strlen(raw);
	enum iv_err rc;

	if (!memo_worth(t) || rlen > MEMO_MAX_VALUE)
		return iv_type_normalize(t, raw, norm, &in->value, valid);
	iv_buf_reset(&in->memo_key);
	if (iv_buf_addf(&in->memo_key, "%c%s%c%c%c", 'a' + (int)t,
	                norm && norm->phone_region ? norm->phone_region : "",
	                norm && norm->date_mdy ? 'm' : 'd', norm ? '0' + (int)norm->calendar : '0',
	                '\x1f') ||
	    iv_buf_add(&in->memo_key, raw, rlen))
		return IV_ERR_NOMEM;
	hit = iv_map_getn(&in->memo, in->memo_key.buf, in->memo_key.len);
	if (hit) {
		*valid = hit[0] == '1';
		iv_buf_reset(&in->value);
		return iv_buf_adds(&in->value, hit + 1);
	}
	rc = iv_type_normalize(t, raw, norm, &in->value, valid);
	if (rc)
		return rc;
	if (in->memo.len >= MEMO_CAP) {
		iv_map_release(&in->memo);
		iv_arena_release(&in->memo_arena);
	}
	copy = iv_arena_alloc(&in->memo_arena, in->value.len + 2);
	if (!copy)
		return IV_OK; /* the memo is an optimisation: carry on without it */
	copy[0] = *valid ? '1' : '0';
	memcpy(copy + 1, in->value.buf, in->value.len + 1);
	/* a failed insert only means a later look-up misses */
	(void)!iv_map_putn(&in->memo, in->memo_key.buf, in->memo_key.len, copy);
	return IV_OK;
}

enum iv_err iv_ingest_emit(struct iv_ingest *in, const char *entity, const struct iv_schema *schema,
                           const char *prop, const char *raw, const char *original,
                           const char *dataset, const char *source_record,
                           const struct iv_handling *h, const struct iv_norm_ctx *norm,
                           int64_t first_seen, int64_t last_seen, struct iv_buf *err)
{
	const struct iv_property *p = iv_schema_property(schema, prop);
	struct iv_statement s;
	bool valid = false;
	enum iv_err rc;

	if (!p)
		return iv_seterr(err, IV_ERR_INVALID, "schema %s has no property '%s'",
		                 iv_schema_name(schema), prop);
	rc = normalize(in, p->type, raw, norm, &valid);
	if (rc)
		return iv_seterr(err, rc,
		                 "property '%s': value of %zu bytes could not be stored: %s", prop,
		                 strlen(raw), iv_err_text(rc));
	if (!valid && in->value.len == 0)
		return IV_OK; /* empty after trimming: nothing was said */

	memset(&s, 0, sizeof(s));
	s.entity = entity;
	s.schema = iv_schema_name(schema);
	s.property = prop;
	s.value = in->value.buf;
	s.original = original ? original : raw;
	s.dataset = dataset;
	s.source_record = source_record;
	s.first_seen = first_seen;
	s.last_seen = last_seen;
	s.flags = valid ? 0 : IV_STMT_INVALID;
	if (p->type == IV_TYPE_ENTITY)
		s.flags |= IV_STMT_REF;
	s.handling = *h;
	iv_statement_id(&s, NULL);
	if (in->pipe)
		rc = iv_pipe_push(in->pipe, &s, in->line, in->col);
	else
		rc = iv_refs_put(&in->refs, in->store, &s, err);
	if (rc == IV_ERR_NOMEM)
		return iv_seterr(err, rc, "out of memory");
	if (rc == IV_ERR_INTERNAL && in->pipe)
		return iv_seterr(err, rc, "stopped: the store failed earlier in the file");
	if (rc)
		return rc;
	in->report.statements++;
	if (!valid)
		in->report.invalid++;
	return IV_OK;
}

/* ---- references -------------------------------------------------------------- */

void iv_refs_release(struct iv_refs *r)
{
	iv_map_release(&r->pending);
	memset(r, 0, sizeof(*r));
}

/* Keep only the ids that are in no entity yet. */
static IV_MUST_USE enum iv_err refs_prune(struct iv_refs *r, struct iv_store *st,
                                          struct iv_buf *err)
{
	struct iv_map kept = IV_MAP_INIT;
	struct iv_buf why = IV_BUF_INIT;
	size_t pos = 0;
	const char *key;
	void *unused;
	enum iv_err rc = IV_OK;

	while (!rc && iv_map_next(&r->pending, &pos, &key, &unused)) {
		bool exists = false;

		rc = iv_store_entity_exists(st, key, &exists, &why);
		if (rc)
			iv_seterr(err, rc, "checking the references read so far: %s",
			          why.buf ? why.buf : "");
		else if (!exists && iv_map_put(&kept, key, NULL))
			rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	iv_buf_release(&why);
	if (rc) {
		iv_map_release(&kept);
		return rc;
	}
	iv_map_release(&r->pending);
	r->pending = kept;
	return IV_OK;
}

enum iv_err iv_refs_put(struct iv_refs *r, struct iv_store *st, const struct iv_statement *s,
                        struct iv_buf *err)
{
	const char *id = s->value;
	enum iv_err rc = iv_store_put(st, s, err);

	if (rc || !(s->flags & IV_STMT_REF) || (s->flags & IV_STMT_INVALID) ||
	    iv_map_has(&r->pending, id))
		return rc;
	if (iv_map_put(&r->pending, id, NULL))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	if (r->pending.len < (r->check_at ? r->check_at : IV_REFS_CHECK))
		return IV_OK;
	rc = refs_prune(r, st, err);
	/* many references forward: look again when the set has doubled, not at every id */
	r->check_at = r->pending.len * 2 > IV_REFS_CHECK ? r->pending.len * 2 : IV_REFS_CHECK;
	return rc;
}

enum iv_err iv_refs_dangling(struct iv_refs *r, struct iv_store *st, uint64_t *dangling,
                             struct iv_buf *err)
{
	enum iv_err rc = refs_prune(r, st, err);

	*dangling = rc ? 0 : r->pending.len;
	return rc;
}

enum iv_err iv_ingest_finish(struct iv_ingest *in, struct iv_buf *err)
{
	uint64_t dangling = 0;
	enum iv_err rc = iv_refs_dangling(&in->refs, in->store, &dangling, err);

	in->report.dangling += dangling;
	return rc;
}

/* ---- reading lines ---------------------------------------------------------- */

enum iv_err iv_line_reader_open(struct iv_line_reader *r, const char *path, size_t cap,
                                struct iv_buf *err)
{
	struct stat sb;

	memset(r, 0, sizeof(*r));
	iv_buf_init(&r->line, cap);
	r->fp = fopen(path, "rb");
	if (!r->fp) {
		int e = errno;
		return iv_seterr(err, e == ENOENT ? IV_ERR_NOTFOUND : IV_ERR_IO, "%s: %s", path,
		                 strerror(e));
	}
	if (fstat(fileno(r->fp), &sb) == 0 && S_ISDIR(sb.st_mode)) {
		fclose(r->fp);
		r->fp = NULL;
		return iv_seterr(err, IV_ERR_INVALID, "%s: is a directory", path);
	}
	r->chunk = iv_malloc(CHUNK_SIZE);
	if (!r->chunk) {
		fclose(r->fp);
		r->fp = NULL;
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	}
	return IV_OK;
}

enum iv_err iv_line_reader_next(struct iv_line_reader *r, bool *got)
{
	enum iv_err kept = IV_OK; /* why the line could not be kept whole */

	iv_buf_reset(&r->line);
	*got = false;
	for (;;) {
		if (r->chunk_pos == r->chunk_len) {
			if (r->eof)
				break;
			r->chunk_len = fread(r->chunk, 1, CHUNK_SIZE, r->fp);
			r->chunk_pos = 0;
			if (r->chunk_len == 0) {
				if (ferror(r->fp))
					return IV_ERR_IO;
				r->eof = true;
				break;
			}
		}
		const char *start = r->chunk + r->chunk_pos;
		size_t avail = r->chunk_len - r->chunk_pos;
		const char *nl = memchr(start, '\n', avail);
		size_t take = nl ? (size_t)(nl - start) : avail;

		r->chunk_pos += take + (nl ? 1 : 0);
		r->bytes += take + (nl ? 1 : 0);
		*got = true;
		if (!kept)
			kept = iv_buf_add(&r->line, start, take);
		if (nl)
			break;
	}
	if (!*got)
		return IV_OK;
	r->lineno++;
	/* a CR before the newline stays: JSON reads it as white space, libcsv as
	 * the end of a record, and inside a quoted field it is data */
	return kept; /* IV_ERR_TOOBIG past the cap, IV_ERR_NOMEM when memory ran out first */
}

void iv_line_reader_close(struct iv_line_reader *r)
{
	if (r->fp)
		fclose(r->fp);
	iv_free(r->chunk);
	iv_buf_release(&r->line);
	memset(r, 0, sizeof(*r));
}

/* ---- one file, one transaction ------------------------------------------------ */

static enum iv_ingest_format guess_format(const char *path)
{
	const char *dot = strrchr(base_name(path), '.');

	if (!dot)
		return IV_FORMAT_AUTO;
	if (!strcasecmp(dot, ".csv") || !strcasecmp(dot, ".tsv"))
		return IV_FORMAT_CSV;
	if (!strcasecmp(dot, ".json") || !strcasecmp(dot, ".jsonl") || !strcasecmp(dot, ".ftm") ||
	    !strcasecmp(dot, ".ndjson"))
		return IV_FORMAT_FTM;
	return IV_FORMAT_AUTO;
}

static bool blank(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return false;
	return true;
}

static IV_MUST_USE enum iv_err read_lines(struct iv_ingest *in, struct iv_line_reader *r,
                                          struct iv_csv_reader *csv, uint64_t total,
                                          struct iv_buf *err)
{
	enum iv_err rc = IV_OK;
	bool got;
	uint64_t next_progress = 0;

	for (;;) {
		rc = iv_line_reader_next(r, &got);
		if (rc == IV_ERR_TOOBIG)
			return iv_seterr(err, rc, "%s:%llu:1: line longer than the %zu-byte limit",
			                 in->name, (unsigned long long)r->lineno,
			                 in->opts.max_record);
		if (rc == IV_ERR_NOMEM)
			return iv_seterr(err, rc, "%s:%llu:1: out of memory", in->name,
			                 (unsigned long long)r->lineno);
		if (rc)
			return iv_seterr(err, rc, "%s: read failed: %s", in->name, strerror(errno));
		if (!got)
			break;
		if (r->lineno == 1 && r->line.len >= 3 && !memcmp(r->line.buf, "\xEF\xBB\xBF", 3)) {
			memmove(r->line.buf, r->line.buf + 3, r->line.len - 2);
			r->line.len -= 3;
		}
		if (csv)
			rc = iv_csv_reader_feed(csv, r->line.buf, r->line.len, r->lineno, err);
		else if (!blank(r->line.buf, r->line.len))
			rc = iv_ingest_ftm_line(in, r->line.buf, r->line.len, r->lineno, err);
		if (rc)
			return rc;
		if (in->opts.progress && r->bytes >= next_progress) {
			in->opts.progress(in->opts.progress_ctx, r->bytes, total);
			next_progress = r->bytes + (4u << 20);
		}
	}
	if (csv)
		rc = iv_csv_reader_finish(csv, r->lineno, err);
	if (in->opts.progress)
		in->opts.progress(in->opts.progress_ctx, r->bytes, total);
	return rc;
}

struct producer {
	struct iv_ingest *in;
	struct iv_line_reader *reader;
	struct iv_csv_reader *csv;
	uint64_t total;
	enum iv_err rc;
	struct iv_buf err;
};

static void *produce(void *arg)
{
	struct producer *pr = arg;
	enum iv_err close_rc;

	pr->rc = read_lines(pr->in, pr->reader, pr->csv, pr->total, &pr->err);
	/* closing hands over the last batch; the consumer drains what came
	 * before an error too, since an error there is at an earlier line */
	close_rc = iv_pipe_close(pr->in->pipe);
	if (!pr->rc && close_rc)
		pr->rc = iv_seterr(&pr->err, close_rc, "%s: the store failed", pr->in->name);
	return NULL;
}

/*
 * Read the whole file with the reader in a second thread and the store
 * writes in this one (see pipeline.c).  Falls back to one thread when the
 * pipeline cannot be set up.
 */
static IV_MUST_USE enum iv_err read_pipelined(struct iv_ingest *in, struct iv_line_reader *reader,
                                              struct iv_csv_reader *csv, uint64_t total,
                                              struct iv_buf *err)
{
	struct producer pr = {in, reader, csv, total, IV_OK, IV_BUF_INIT};
	pthread_t thread;
	uint64_t err_line = 0;
	char room[64];
	enum iv_err rc;

	/* room for the reader's message before it is needed: one written where
	 * memory has run out is otherwise lost, and with it the line */
	if (iv_buf_grow(&pr.err, strlen(in->name) + 256))
		return read_lines(in, reader, csv, total, err);
	if (iv_pipe_new(&in->pipe)) {
		iv_buf_release(&pr.err);
		return read_lines(in, reader, csv, total, err);
	}
	if (pthread_create(&thread, NULL, produce, &pr)) {
		iv_pipe_free(in->pipe);
		in->pipe = NULL;
		iv_buf_release(&pr.err);
		return read_lines(in, reader, csv, total, err);
	}
	rc = iv_pipe_drain(in->pipe, in->store, &in->refs, in->name, &err_line, err);
	pthread_join(thread, NULL);
	iv_pipe_free(in->pipe);
	in->pipe = NULL;
	/* the store's error is at or before the reader's: it wins */
	if (!rc && pr.rc && pr.err.len)
		rc = iv_seterr(err, pr.rc, "%s", pr.err.buf);
	else if (!rc && pr.rc)
		rc = iv_seterr(err, pr.rc, "%s: %s", in->name,
		               iv_ingest_detail(pr.rc, NULL, room, sizeof(room)));
	iv_buf_release(&pr.err);
	return rc;
}

/*
 * Ingest one file into the transaction already open on st; on success the
 * report is filled with the file's own counts and the file is logged.
 */
/*
 * The file opened for reading, when its format can be read: a CSV file needs
 * a mapping, and an empty file is an error.  *total is its size in bytes (0
 * when unknown: a pipe), for progress.
 */
static IV_MUST_USE enum iv_err open_source(const char *path, enum iv_ingest_format format,
                                           const struct iv_ingest_opts *opts,
                                           struct iv_line_reader *reader, uint64_t *total,
                                           struct iv_buf *err)
{
	struct stat sb;
	enum iv_err rc;

	if (format == IV_FORMAT_AUTO)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: cannot tell the format from the name; use --format ftm|csv",
		                 path);
	if (format == IV_FORMAT_CSV && !opts->mapping_path)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: a CSV file needs a mapping (--mapping MAPPING.yml)", path);
	rc = iv_line_reader_open(reader, path,
	                         opts->max_record ? opts->max_record : IV_INGEST_MAX_RECORD, err);
	if (rc || fstat(fileno(reader->fp), &sb) != 0)
		return rc;
	*total = (uint64_t)sb.st_size;
	if (S_ISREG(sb.st_mode) && sb.st_size == 0)
		return iv_seterr(err, IV_ERR_INVALID, "%s: the file is empty", path);
	return IV_OK;
}

/* What the file added to the store since *before, into the ingest log (under the file's
 * name) and the report. */
static IV_MUST_USE enum iv_err log_counts(struct iv_store *st, struct iv_ingest *in,
                                          const struct iv_store_counts *before, struct iv_buf *err)
{
	struct iv_store_counts after, delta;
	enum iv_err rc;

	iv_store_counts(st, &after);
	delta.statements_added = after.statements_added - before->statements_added;
	delta.statements_skipped = after.statements_skipped - before->statements_skipped;
	delta.entities_added = after.entities_added - before->entities_added;
	rc = iv_store_log_ingest(st, in->name, in->dataset_seen.buf, &delta, err);
	if (rc)
		return rc;
	in->report.statements_added = delta.statements_added;
	in->report.statements_skipped = delta.statements_skipped;
	in->report.entities_added = delta.entities_added;
	return IV_OK;
}

enum iv_err iv_ingest_in_tx(struct iv_store *st, const char *path,
                            const struct iv_ingest_opts *opts, struct iv_ingest_report *report,
                            struct iv_buf *err)
{
	enum iv_ingest_format format = opts->format ? opts->format : guess_format(path);
	struct iv_line_reader reader;
	struct iv_mapping *mapping = NULL;
	struct iv_ingest *in = NULL;
	struct iv_csv_reader *csv = NULL;
	struct iv_store_counts before;
	uint64_t total = 0;
	enum iv_err rc;

	memset(&reader, 0, sizeof(reader));
	rc = open_source(path, format, opts, &reader, &total, err);
	if (!rc && format == IV_FORMAT_CSV)
		rc = iv_mapping_load(opts->mapping_path, &mapping, err);
	if (!rc)
		rc = iv_ingest_new(st, path, opts, &in, err);
	if (!rc && mapping) {
		rc = iv_csv_reader_new(in, mapping, &csv);
		if (rc)
			iv_seterr(err, rc, "out of memory");
	}
	if (!rc)
		rc = iv_store_flush(st, err);
	if (rc)
		goto out;
	iv_store_counts(st, &before);
	rc = read_pipelined(in, &reader, csv, total, err);
	if (!rc && in->report.records == 0)
		rc = iv_seterr(err, IV_ERR_INVALID, "%s: no records in the file", path);
	if (!rc)
		rc = iv_ingest_finish(in, err);
	if (!rc)
		rc = iv_store_flush(st, err);
	if (!rc)
		rc = log_counts(st, in, &before, err);
	if (!rc)
		*report = in->report;
out:
	iv_csv_reader_free(csv);
	iv_ingest_free(in);
	iv_mapping_free(mapping);
	iv_line_reader_close(&reader);
	return rc;
}

enum iv_err iv_ingest_file(struct iv_store *st, const char *path, const struct iv_ingest_opts *opts,
                           struct iv_ingest_report *report, struct iv_buf *err)
{
	enum iv_err rc = iv_store_begin(st, err);

	if (rc)
		return rc;
	rc = iv_ingest_in_tx(st, path, opts, report, err);
	if (!rc)
		rc = iv_store_commit(st, err);
	else
		iv_store_rollback(st);
	return rc;
}
