/*
 * csv.c - the CSV reader: libcsv parses, a mapping turns each row into
 * entities and statements.
 *
 * The file is fed one physical line at a time so that every record knows
 * the line it started on (a quoted field may span lines).  The first
 * record is the header; every later record must have as many fields.
 * Entity ids come from the mapping's keys: BLAKE2b-128 over key_literal
 * and the key cells (as Aleph does with SHA-1), or a column verbatim with
 * id_column; an entity whose key cells are all empty is skipped for that
 * row, and so are references to it.
 */
#include <string.h>
#include <strings.h>

#include <csv.h>

#include "ingest/ingest_int.h"

struct iv_csv_reader {
	struct iv_ingest *in;
	struct iv_mapping *m;
	struct csv_parser parser;
	bool parser_ready;

	/* the record being assembled */
	struct iv_buf fields; /* field bytes, each NUL-terminated */
	size_t *offsets;      /* start of each field in fields */
	size_t nfields, alloc_fields;
	uint64_t record_line;  /* line the record started on, 0 = none yet */
	uint64_t lineno;       /* line being fed */
	size_t record_bytes;   /* bytes fed since the last record ended */
	uint64_t record_start; /* line where those bytes began */

	/* the header */
	char **header;
	size_t ncols;
	bool have_header;

	/* per mapped entity: its id in this row ("" when skipped) */
	char (*ids)[IV_HASH_HEX + 256];
	/* envelope per entity and property, computed once */
	struct iv_handling **envelopes;
	struct iv_norm_ctx norm;
	const char *dataset;

	struct iv_buf value;  /* a joined or split cell */
	struct iv_buf record; /* "file:line" */
	enum iv_err rc;       /* first error inside a callback */
	struct iv_buf *err;
};

static void on_field(void *data, size_t len, void *ctx)
{
	struct iv_csv_reader *cr = ctx;
	enum iv_err rc = IV_OK;

	if (cr->rc)
		return;
	if (!cr->record_line)
		cr->record_line = cr->lineno;
	if (cr->nfields == cr->alloc_fields) {
		size_t n = cr->alloc_fields ? cr->alloc_fields * 2 : 32;
		size_t *grown = iv_realloc(cr->offsets, n * sizeof(*grown));
		if (!grown) {
			rc = IV_ERR_NOMEM;
			goto out;
		}
		cr->offsets = grown;
		cr->alloc_fields = n;
	}
	cr->offsets[cr->nfields++] = cr->fields.len;
	rc = iv_buf_add(&cr->fields, data ? data : "", data ? len : 0);
	if (!rc)
		rc = iv_buf_addch(&cr->fields, '\0');
out:
	/* a record over the cap is the input's fault; memory running out is not */
	if (rc == IV_ERR_TOOBIG)
		cr->rc = iv_seterr(cr->err, rc, "%s:%llu:1: record longer than %zu bytes",
		                   cr->in->name, (unsigned long long)cr->record_line,
		                   cr->in->opts.max_record);
	else if (rc)
		cr->rc = iv_seterr(cr->err, IV_ERR_NOMEM, "%s:%llu:1: out of memory", cr->in->name,
		                   (unsigned long long)cr->record_line);
}

static const char *field(struct iv_csv_reader *cr, size_t i)
{
	return cr->fields.buf + cr->offsets[i];
}

static bool all_space(const char *s)
{
	for (; *s; s++)
		if (*s != ' ' && *s != '\t' && *s != '\r' && *s != '\n')
			return false;
	return true;
}

static IV_MUST_USE enum iv_err take_header(struct iv_csv_reader *cr)
{
	cr->header = iv_calloc(sizeof(char *) * (cr->nfields ? cr->nfields : 1));
	if (!cr->header)
		return iv_seterr(cr->err, IV_ERR_NOMEM, "out of memory");
	cr->ncols = cr->nfields;
	for (size_t i = 0; i < cr->nfields; i++) {
		cr->header[i] = iv_strdup(field(cr, i));
		if (!cr->header[i])
			return iv_seterr(cr->err, IV_ERR_NOMEM, "out of memory");
	}
	cr->have_header = true;
	return iv_mapping_bind(cr->m, (const char *const *)cr->header, cr->ncols, cr->err);
}

static IV_MUST_USE enum iv_err entity_id(struct iv_csv_reader *cr,
                                         const struct iv_mapping_entity *e, char *out, size_t size)
{
	IV_HASHER_ALIGNED struct iv_hasher h;
	unsigned char digest[IV_HASH_BYTES];
	bool any = false;

	out[0] = '\0';
	if (e->id_column) {
		const char *v = field(cr, (size_t)e->id_index);
		while (*v == ' ' || *v == '\t')
			v++;
		if (!*v)
			return IV_OK;
		if (strlen(v) >= size)
			return iv_seterr(
			        cr->err, IV_ERR_INVALID,
			        "%s:%llu:1: %s: id in column '%s' is longer than %zu bytes",
			        cr->in->name, (unsigned long long)cr->record_line, e->key,
			        e->id_column, size - 1);
		iv_strlcpy(out, v, size);
		return IV_OK;
	}
	iv_hasher_init(&h);
	iv_hasher_field(&h, e->key_literal ? e->key_literal : "");
	for (size_t k = 0; k < e->nkeys; k++) {
		const char *v = field(cr, (size_t)e->key_index[k]);
		any |= !all_space(v);
		iv_hasher_field(&h, v);
	}
	iv_hasher_final(&h, digest);
	if (any)
		iv_hash_hex(digest, out);
	return IV_OK;
}

static const char *mapped_id(struct iv_csv_reader *cr, const char *key)
{
	for (size_t i = 0; i < cr->m->nentities; i++)
		if (!strcmp(cr->m->entities[i].key, key))
			return cr->ids[i];
	return "";
}

static IV_MUST_USE enum iv_err emit(struct iv_csv_reader *cr, const struct iv_mapping_entity *e,
                                    const struct iv_mapping_prop *mp, const struct iv_handling *h,
                                    const char *id, const char *raw)
{
	struct iv_buf msg = IV_BUF_INIT;
	enum iv_err rc;

	cr->in->line = cr->record_line;
	cr->in->col = mp->ncolumns ? (size_t)mp->column_index[0] + 1 : 1;
	rc = iv_ingest_emit(cr->in, id, e->schema, mp->name, raw, NULL, cr->dataset, cr->record.buf,
	                    h, &cr->norm, cr->in->now, cr->in->now, &msg);
	if (rc) {
		size_t col = mp->ncolumns ? (size_t)mp->column_index[0] + 1 : 1;
		char room[64];

		iv_seterr(cr->err, rc, "%s:%llu:%zu: %s.%s: %s", cr->in->name,
		          (unsigned long long)cr->record_line, col, e->key, mp->name,
		          iv_ingest_detail(rc, msg.buf, room, sizeof(room)));
	}
	iv_buf_release(&msg);
	return rc;
}

/* Emit one cell, split on mp->split when set. */
static IV_MUST_USE enum iv_err emit_cell(struct iv_csv_reader *cr,
                                         const struct iv_mapping_entity *e,
                                         const struct iv_mapping_prop *mp,
                                         const struct iv_handling *h, const char *id,
                                         const char *cell)
{
	size_t slen;
	const char *p;

	if (!mp->split)
		return emit(cr, e, mp, h, id, cell);
	slen = strlen(mp->split);
	p = cell;
	for (;;) {
		const char *q = strstr(p, mp->split);
		size_t n = q ? (size_t)(q - p) : strlen(p);
		enum iv_err rc;

		iv_buf_reset(&cr->value);
		if (iv_buf_add(&cr->value, p, n))
			return iv_seterr(cr->err, IV_ERR_NOMEM, "out of memory");
		rc = emit(cr, e, mp, h, id, cr->value.buf);
		if (rc || !q)
			return rc;
		p = q + slen;
	}
}

static IV_MUST_USE enum iv_err map_row(struct iv_csv_reader *cr)
{
	struct iv_mapping *m = cr->m;
	enum iv_err rc;

	iv_buf_reset(&cr->record);
	if (iv_buf_addf(&cr->record, "%s:%llu", cr->in->base, (unsigned long long)cr->record_line))
		return iv_seterr(cr->err, IV_ERR_NOMEM, "out of memory");
	for (size_t i = 0; i < m->nentities; i++) {
		rc = entity_id(cr, &m->entities[i], cr->ids[i], sizeof(cr->ids[i]));
		if (rc)
			return rc;
	}
	for (size_t i = 0; i < m->nentities; i++) {
		const struct iv_mapping_entity *e = &m->entities[i];
		const char *id = cr->ids[i];

		if (!*id)
			continue;
		for (size_t j = 0; j < e->nprops; j++) {
			const struct iv_mapping_prop *mp = &e->props[j];
			const struct iv_handling *h = &cr->envelopes[i][j];

			switch (mp->kind) {
			case IV_MV_COLUMN:
				rc = emit_cell(cr, e, mp, h, id,
				               field(cr, (size_t)mp->column_index[0]));
				break;
			case IV_MV_COLUMNS:
				iv_buf_reset(&cr->value);
				rc = IV_OK;
				for (size_t c = 0; c < mp->ncolumns && !rc; c++) {
					const char *cell = field(cr, (size_t)mp->column_index[c]);
					if (all_space(cell))
						continue;
					if (cr->value.len)
						rc = iv_buf_adds(&cr->value,
						                 mp->join ? mp->join : " ");
					if (!rc)
						rc = iv_buf_adds(&cr->value, cell);
				}
				if (rc)
					return iv_seterr(cr->err, rc, "out of memory");
				{
					char *joined = iv_strdup(cr->value.buf);
					if (!joined)
						return iv_seterr(cr->err, IV_ERR_NOMEM,
						                 "out of memory");
					rc = emit(cr, e, mp, h, id, joined);
					iv_free(joined);
				}
				break;
			case IV_MV_LITERAL:
				rc = IV_OK;
				for (size_t k = 0; k < mp->nliterals && !rc; k++)
					rc = emit(cr, e, mp, h, id, mp->literals[k]);
				break;
			case IV_MV_ENTITY: {
				const char *target = mapped_id(cr, mp->entity);
				rc = *target ? emit(cr, e, mp, h, id, target) : IV_OK;
				break;
			}
			default:
				rc = IV_ERR_INTERNAL;
			}
			if (rc)
				return rc;
		}
	}
	return IV_OK;
}

static void on_record(int term, void *ctx)
{
	struct iv_csv_reader *cr = ctx;

	(void)term;
	if (cr->rc)
		return;
	if (!cr->record_line)
		cr->record_line = cr->lineno;
	if (!cr->have_header) {
		cr->rc = take_header(cr);
	} else if (cr->nfields == 1 && all_space(field(cr, 0))) {
		/* a line of blanks: nothing said */
	} else if (cr->nfields != cr->ncols) {
		cr->rc =
		        iv_seterr(cr->err, IV_ERR_INVALID,
		                  "%s:%llu:1: row has %zu fields, the header has %zu", cr->in->name,
		                  (unsigned long long)cr->record_line, cr->nfields, cr->ncols);
	} else {
		cr->in->report.records++;
		cr->rc = map_row(cr);
	}
	cr->nfields = 0;
	cr->record_line = 0;
	cr->record_bytes = 0;
	iv_buf_reset(&cr->fields);
}

static IV_MUST_USE enum iv_err prepare_envelopes(struct iv_csv_reader *cr)
{
	struct iv_mapping *m = cr->m;
	struct iv_buf msg = IV_BUF_INIT;
	enum iv_err rc = IV_OK;

	cr->envelopes = iv_calloc(sizeof(*cr->envelopes) * (m->nentities ? m->nentities : 1));
	if (!cr->envelopes)
		return IV_ERR_NOMEM;
	for (size_t i = 0; i < m->nentities; i++) {
		const struct iv_mapping_entity *e = &m->entities[i];
		cr->envelopes[i] =
		        iv_calloc(sizeof(struct iv_handling) * (e->nprops ? e->nprops : 1));
		if (!cr->envelopes[i])
			return IV_ERR_NOMEM;
		for (size_t j = 0; j < e->nprops; j++) {
			struct iv_handling *h = &cr->envelopes[i][j];
			iv_handling_default(h);
			iv_envelope_apply(h, &cr->in->package);
			iv_envelope_apply(h, &m->env);
			iv_envelope_apply(h, &cr->in->cli);
			iv_envelope_apply(h, &e->env);
			iv_envelope_apply(h, &e->props[j].env);
			if (iv_handling_check(h, &msg)) {
				/* an empty message: memory ran out while it was written */
				rc = iv_seterr(cr->err, msg.len ? IV_ERR_INVALID : IV_ERR_NOMEM,
				               "%s:%u: %s.%s: %s", m->name, e->props[j].line,
				               e->key, e->props[j].name,
				               msg.len ? msg.buf : "out of memory");
				goto out;
			}
		}
	}
out:
	iv_buf_release(&msg);
	return rc;
}

static void *csv_realloc(void *p, size_t n)
{
	return iv_realloc(p, n);
}

enum iv_err iv_csv_reader_new(struct iv_ingest *in, struct iv_mapping *m,
                              struct iv_csv_reader **out)
{
	struct iv_csv_reader *cr = iv_calloc(sizeof(*cr));

	*out = NULL;
	if (!cr)
		return IV_ERR_NOMEM;
	cr->in = in;
	cr->m = m;
	iv_buf_init(&cr->fields, in->opts.max_record + 1024);
	iv_buf_init(&cr->value, in->opts.max_record + 1024);
	iv_buf_init(&cr->record, 0);
	cr->ids = iv_calloc(sizeof(*cr->ids) * (m->nentities ? m->nentities : 1));
	if (!cr->ids || csv_init(&cr->parser, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL)) {
		iv_csv_reader_free(cr);
		return IV_ERR_NOMEM;
	}
	cr->parser_ready = true;
	csv_set_realloc_func(&cr->parser, csv_realloc);
	csv_set_free_func(&cr->parser, iv_free);
	{
		/* a .tsv file is tab-separated unless its mapping says otherwise */
		size_t blen = strlen(in->base);
		char delim = m->delimiter;
		if (!m->has_delimiter && blen > 4 && !strcasecmp(in->base + blen - 4, ".tsv"))
			delim = '\t';
		csv_set_delim(&cr->parser, (unsigned char)delim);
	}
	cr->norm = m->norm;
	if (in->opts.norm.phone_region)
		cr->norm.phone_region = in->opts.norm.phone_region;
	if (in->opts.norm.date_mdy || in->opts.date_order_set)
		cr->norm.date_mdy = in->opts.norm.date_mdy;
	if (in->opts.norm.calendar != IV_CAL_UNSET)
		cr->norm.calendar = in->opts.norm.calendar;
	*out = cr;
	return IV_OK;
}

static IV_MUST_USE enum iv_err first_feed(struct iv_csv_reader *cr, struct iv_buf *err)
{
	struct iv_ingest *in = cr->in;
	const char *why;
	enum iv_err rc;

	cr->err = err;
	if (cr->envelopes)
		return IV_OK;
	rc = prepare_envelopes(cr);
	if (rc)
		return rc == IV_ERR_NOMEM ? iv_seterr(err, rc, "out of memory") : rc;
	if (in->opts.dataset)
		cr->dataset = in->opts.dataset;
	else if (cr->m->dataset)
		cr->dataset = cr->m->dataset;
	if (!cr->dataset)
		cr->dataset = in->default_dataset;
	if ((why = iv_ingest_dataset_problem(cr->dataset)))
		return iv_seterr(err, IV_ERR_INVALID, "%s: the dataset name %s", in->name, why);
	if (iv_ingest_note_dataset(in, cr->dataset))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	return IV_OK;
}

enum iv_err iv_csv_reader_feed(struct iv_csv_reader *cr, const char *line, size_t len,
                               uint64_t lineno, struct iv_buf *err)
{
	size_t bad;
	enum iv_err rc = first_feed(cr, err);

	if (rc)
		return rc;
	cr->lineno = lineno;
	if (!iv_utf8_valid(line, len, &bad))
		return iv_seterr(err, IV_ERR_INVALID, "%s:%llu:%zu: invalid UTF-8", cr->in->name,
		                 (unsigned long long)lineno, bad + 1);
	/* libcsv holds a quoted field until it closes: cap it here, not after */
	if (!cr->record_bytes)
		cr->record_start = lineno;
	cr->record_bytes += len + 1;
	if (cr->record_bytes > cr->in->opts.max_record)
		return iv_seterr(err, IV_ERR_TOOBIG,
		                 "%s:%llu:1: record longer than %zu bytes (a quote left open?)",
		                 cr->in->name, (unsigned long long)cr->record_start,
		                 cr->in->opts.max_record);

	if (csv_parse(&cr->parser, line, len, on_field, on_record, cr) != len && !cr->rc)
		goto parse_error;
	if (cr->rc)
		return cr->rc;
	if (csv_parse(&cr->parser, "\n", 1, on_field, on_record, cr) != 1 && !cr->rc)
		goto parse_error;
	return cr->rc;
parse_error:
	/* libcsv's own buffer could not grow: the input is not to blame */
	if (csv_error(&cr->parser) == CSV_ENOMEM)
		return iv_seterr(err, IV_ERR_NOMEM, "%s:%llu:1: out of memory", cr->in->name,
		                 (unsigned long long)lineno);
	return iv_seterr(err, IV_ERR_INVALID, "%s:%llu:1: malformed CSV: %s", cr->in->name,
	                 (unsigned long long)lineno, csv_strerror(csv_error(&cr->parser)));
}

enum iv_err iv_csv_reader_finish(struct iv_csv_reader *cr, uint64_t lineno, struct iv_buf *err)
{
	enum iv_err rc = first_feed(cr, err);

	if (rc)
		return rc;
	if (csv_fini(&cr->parser, on_field, on_record, cr) && !cr->rc)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s:%llu:1: malformed CSV: unterminated quoted field",
		                 cr->in->name,
		                 (unsigned long long)(cr->record_line ? cr->record_line : lineno));
	if (cr->rc)
		return cr->rc;
	if (!cr->have_header)
		return iv_seterr(err, IV_ERR_INVALID, "%s: no header row", cr->in->name);
	return IV_OK;
}

void iv_csv_reader_free(struct iv_csv_reader *cr)
{
	if (!cr)
		return;
	if (cr->parser_ready)
		csv_free(&cr->parser);
	for (size_t i = 0; i < cr->ncols && cr->header; i++)
		iv_free(cr->header[i]);
	iv_free(cr->header);
	if (cr->envelopes)
		for (size_t i = 0; i < cr->m->nentities; i++)
			iv_free(cr->envelopes[i]);
	iv_free(cr->envelopes);
	iv_free(cr->ids);
	iv_free(cr->offsets);
	iv_buf_release(&cr->fields);
	iv_buf_release(&cr->value);
	iv_buf_release(&cr->record);
	iv_free(cr);
}

enum iv_err iv_ingest_csv_buffer(struct iv_ingest *in, struct iv_mapping *m, const char *data,
                                 size_t len, struct iv_buf *err)
{
	struct iv_csv_reader *cr = NULL;
	uint64_t lineno = 0;
	size_t pos = 0;
	enum iv_err rc = iv_csv_reader_new(in, m, &cr);

	if (rc)
		return iv_seterr(err, rc, "out of memory");
	if (len >= 3 && !memcmp(data, "\xEF\xBB\xBF", 3))
		pos = 3;
	while (pos < len) {
		const char *nl = memchr(data + pos, '\n', len - pos);
		size_t n = nl ? (size_t)(nl - (data + pos)) : len - pos;
		size_t take = n;

		lineno++;
		if (n > in->opts.max_record) {
			rc = iv_seterr(err, IV_ERR_TOOBIG,
			               "%s:%llu:1: line longer than the %zu-byte limit", in->name,
			               (unsigned long long)lineno, in->opts.max_record);
			goto out;
		}
		rc = iv_csv_reader_feed(cr, data + pos, take, lineno, err);
		if (rc)
			goto out;
		pos += n + (nl ? 1 : 0);
	}
	rc = iv_csv_reader_finish(cr, lineno, err);
out:
	iv_csv_reader_free(cr);
	return rc;
}
