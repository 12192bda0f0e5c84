/*
 * io.c - how the generator writes: buffered files under the output
 * folder, CSV fields quoted as RFC 4180 asks, JSON strings escaped, and
 * the lines of truth/mentions.csv.  Write errors surface as IV_ERR_IO
 * with the file's path when the file is closed (stdio keeps the first
 * error sticky), so the writers themselves stay short.
 */
#include <errno.h>
#include <string.h>

#include "sim/sim_int.h"

#define SIM_FILE_BUFFER (1u << 18)

enum iv_err sim_file_open(struct sim_ctx *c, struct sim_file *sf, const char *rel)
{
	struct iv_buf path = IV_BUF_INIT;

	memset(sf, 0, sizeof(*sf));
	if (iv_buf_addf(&path, "%s/%s", c->opts->out_dir, rel))
		return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	sf->path = iv_buf_detach(&path, NULL);
	sf->buffer = iv_malloc(SIM_FILE_BUFFER);
	if (!sf->path || !sf->buffer) {
		iv_free(sf->path);
		iv_free(sf->buffer);
		sf->path = sf->buffer = NULL;
		return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	}
	sf->f = fopen(sf->path, "wb");
	if (!sf->f) {
		enum iv_err rc = iv_seterr(c->err, IV_ERR_IO, "%s: cannot create: %s", sf->path,
		                           strerror(errno));
		iv_free(sf->path);
		iv_free(sf->buffer);
		sf->path = sf->buffer = NULL;
		return rc;
	}
	setvbuf(sf->f, sf->buffer, _IOFBF, SIM_FILE_BUFFER);
	return IV_OK;
}

enum iv_err sim_file_close(struct sim_ctx *c, struct sim_file *sf)
{
	enum iv_err rc = IV_OK;

	if (!sf->f)
		goto out;
	if (ferror(sf->f))
		rc = iv_seterr(c->err, IV_ERR_IO, "%s: write failed", sf->path);
	c->rep->bytes += (uint64_t)ftell(sf->f);
	if (fclose(sf->f) && !rc)
		rc = iv_seterr(c->err, IV_ERR_IO, "%s: write failed: %s", sf->path,
		               strerror(errno));
	sf->f = NULL;
out:
	iv_free(sf->path);
	iv_free(sf->buffer);
	sf->path = sf->buffer = NULL;
	return rc;
}

enum iv_err sim_file_abort(struct sim_ctx *c, struct sim_file *sf, enum iv_err rc)
{
	struct iv_buf *keep = c->err;

	if (!rc)
		return sim_file_close(c, sf);
	c->err = NULL;
	if (sim_file_close(c, sf))
		rc = rc ? rc : IV_ERR_IO;
	c->err = keep;
	return rc;
}

enum iv_err sim_write_text(struct sim_ctx *c, const char *rel, const char *text)
{
	struct sim_file sf;
	enum iv_err rc = sim_file_open(c, &sf, rel);

	if (rc)
		return rc;
	fputs(text, sf.f);
	return sim_file_close(c, &sf);
}

enum iv_err sim_csv_field(struct iv_buf *b, const char *s, bool last)
{
	enum iv_err rc;
	size_t n = strlen(s);
	bool quote = n && (strpbrk(s, ",\"\r\n") || s[0] == ' ' || s[n - 1] == ' ');

	if (!quote) {
		rc = iv_buf_add(b, s, n);
	} else {
		rc = iv_buf_addch(b, '"');
		for (const char *p = s; !rc && *p; p++) {
			if (*p == '"')
				rc = iv_buf_addch(b, '"');
			if (!rc)
				rc = iv_buf_addch(b, *p);
		}
		if (!rc)
			rc = iv_buf_addch(b, '"');
	}
	if (!rc)
		rc = iv_buf_addch(b, last ? '\n' : ',');
	return rc;
}

enum iv_err sim_file_write(struct sim_ctx *c, struct sim_file *sf, const struct iv_buf *b)
{
	fwrite(b->buf, 1, b->len, sf->f);
	sf->rows++;
	return IV_OK;
}

enum iv_err sim_csv_row(struct sim_ctx *c, struct sim_file *sf, const char *const *fields, size_t n)
{
	iv_buf_reset(&c->line);
	for (size_t i = 0; i < n; i++) {
		if (sim_csv_field(&c->line, fields[i] ? fields[i] : "", i + 1 == n))
			return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	}
	return sim_file_write(c, sf, &c->line);
}

enum iv_err sim_json_str(struct iv_buf *b, const char *s)
{
	enum iv_err rc = iv_buf_addch(b, '"');

	for (const unsigned char *p = (const unsigned char *)s; !rc && *p; p++) {
		if (*p == '"' || *p == '\\') {
			rc = iv_buf_addch(b, '\\');
			if (!rc)
				rc = iv_buf_addch(b, (char)*p);
		} else if (*p == '\n') {
			rc = iv_buf_adds(b, "\\n");
		} else if (*p < 0x20) {
			rc = iv_buf_addf(b, "\\u%04x", *p);
		} else {
			rc = iv_buf_addch(b, (char)*p);
		}
	}
	if (!rc)
		rc = iv_buf_addch(b, '"');
	return rc;
}

enum iv_err sim_ftm_open(struct iv_buf *line, struct iv_buf *open_prop, const char *id,
                         const char *schema)
{
	enum iv_err rc;

	iv_buf_reset(line);
	iv_buf_reset(open_prop);
	rc = iv_buf_adds(line, "{\"id\": ");
	if (!rc)
		rc = sim_json_str(line, id);
	if (!rc)
		rc = iv_buf_addf(line, ", \"schema\": \"%s\", \"properties\": {", schema);
	return rc;
}

enum iv_err sim_ftm_value(struct iv_buf *line, struct iv_buf *open_prop, const char *prop,
                          const char *v)
{
	enum iv_err rc = IV_OK;

	if (!v || !*v)
		return IV_OK;
	if (open_prop->len && !strcmp(open_prop->buf, prop)) {
		rc = iv_buf_adds(line, ", ");
	} else {
		if (open_prop->len)
			rc = iv_buf_adds(line, "], ");
		iv_buf_reset(open_prop);
		if (!rc)
			rc = iv_buf_adds(open_prop, prop);
		if (!rc)
			rc = sim_json_str(line, prop);
		if (!rc)
			rc = iv_buf_adds(line, ": [");
	}
	return rc ? rc : sim_json_str(line, v);
}

enum iv_err sim_ftm_close_properties(struct iv_buf *line, const struct iv_buf *open_prop)
{
	return iv_buf_adds(line, open_prop->len ? "]}, " : "}, ");
}

enum iv_err sim_mention(struct sim_ctx *c, const char *source, const char *entity,
                        const char *property, const char *value, const char *kind,
                        const char *true_id)
{
	const char *f[] = {source, entity, property, value, kind, true_id};
	struct iv_buf *b = &c->tmp2;

	if (!value || !*value)
		return IV_OK; /* nothing was written, nothing to resolve */
	iv_buf_reset(b);
	for (size_t i = 0; i < 6; i++)
		if (sim_csv_field(b, f[i], i == 5))
			return iv_seterr(c->err, IV_ERR_NOMEM, "out of memory");
	c->rep->mentions++;
	return sim_file_write(c, &c->mentions, b);
}

enum iv_err sim_person_mention(struct sim_ctx *c, const char *source, const char *entity,
                               const char *value, uint32_t ref)
{
	char id[32];

	if (!value || !*value)
		return IV_OK;
	sim_true_id(ref, id, sizeof(id));
	c->rep->person_mentions++;
	return sim_mention(c, source, entity, "", value, "person", id);
}

enum iv_err sim_phone_mention(struct sim_ctx *c, const char *source, const char *entity,
                              const char *property, const char *value, uint32_t phone)
{
	char id[32];

	snprintf(id, sizeof(id), "PH%07u", phone);
	return sim_mention(c, source, entity, property, value, "phone", id);
}

void sim_progress(struct sim_ctx *c, const char *stage, uint64_t done, uint64_t total)
{
	if (c->opts->progress)
		c->opts->progress(c->opts->progress_ctx, stage, done, total);
}
