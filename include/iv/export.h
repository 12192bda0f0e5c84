/*
 * export.h - writing the store out in interchange formats.
 *
 * FtM JSON lines: one line per entity fragment, a fragment being the
 * statements of one entity that share dataset, source record, handling
 * envelope and first/last seen.  Aleph and other FtM tools merge
 * fragments with the same id; invigor reads the extra keys back
 * ("handling", "source_record", "original_values", "first_seen",
 * "last_seen") so that ingest -> export -> ingest gives the same
 * statements.
 */
#ifndef IV_EXPORT_H
#define IV_EXPORT_H

#include "iv/store.h"

/** Output sink: write n bytes; return IV_OK or an error to stop. */
typedef enum iv_err (*iv_write_fn)(void *ctx, const char *data, size_t n);

/**
 * Stream every statement (of `dataset` when non-NULL) as FtM JSON lines to
 * write.  Memory use does not grow with the store.  *lines (may be NULL)
 * gets the number of lines written.
 */
IV_MUST_USE enum iv_err iv_export_ftm(struct iv_store *st, const char *dataset, iv_write_fn write,
                                      void *ctx, uint64_t *lines, struct iv_buf *err);

/** Whether a statement of this handling goes into an export. */
typedef bool (*iv_export_keep_fn)(void *ctx, const struct iv_handling *h);

/** An entity whose lines an export wrote (for the audit trail). */
typedef void (*iv_export_entity_fn)(void *ctx, const char *entity);

/**
 * iv_export_ftm with only the statements `keep` passes (the server's
 * exports pass iv_access_exportable for the caller).  exported (may be
 * NULL) is told each entity id written, once per run of its lines (the
 * store streams an entity's statements together), after they are written.
 */
IV_MUST_USE enum iv_err iv_export_ftm_kept(struct iv_store *st, const char *dataset,
                                           iv_export_keep_fn keep, void *keep_ctx,
                                           iv_export_entity_fn exported, void *exported_ctx,
                                           iv_write_fn write, void *ctx, uint64_t *lines,
                                           struct iv_buf *err);

/**
 * The same with entities resolved (docs/resolution.md): every record that
 * belongs to a canonical entity of more than one member is written under
 * the canonical id, with its own id in "referents" (as FtM does for
 * merged entities), and references to such records point at the canonical
 * id.  Each value keeps its source record, dataset and handling, so the
 * export still says which value came from which record.
 */
IV_MUST_USE enum iv_err iv_export_ftm_resolved(struct iv_store *st, const char *dataset,
                                               iv_write_fn write, void *ctx, uint64_t *lines,
                                               struct iv_buf *err);

#endif
