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

static IV_MUST_USE enum iv_err bad(struct iv_buf *err, const char *name, size_t i, const char *what)
{
	return iv_seterr(err, IV_ERR_INVALID, "%s: sources[%zu]: %s", name, i, what);
}

static const char *const source_keys[] = {
        "file",         "format",     "mapping",  "dataset",     "handling",
        "phone_region", "date_order", "calendar", "description", NULL};

static IV_MUST_USE enum iv_err read_source(const char *name, const char *dir, size_t i, json_t *src,
                                           const struct iv_ingest_opts *base, struct source *out,
                                           struct iv_arena *a, struct iv_buf *err)
{
	const char *key, *file, *s;
	json_t *v;
	struct iv_envelope_spec spec = {0};
	struct iv_buf msg = IV_BUF_INIT;
	enum iv_err rc = IV_OK;

	if (!json_is_object(src))
		return bad(err, name, i, "expected an object");
	json_object_foreach(src, key, v)
	{
		bool known = false;
		for (const char *const *k = source_keys; *k; k++)
			known |= !strcmp(*k, key);
		if (!known) {
			iv_buf_setf(&msg, "'%s' is not a known key", key);
			rc = bad(err, name, i, msg.buf);
			goto out;
		}
	}
	out->opts = *base;
	file = json_string_value(json_object_get(src, "file"));
	if (!file || !safe_relative(file)) {
		rc = bad(err, name, i, "file must be a path relative to the manifest, without ..");
		goto out;
	}
	out->file = resolve(a, dir, file);
	s = json_string_value(json_object_get(src, "format"));
	if (s && !strcmp(s, "ftm"))
		out->opts.format = IV_FORMAT_FTM;
	else if (s && !strcmp(s, "csv"))
		out->opts.format = IV_FORMAT_CSV;
	else if (s || json_object_get(src, "format")) {
		rc = bad(err, name, i, "format must be ftm or csv");
		goto out;
	}
	v = json_object_get(src, "mapping");
	if (v) {
		s = json_string_value(v);
		if (!s || !safe_relative(s)) {
			rc = bad(err, name, i,
			         "mapping must be a path relative to the manifest, without ..");
			goto out;
		}
		out->mapping = resolve(a, dir, s);
		out->opts.mapping_path = out->mapping;
	}
	v = json_object_get(src, "dataset");
	if (v) {
		s = json_string_value(v);
		if (!s || !*s) {
			rc = bad(err, name, i, "dataset must be a non-empty string");
			goto out;
		}
		out->opts.dataset = iv_arena_strdup(a, s);
	}
	v = json_object_get(src, "phone_region");
	if (v) {
		s = json_string_value(v);
		if (!s || strlen(s) != 2) {
			rc = bad(err, name, i, "phone_region must be a two-letter code");
			goto out;
		}
		out->opts.norm.phone_region = iv_arena_strdup(a, s);
	}
	v = json_object_get(src, "date_order");
	if (v) {
		s = json_string_value(v);
		if (!s || (strcmp(s, "dmy") && strcmp(s, "mdy"))) {
			rc = bad(err, name, i, "date_order must be dmy or mdy");
			goto out;
		}
		out->opts.norm.date_mdy = !strcmp(s, "mdy");
		out->opts.date_order_set = true;
	}
	v = json_object_get(src, "calendar");
	if (v && !iv_calendar_from_name(json_string_value(v), &out->opts.norm.calendar)) {
		rc = bad(err, name, i, "calendar must be gregorian, persian, islamic or ethiopic");
		goto out;
	}
	v = json_object_get(src, "handling");
	if (v) {
		if (!json_is_object(v)) {
			rc = bad(err, name, i, "handling must be an object");
			goto out;
		}
		rc = iv_envelope_from_json(v, &spec, a, &msg);
		if (rc) {
			rc = bad(err, name, i, msg.buf);
			goto out;
		}
		/* the package's defaults sit under the mapping's and the caller's */
		iv_handling_default(&out->opts.package);
		iv_envelope_apply(&out->opts.package, &spec);
		out->opts.package_set = spec.set;
	}
	if (!out->file || (json_object_get(src, "dataset") && !out->opts.dataset) ||
	    (json_object_get(src, "phone_region") && !out->opts.norm.phone_region))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
out:
	iv_buf_release(&msg);
	return rc;
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
		if (iv_buf_add(&text, chunk, n)) {
			rc = iv_seterr(err, IV_ERR_TOOBIG, "%s: manifest larger than %u bytes",
			               path, MANIFEST_MAX_BYTES);
			goto out;
		}
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

enum iv_err iv_ingest_manifest(struct iv_store *st, const char *path,
                               const struct iv_ingest_opts *opts, iv_ingest_file_fn on_file,
                               void *ctx, struct iv_buf *err)
{
	struct iv_arena arena = IV_ARENA_INIT;
	struct source *sources = NULL;
	struct iv_ingest_report *reports = NULL;
	json_t *root = NULL, *list, *version;
	char dir[PATH_MAX];
	const char *slash;
	size_t count = 0;
	bool in_tx = false;
	enum iv_err rc;

	rc = load_json(path, &root, err);
	if (rc)
		goto out;
	version = json_object_get(root, "manifest_version");
	if (!json_is_object(root) || !json_is_integer(version) ||
	    json_integer_value(version) != 1) {
		rc = iv_seterr(err, IV_ERR_INVALID, "%s: not a manifest (\"manifest_version\": 1)",
		               path);
		goto out;
	}
	list = json_object_get(root, "sources");
	count = json_array_size(list);
	if (!json_is_array(list) || count == 0 || count > MANIFEST_MAX_SOURCES) {
		rc = iv_seterr(err, IV_ERR_INVALID, "%s: \"sources\" must list 1 to %d files", path,
		               MANIFEST_MAX_SOURCES);
		goto out;
	}
	slash = strrchr(path, '/');
	if (!slash)
		iv_strlcpy(dir, ".", sizeof(dir));
	else if ((size_t)(slash - path) >= sizeof(dir)) {
		rc = iv_seterr(err, IV_ERR_INVALID, "%s: path too long", path);
		goto out;
	} else {
		memcpy(dir, path, (size_t)(slash - path));
		dir[slash - path] = '\0';
		if (!dir[0])
			iv_strlcpy(dir, "/", sizeof(dir));
	}
	sources = iv_calloc(sizeof(*sources) * count);
	reports = iv_calloc(sizeof(*reports) * count);
	if (!sources || !reports) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}
	/* check the whole manifest before loading anything */
	for (size_t i = 0; i < count; i++) {
		rc = read_source(path, dir, i, json_array_get(list, i), opts, &sources[i], &arena,
		                 err);
		if (rc)
			goto out;
	}
	rc = iv_store_begin(st, err);
	if (rc)
		goto out;
	in_tx = true;
	for (size_t i = 0; i < count; i++) {
		rc = iv_ingest_in_tx(st, sources[i].file, &sources[i].opts, &reports[i], err);
		if (rc)
			goto out;
	}
	rc = iv_store_commit(st, err);
	in_tx = false;
	if (rc)
		goto out;
	for (size_t i = 0; i < count && on_file; i++)
		on_file(ctx, sources[i].file, &reports[i]);
out:
	if (in_tx)
		iv_store_rollback(st);
	json_decref(root);
	iv_free(sources);
	iv_free(reports);
	iv_arena_release(&arena);
	return rc;
}
