/*
 * manifest.c - loading a data package described by manifest.json (see
 * docs/manifest.md): every source file in one transaction, each with its
 * format, mapping, dataset and handling defaults.
 */
#include <errno.h>
#include <limits.h>
#include <string.h>

#include "ingest/ingest_int.h"

#define MANIFEST_MAX_BYTES   (4u << 20)
#define MANIFEST_MAX_SOURCES 10000

struct source {
	char *file;    /* resolved path */
	char *mapping; /* resolved path or NULL */
	struct iv_ingest_opts opts;
};

/* A path inside the package: relative, without "..". */
static bool safe_relative(const char *p)
{
	const char *seg = p;

	if (!*p || p[0] == '/')
		return false;
	for (;;) {
		const char *slash = strchr(seg, '/');
		size_t n = slash ? (size_t)(slash - seg) : strlen(seg);
		if (n == 2 && seg[0] == '.' && seg[1] == '.')
			return false;
		if (!slash)
			return true;
		seg = slash + 1;
	}
}

static char *resolve(struct iv_arena *a, const char *dir, const char *rel)
{
	size_t dn = strlen(dir), rn = strlen(rel);
	char *out = iv_arena_alloc(a, dn + rn + 2);

	if (!out)
		return NULL;
	memcpy(out, dir, dn);
	out[dn] = '/';
	memcpy(out + dn + 1, rel, rn + 1);
	return out;
}

/* One source being read: where it stands in the manifest, and where its strings go. */
struct source_reader {
	const char *name; /* the manifest, for messages */
	const char *dir;  /* the manifest's folder, which the source's paths are relative to */
	size_t i;         /* the source's index in "sources" */
	json_t *src;
	struct iv_arena *a;
	struct iv_buf *err;
};

static IV_MUST_USE enum iv_err bad(const struct source_reader *r, const char *what)
{
	return iv_seterr(r->err, IV_ERR_INVALID, "%s: sources[%zu]: %s", r->name, r->i, what);
}

static const char *const source_keys[] = {
        "file",         "format",     "mapping",  "dataset",     "handling",
        "phone_region", "date_order", "calendar", "description", NULL};

/* Every key of the source must be one of source_keys. */
static IV_MUST_USE enum iv_err check_source_keys(const struct source_reader *r)
{
	const char *key;
	json_t *v;

	json_object_foreach(r->src, key, v)
	{
		bool known = false;

		for (const char *const *k = source_keys; *k; k++)
			known |= !strcmp(*k, key);
		/* written straight into err: no message of its own that memory could fail */
		if (!known)
			return iv_seterr(r->err, IV_ERR_INVALID,
			                 "%s: sources[%zu]: '%s' is not a known key", r->name, r->i,
			                 key);
	}
	return IV_OK;
}

/* Where the source's data is and how to read it: file, format and mapping. */
static IV_MUST_USE enum iv_err read_location(const struct source_reader *r, struct source *out)
{
	const char *file = json_string_value(json_object_get(r->src, "file")), *s;
	json_t *v;

	if (!file || !safe_relative(file))
		return bad(r, "file must be a path relative to the manifest, without ..");
	out->file = resolve(r->a, r->dir, file);
	s = json_string_value(json_object_get(r->src, "format"));
	if (s && !strcmp(s, "ftm"))
		out->opts.format = IV_FORMAT_FTM;
	else if (s && !strcmp(s, "csv"))
		out->opts.format = IV_FORMAT_CSV;
	else if (s || json_object_get(r->src, "format"))
		return bad(r, "format must be ftm or csv");
	v = json_object_get(r->src, "mapping");
	if (v) {
		s = json_string_value(v);
		if (!s || !safe_relative(s))
			return bad(r,
			           "mapping must be a path relative to the manifest, without ..");
		out->mapping = resolve(r->a, r->dir, s);
		out->opts.mapping_path = out->mapping;
	}
	return IV_OK;
}

/* The source's dataset and what its values are read with: phone region, date order, calendar. */
static IV_MUST_USE enum iv_err read_settings(const struct source_reader *r,
                                             struct iv_ingest_opts *opts)
{
	const char *s;
	json_t *v;

	if ((v = json_object_get(r->src, "dataset"))) {
		s = json_string_value(v);
		if (!s || !*s)
			return bad(r, "dataset must be a non-empty string");
		opts->dataset = iv_arena_strdup(r->a, s);
	}
	if ((v = json_object_get(r->src, "phone_region"))) {
		s = json_string_value(v);
		if (!s || strlen(s) != 2)
			return bad(r, "phone_region must be a two-letter code");
		opts->norm.phone_region = iv_arena_strdup(r->a, s);
	}
	if ((v = json_object_get(r->src, "date_order"))) {
		s = json_string_value(v);
		if (!s || (strcmp(s, "dmy") && strcmp(s, "mdy")))
			return bad(r, "date_order must be dmy or mdy");
		opts->norm.date_mdy = !strcmp(s, "mdy");
		opts->date_order_set = true;
	}
	v = json_object_get(r->src, "calendar");
	if (v && !iv_calendar_from_name(json_string_value(v), &opts->norm.calendar))
		return bad(r, "calendar must be gregorian, persian, islamic or ethiopic");
	return IV_OK;
}

/* The source's handling: the package's defaults, which sit under the mapping's and the caller's. */
static IV_MUST_USE enum iv_err read_package_handling(const struct source_reader *r,
                                                     struct iv_ingest_opts *opts)
{
	struct iv_envelope_spec spec = {0};
	struct iv_buf msg = IV_BUF_INIT;
	json_t *v = json_object_get(r->src, "handling");
	char room[64];
	enum iv_err rc;

	if (!v)
		return IV_OK;
	if (!json_is_object(v))
		return bad(r, "handling must be an object");
	rc = iv_envelope_from_json(v, &spec, r->a, &msg);
	if (rc) {
		/* the envelope's own code (IV_ERR_NOMEM stays so); an empty message:
		 * memory ran out while it was written */
		if (!msg.len)
			rc = IV_ERR_NOMEM;
		rc = iv_seterr(r->err, rc, "%s: sources[%zu]: %s", r->name, r->i,
		               iv_ingest_detail(rc, msg.buf, room, sizeof(room)));
		goto out;
	}
	iv_handling_default(&opts->package);
	iv_envelope_apply(&opts->package, &spec);
	opts->package_set = spec.set;
out:
	iv_buf_release(&msg);
	return rc;
}

/*
 * Source i of the manifest name, its paths relative to dir, into out: the
 * caller's options (base) with the source's on top.  Strings go to a.
 * Every setting is checked before a copy that ran out of memory is said.
 */
static IV_MUST_USE enum iv_err read_source(const char *name, const char *dir, size_t i, json_t *src,
                                           const struct iv_ingest_opts *base, struct source *out,
                                           struct iv_arena *a, struct iv_buf *err)
{
	const struct source_reader r = {name, dir, i, src, a, err};
	enum iv_err rc;

	if (!json_is_object(src))
		return bad(&r, "expected an object");
	rc = check_source_keys(&r);
	if (rc)
		return rc;
	out->opts = *base;
	rc = read_location(&r, out);
	if (!rc)
		rc = read_settings(&r, &out->opts);
	if (!rc)
		rc = read_package_handling(&r, &out->opts);
	if (rc)
		return rc;
	if (!out->file || (json_object_get(src, "mapping") && !out->mapping) ||
	    (json_object_get(src, "dataset") && !out->opts.dataset) ||
	    (json_object_get(src, "phone_region") && !out->opts.norm.phone_region))
		return iv_seterr(err, IV_ERR_NOMEM, "%s: sources[%zu]: out of memory", name, i);
	return IV_OK;
}

static IV_MUST_USE enum iv_err load_json(const char *path, json_t **out, struct iv_buf *err)
{
	json_error_t jerr;
	FILE *fp = fopen(path, "rb");
	struct iv_buf text = IV_BUF_INIT;
	char chunk[65536];
	size_t n;
	enum iv_err rc = IV_OK;

	*out = NULL;
	if (!fp) {
		int e = errno;
		return iv_seterr(err, e == ENOENT ? IV_ERR_NOTFOUND : IV_ERR_IO, "%s: %s", path,
		                 strerror(e));
	}
	iv_buf_init(&text, MANIFEST_MAX_BYTES);
	while ((n = fread(chunk, 1, sizeof(chunk), fp)) > 0) {
		rc = iv_buf_add(&text, chunk, n);
		if (rc == IV_ERR_TOOBIG)
			rc = iv_seterr(err, rc, "%s: manifest larger than %u bytes", path,
			               MANIFEST_MAX_BYTES);
		else if (rc)
			rc = iv_seterr(err, IV_ERR_NOMEM, "%s: out of memory", path);
		if (rc)
			goto out;
	}
	if (!iv_utf8_valid(text.buf, text.len, &n)) {
		rc = iv_seterr(err, IV_ERR_INVALID, "%s: invalid UTF-8 at byte %zu", path, n + 1);
		goto out;
	}
	*out = json_loadb(text.buf, text.len, JSON_REJECT_DUPLICATES, &jerr);
	if (!*out)
		rc = iv_seterr(err, IV_ERR_INVALID, "%s:%d:%d: malformed JSON: %s", path, jerr.line,
		               jerr.column, jerr.text);
out:
	fclose(fp);
	iv_buf_release(&text);
	return rc;
}

/* The manifest's sources: 1 to MANIFEST_MAX_SOURCES of them, in a manifest of version 1. */
static IV_MUST_USE enum iv_err source_list(const char *path, json_t *root, json_t **list,
                                           size_t *count, struct iv_buf *err)
{
	json_t *version = json_object_get(root, "manifest_version");

	if (!json_is_object(root) || !json_is_integer(version) || json_integer_value(version) != 1)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: not a manifest (\"manifest_version\": 1)", path);
	*list = json_object_get(root, "sources");
	*count = json_array_size(*list);
	if (!json_is_array(*list) || *count == 0 || *count > MANIFEST_MAX_SOURCES)
		return iv_seterr(err, IV_ERR_INVALID, "%s: \"sources\" must list 1 to %d files",
		                 path, MANIFEST_MAX_SOURCES);
	return IV_OK;
}

/* The folder of the manifest at path into dir[0..size): "." for a bare name, "/" for the root. */
static IV_MUST_USE enum iv_err manifest_dir(const char *path, char *dir, size_t size,
                                            struct iv_buf *err)
{
	const char *slash = strrchr(path, '/');

	if (!slash) {
		iv_strlcpy(dir, ".", size);
		return IV_OK;
	}
	if ((size_t)(slash - path) >= size)
		return iv_seterr(err, IV_ERR_INVALID, "%s: path too long", path);
	memcpy(dir, path, (size_t)(slash - path));
	dir[slash - path] = '\0';
	if (!dir[0])
		iv_strlcpy(dir, "/", size);
	return IV_OK;
}

/* Every source into st in one transaction, rolled back when one fails. */
static IV_MUST_USE enum iv_err load_sources(struct iv_store *st, const struct source *sources,
                                            struct iv_ingest_report *reports, size_t count,
                                            struct iv_buf *err)
{
	enum iv_err rc = iv_store_begin(st, err);

	if (rc)
		return rc;
	for (size_t i = 0; i < count; i++) {
		rc = iv_ingest_in_tx(st, sources[i].file, &sources[i].opts, &reports[i], err);
		if (rc) {
			iv_store_rollback(st);
			return rc;
		}
	}
	return iv_store_commit(st, err);
}

enum iv_err iv_ingest_manifest(struct iv_store *st, const char *path,
                               const struct iv_ingest_opts *opts, iv_ingest_file_fn on_file,
                               void *ctx, struct iv_buf *err)
{
	struct iv_arena arena = IV_ARENA_INIT;
	struct source *sources = NULL;
	struct iv_ingest_report *reports = NULL;
	json_t *root = NULL, *list = NULL;
	char dir[PATH_MAX];
	size_t count = 0;
	enum iv_err rc;

	rc = load_json(path, &root, err);
	if (!rc)
		rc = source_list(path, root, &list, &count, err);
	if (!rc)
		rc = manifest_dir(path, dir, sizeof(dir), err);
	if (rc)
		goto out;
	sources = iv_calloc(sizeof(*sources) * count);
	reports = iv_calloc(sizeof(*reports) * count);
	if (!sources || !reports) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "%s: out of memory", path);
		goto out;
	}
	/* check the whole manifest before loading anything */
	for (size_t i = 0; i < count; i++) {
		rc = read_source(path, dir, i, json_array_get(list, i), opts, &sources[i], &arena,
		                 err);
		if (rc)
			goto out;
	}
	rc = load_sources(st, sources, reports, count, err);
	if (rc)
		goto out;
	for (size_t i = 0; i < count && on_file; i++)
		on_file(ctx, sources[i].file, &reports[i]);
out:
	json_decref(root);
	iv_free(sources);
	iv_free(reports);
	iv_arena_release(&arena);
	return rc;
}
