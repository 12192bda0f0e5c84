/*
 * sqlite.c - the SQLite backend: opening, migrations, transactions,
 * prepared statements and error reporting.
 *
 * The database runs in WAL mode with synchronous=NORMAL: a commit is
 * durable once the WAL is synced at checkpoint, and a transaction that
 * never commits (the process is killed) leaves the database as it was
 * at the last commit.  Never weaken this with synchronous=OFF or
 * journal_mode=OFF: "a file is ingested in one transaction, or not at
 * all" rests on it.
 *
 * The tables and the reasons for them are in docs/data-model.md; the
 * migrations below are the only place that creates or alters them.
 * Migration N brings a store from version N-1 to N in its own
 * transaction; `meta.version` says which ran last.
 */
#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "store/sqlite_int.h"

#include "iv/util.h"

/* ---- schema migrations ---------------------------------------------------- */

static const char migration_1[] =
        "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;"
        "CREATE TABLE datasets (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
        "CREATE TABLE entities (id INTEGER PRIMARY KEY, eid TEXT NOT NULL UNIQUE,"
        " schema TEXT NOT NULL);"
        "CREATE TABLE envelopes (id INTEGER PRIMARY KEY, grade TEXT NOT NULL,"
        " assessment TEXT NOT NULL, code TEXT NOT NULL, conditions TEXT NOT NULL,"
        " releasable_to TEXT NOT NULL, classification TEXT NOT NULL, descriptor TEXT NOT NULL,"
        " originator TEXT NOT NULL, compartment TEXT NOT NULL, subject TEXT NOT NULL,"
        " retention_review TEXT NOT NULL, legacy_grade TEXT NOT NULL,"
        " europol_code TEXT NOT NULL, tlp TEXT NOT NULL,"
        " UNIQUE (grade, assessment, code, conditions, releasable_to, classification,"
        " descriptor, originator, compartment, subject, retention_review, legacy_grade,"
        " europol_code, tlp));"
        "CREATE TABLE statements (id INTEGER PRIMARY KEY, key INTEGER NOT NULL, hash BLOB NOT NULL,"
        " entity INTEGER NOT NULL, schema TEXT NOT NULL, prop TEXT NOT NULL,"
        " value TEXT NOT NULL, original TEXT, dataset INTEGER NOT NULL,"
        " envelope INTEGER NOT NULL, source_record TEXT NOT NULL,"
        " first_seen INTEGER NOT NULL, last_seen INTEGER NOT NULL, flags INTEGER NOT NULL);"
        "CREATE UNIQUE INDEX statements_key ON statements (key);"
        "CREATE INDEX statements_entity ON statements (entity);"
        "CREATE VIRTUAL TABLE fts USING fts5 (name, text, content='',"
        " tokenize='unicode61 remove_diacritics 2');"
        "CREATE TABLE ingests (id INTEGER PRIMARY KEY, file TEXT NOT NULL, dataset TEXT,"
        " at INTEGER NOT NULL, added INTEGER NOT NULL, skipped INTEGER NOT NULL,"
        " entities_added INTEGER NOT NULL);"
        "INSERT INTO meta (key, value) VALUES"
        " ('created_at', strftime('%Y-%m-%dT%H:%M:%SZ', 'now'));";

/* version 2: what entity resolution keeps (include/iv/store.h, docs/resolution.md) */
static const char migration_2[] =
        "CREATE TABLE res_records (entity INTEGER PRIMARY KEY, family TEXT NOT NULL,"
        " record TEXT NOT NULL);"
        "CREATE INDEX res_records_family ON res_records (family);"
        "CREATE TABLE res_keys (key INTEGER NOT NULL, entity INTEGER NOT NULL,"
        " PRIMARY KEY (key, entity)) WITHOUT ROWID;"
        "CREATE TABLE res_links (a INTEGER NOT NULL, b INTEGER NOT NULL, kind INTEGER NOT NULL,"
        " score REAL NOT NULL, probability REAL NOT NULL, PRIMARY KEY (a, b)) WITHOUT ROWID;"
        "CREATE INDEX res_links_b ON res_links (b);"
        "CREATE TABLE res_members (entity INTEGER PRIMARY KEY, canonical TEXT NOT NULL);"
        "CREATE INDEX res_members_canonical ON res_members (canonical);"
        "CREATE TABLE res_models (family TEXT PRIMARY KEY, model TEXT NOT NULL,"
        " at INTEGER NOT NULL);"
        "CREATE TABLE judgements (id INTEGER PRIMARY KEY, a INTEGER NOT NULL,"
        " b INTEGER NOT NULL, verdict TEXT NOT NULL, user TEXT NOT NULL, note TEXT NOT NULL,"
        " at INTEGER NOT NULL);"
        "CREATE INDEX judgements_a ON judgements (a);"
        "CREATE INDEX judgements_b ON judgements (b);";

/* version 3: counts of blocking keys too common to list (and no entity index on res_keys,
 * which version 2 stores made before it was dropped from migration 2: batch runs clear keys
 * by range) */
static const char migration_3[] =
        "CREATE TABLE IF NOT EXISTS res_key_counts (key INTEGER PRIMARY KEY,"
        " count INTEGER NOT NULL);"
        "DROP INDEX IF EXISTS res_keys_entity;";

/* version 4: access control (include/iv/access.h, docs/access.md).  Names of users and
 * organisations are unique whatever their case (releasability lists compare them so);
 * the audit trail's head anchor is meta's 'audit_head' */
static const char migration_4[] =
        "CREATE TABLE orgs (name TEXT COLLATE NOCASE PRIMARY KEY, kind TEXT NOT NULL,"
        " country TEXT NOT NULL, created INTEGER NOT NULL);"
        "CREATE TABLE users (name TEXT COLLATE NOCASE PRIMARY KEY,"
        " org TEXT COLLATE NOCASE NOT NULL, role TEXT NOT NULL, clearance TEXT NOT NULL,"
        " password_hash TEXT NOT NULL, disabled INTEGER NOT NULL DEFAULT 0,"
        " created INTEGER NOT NULL, failed_logins INTEGER NOT NULL DEFAULT 0,"
        " last_failed_at INTEGER NOT NULL DEFAULT 0);"
        "CREATE TABLE grants (user TEXT COLLATE NOCASE NOT NULL, compartment TEXT NOT NULL,"
        " PRIMARY KEY (user, compartment)) WITHOUT ROWID;"
        "CREATE TABLE consents (originator TEXT COLLATE NOCASE NOT NULL,"
        " org TEXT COLLATE NOCASE NOT NULL, at INTEGER NOT NULL,"
        " PRIMARY KEY (originator, org)) WITHOUT ROWID;"
        "CREATE INDEX consents_org ON consents (org);"
        "CREATE TABLE sessions (token_hash BLOB PRIMARY KEY, user TEXT COLLATE NOCASE NOT NULL,"
        " created INTEGER NOT NULL, expires INTEGER NOT NULL) WITHOUT ROWID;"
        "CREATE INDEX sessions_user ON sessions (user);"
        "CREATE INDEX sessions_expires ON sessions (expires);"
        "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at INTEGER NOT NULL, user TEXT NOT NULL,"
        " remote TEXT NOT NULL, action TEXT NOT NULL, query TEXT NOT NULL,"
        " entities TEXT NOT NULL, status INTEGER NOT NULL, outcome TEXT NOT NULL,"
        " prev BLOB NOT NULL, hash BLOB NOT NULL);"
        "CREATE INDEX audit_user ON audit (user);";

/* version 5: what points at an entity (iv_store_referrers: an entity's related entities).
 * Partial: only reference values are indexed, so names, dates and text cost nothing */
static const char migration_5[] =
        "CREATE INDEX statements_ref ON statements (value) WHERE (flags & 2) != 0;";

/* version 6: the links at an entity's `b` end are read with their kind from the index alone
 * (re-clustering follows only positive links: iv_store_res_closure) */
static const char migration_6[] = "DROP INDEX IF EXISTS res_links_b;"
                                  "CREATE INDEX res_links_b ON res_links (b, kind);";

/* migrations[i] brings a store from version i to i + 1 */
static const char *const migrations[] = {migration_1, migration_2, migration_3,
                                         migration_4, migration_5, migration_6};

_Static_assert(sizeof(migrations) / sizeof(migrations[0]) == IV_STORE_VERSION,
               "every store version needs its migration");

/* ---- prepared statements -------------------------------------------------- */

#define STMT_COLUMNS                                                                               \
	"s.key, s.hash, e.eid, s.schema, s.prop, s.value, s.original, d.name, s.envelope,"         \
	" s.source_record, s.first_seen, s.last_seen, s.flags"
#define STMT_FROM                                                                                  \
	" FROM statements s JOIN entities e ON e.id = s.entity JOIN datasets d ON d.id = "         \
	"s.dataset"
#define ENVELOPE_COLUMNS                                                                           \
	"grade, assessment, code, conditions, releasable_to, classification, descriptor,"          \
	" originator, compartment, subject, retention_review, legacy_grade, europol_code, tlp"

#define ORG_COLUMNS "name, kind, country, created"
#define USER_COLUMNS                                                                               \
	"name, org, role, clearance, password_hash, disabled, created, failed_logins,"             \
	" last_failed_at"
#define AUDIT_COLUMNS "seq, at, user, remote, action, query, entities, status, outcome, prev, hash"
#define AUDIT_WHERE                                                                                \
	" AND (?3 = 0 OR at >= ?3) AND (?4 = 0 OR at <= ?4) AND (?5 IS NULL OR"                    \
	" (instr(entities, ?6) > 0 AND json_valid(entities) AND EXISTS (SELECT 1 FROM"             \
	" json_each(a.entities) j WHERE j.type = 'text' AND j.value = ?5)))"

/* A multi-row VALUES list of RES_BATCH (32) copies of one row's placeholders. */
#define ROWS4(r) r "," r "," r "," r
#define ROWS32(r)                                                                                  \
	ROWS4(r)                                                                                   \
	"," ROWS4(r) "," ROWS4(r) "," ROWS4(r) "," ROWS4(r) "," ROWS4(r) "," ROWS4(r) "," ROWS4(r)
_Static_assert(RES_BATCH == 32, "ROWS32 writes RES_BATCH rows");

static const char *const sql_text[SQL__COUNT] = {
        [SQL_BEGIN] = "BEGIN IMMEDIATE",
        [SQL_COMMIT] = "COMMIT",
        [SQL_ROLLBACK] = "ROLLBACK",
        [SQL_DATA_VERSION] = "PRAGMA data_version",
        [SQL_STMT_INSERT] = "INSERT INTO statements (key, hash, entity, schema, prop, value,"
                            " original, dataset, envelope, source_record, first_seen, last_seen,"
                            " flags, id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11,"
                            " ?12, ?13, ?14) ON CONFLICT (key) DO NOTHING",
        /* the largest statement row id: a batch starts after it; resolution marks by it */
        [SQL_STMT_LAST_ID] = "SELECT coalesce(max(id), 0) FROM statements",
        [SQL_STMT_SEEN] = "SELECT hash, first_seen, last_seen FROM statements WHERE key = ?1",
        [SQL_STMT_TOUCH] = "UPDATE statements SET first_seen = ?2, last_seen = ?3 WHERE key = ?1",
        [SQL_FTS_INSERT] = "INSERT INTO fts (rowid, name, text) VALUES (?1, ?2, ?3)",
        [SQL_ENTITY_BY_EID] = "SELECT id, schema FROM entities WHERE eid = ?1",
        [SQL_ENTITY_BY_ID] = "SELECT eid, schema FROM entities WHERE id = ?1",
        [SQL_ENTITY_INSERT] = "INSERT INTO entities (eid, schema) VALUES (?1, ?2)",
        [SQL_ENTITY_SET_SCHEMA] = "UPDATE entities SET schema = ?2 WHERE id = ?1",
        [SQL_DATASET_BY_NAME] = "SELECT id FROM datasets WHERE name = ?1",
        [SQL_DATASET_INSERT] = "INSERT INTO datasets (name) VALUES (?1)",
        [SQL_ENVELOPE_FIND] = "SELECT id FROM envelopes WHERE grade = ?1 AND assessment = ?2"
                              " AND code = ?3 AND conditions = ?4 AND releasable_to = ?5"
                              " AND classification = ?6 AND descriptor = ?7 AND originator = ?8"
                              " AND compartment = ?9 AND subject = ?10"
                              " AND retention_review = ?11 AND legacy_grade = ?12"
                              " AND europol_code = ?13 AND tlp = ?14",
        [SQL_ENVELOPE_INSERT] = "INSERT INTO envelopes (" ENVELOPE_COLUMNS ") VALUES (?1, ?2,"
                                " ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
        [SQL_ENVELOPE_BY_ID] = "SELECT " ENVELOPE_COLUMNS " FROM envelopes WHERE id = ?1",
        [SQL_CAPTION] = "SELECT min(value) FROM statements WHERE entity = ?1 AND prop = 'name'",
        [SQL_STMT_BY_KEY] = "SELECT " STMT_COLUMNS STMT_FROM " WHERE s.key = ?1",
        [SQL_ENTITY_STATEMENTS] = "SELECT " STMT_COLUMNS STMT_FROM
                                  " WHERE s.entity = ?1 ORDER BY s.prop, s.value, s.id",
        /* INDEXED BY keeps this a stream: the entity index gives the grouping
         * and only each entity's few rows are sorted for the rest */
        [SQL_EACH_ALL] = "SELECT " STMT_COLUMNS " FROM statements s INDEXED BY statements_entity"
                         " JOIN entities e ON e.id = s.entity JOIN datasets d ON d.id = s.dataset"
                         " ORDER BY s.entity, s.dataset, s.source_record, s.envelope, s.prop,"
                         " s.value, s.id",
        [SQL_EACH_DATASET] =
                "SELECT " STMT_COLUMNS " FROM statements s INDEXED BY statements_entity"
                " JOIN entities e ON e.id = s.entity"
                " JOIN datasets d ON d.id = s.dataset WHERE s.dataset = ?1"
                " ORDER BY s.entity, s.source_record, s.envelope, s.prop, s.value,"
                " s.id",
        [SQL_SEARCH] = "SELECT s.key, s.entity, bm25(fts, 10.0, 1.0) FROM fts"
                       " JOIN statements s ON s.id = fts.rowid"
                       " WHERE fts MATCH ?1 ORDER BY bm25(fts, 10.0, 1.0)",
        [SQL_SEARCH_VISIBLE] = "SELECT e.eid, s.schema, s.envelope, s.prop FROM fts"
                               " JOIN statements s ON s.id = fts.rowid"
                               " JOIN entities e ON e.id = s.entity"
                               " WHERE fts MATCH ?1",
        /* sqlite_stats.c: one pass, in row-id order */
        [SQL_STATS_SCAN] = "SELECT dataset, entity, flags FROM statements",
        [SQL_DATASET_NAMES] = "SELECT id, name FROM datasets ORDER BY id",
        /* by the partial index of references (its condition word for word) */
        [SQL_STATS_DANGLING] = "SELECT count(*) FROM statements s INDEXED BY statements_ref"
                               " WHERE (s.flags & 2) != 0 AND NOT EXISTS (SELECT 1 FROM"
                               " entities e WHERE e.eid = s.value)",
        /* the partial index's condition, word for word, so that the planner may use it */
        [SQL_REFERRERS] = "SELECT " STMT_COLUMNS " FROM statements s INDEXED BY statements_ref"
                          " JOIN entities e ON e.id = s.entity JOIN datasets d ON d.id = s.dataset"
                          " WHERE s.value = ?1 AND (s.flags & 2) != 0 ORDER BY s.id",
        [SQL_ENVELOPE_IDS] = "SELECT id FROM envelopes ORDER BY id",
        /* ?1: a JSON array of the envelope ids counted, or NULL for all */
        [SQL_DATASET_COUNTS] = "SELECT d.name, count(DISTINCT s.entity), count(*),"
                               " min(s.first_seen), max(s.last_seen) FROM statements s"
                               " JOIN datasets d ON d.id = s.dataset WHERE ?1 IS NULL"
                               " OR s.envelope IN (SELECT value FROM json_each(?1))"
                               " GROUP BY s.dataset ORDER BY d.name",
        [SQL_TOTAL_COUNTS] = "SELECT count(DISTINCT s.entity), count(*),"
                             " coalesce(min(s.first_seen), 0), coalesce(max(s.last_seen), 0)"
                             " FROM statements s WHERE ?1 IS NULL"
                             " OR s.envelope IN (SELECT value FROM json_each(?1))",
        [SQL_LOG_INGEST] = "INSERT INTO ingests (file, dataset, at, added, skipped,"
                           " entities_added) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        /* entity resolution (sqlite_resolve.c) */
        /* lean: resolution needs the entity, its schema, the property and the value */
        [SQL_RES_EACH_OF] = "SELECT e.eid, e.schema, s.prop, s.value, e.id FROM entities e"
                            " JOIN statements s INDEXED BY statements_entity ON s.entity = e.id"
                            " WHERE e.schema IN (SELECT value FROM json_each(?1)) ORDER BY e.id",
        [SQL_RES_EACH_IN] = "SELECT e.eid, e.schema, s.prop, s.value, e.id FROM entities e"
                            " JOIN statements s INDEXED BY statements_entity ON s.entity = e.id"
                            " WHERE e.schema IN (SELECT value FROM json_each(?1))"
                            " AND e.id BETWEEN ?2 AND ?3 ORDER BY e.id",
        /* two subqueries: SQLite reads min and max off the index only one aggregate at a time */
        [SQL_ENTITY_ID_RANGE] = "SELECT (SELECT min(id) FROM entities),"
                                " (SELECT max(id) FROM entities)",
        [SQL_RES_UNRESOLVED] = "SELECT e.eid, e.schema, s.prop, s.value, e.id FROM entities e"
                               " JOIN statements s INDEXED BY statements_entity"
                               " ON s.entity = e.id"
                               " WHERE e.schema IN (SELECT value FROM json_each(?1))"
                               " AND NOT EXISTS (SELECT 1 FROM res_records r"
                               " WHERE r.entity = e.id) ORDER BY e.id",
        [SQL_RES_CHANGED] = "SELECT e.eid, e.schema, s.prop, s.value, e.id FROM entities e"
                            " JOIN statements s INDEXED BY statements_entity"
                            " ON s.entity = e.id"
                            " WHERE e.id IN (SELECT n.entity FROM statements n WHERE n.id > ?2)"
                            " AND e.schema IN (SELECT value FROM json_each(?1))"
                            " AND EXISTS (SELECT 1 FROM res_records r WHERE r.entity = e.id)"
                            " ORDER BY e.id",
        [SQL_RES_SINCE] = "SELECT e.eid, e.schema, s.prop, s.value, e.id FROM entities e"
                          " JOIN statements s INDEXED BY statements_entity ON s.entity = e.id"
                          " WHERE e.id IN (SELECT n.entity FROM statements n WHERE n.id > ?2)"
                          " AND e.schema IN (SELECT value FROM json_each(?1)) ORDER BY e.id",
        /* one more for every transaction that changed canonical memberships (graph generation) */
        [SQL_RES_GENERATION_BUMP] = "INSERT INTO meta (key, value) VALUES ('res_generation', '1')"
                                    " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS"
                                    " INTEGER) + 1",
        /* merged entities only: a record alone is never merged */
        /* a merged member's statements, then those of what fed it (its stored record's
         * fed_by: a damaged record's text is read as saying nothing, SQL_RES_UNSAID) */
        [SQL_RES_MEMBER_ENVELOPES] =
                "WITH merged AS (SELECT m.entity, e.eid FROM res_members m"
                " JOIN entities e ON e.id = m.entity"
                " WHERE m.canonical IN (SELECT canonical FROM res_members"
                " GROUP BY canonical HAVING count(*) > 1))"
                " SELECT g.eid, s.envelope FROM merged g"
                " JOIN statements s INDEXED BY statements_entity ON s.entity = g.entity"
                " UNION ALL SELECT g.eid, s.envelope FROM merged g"
                " JOIN res_records r ON r.entity = g.entity"
                " JOIN json_each(CASE WHEN json_valid(r.record) THEN r.record ELSE '{}' END,"
                " '$.fed_by') f JOIN entities fe ON fe.eid = f.value"
                " JOIN statements s INDEXED BY statements_entity ON s.entity = fe.id",
        /* merged members whose stored record does not say what fed it (none, damaged, or
         * written before records kept it) */
        [SQL_RES_UNSAID] = "SELECT e.eid, m.canonical FROM res_members m"
                           " JOIN entities e ON e.id = m.entity"
                           " LEFT JOIN res_records r ON r.entity = m.entity"
                           " WHERE m.canonical IN (SELECT canonical FROM res_members"
                           " GROUP BY canonical HAVING count(*) > 1)"
                           " AND CASE WHEN r.record IS NULL OR NOT json_valid(r.record) THEN 1"
                           " WHEN json_type(r.record, '$.fed_by') IS NOT 'array' THEN 1"
                           " ELSE EXISTS (SELECT 1 FROM json_each(r.record, '$.fed_by')"
                           " WHERE type IS NOT 'text') END",
        /* by the family index, two short range probes rather than a scan */
        [SQL_RES_OTHER_FAMILY] = "SELECT EXISTS (SELECT 1 FROM res_records WHERE family < ?1)"
                                 " OR EXISTS (SELECT 1 FROM res_records WHERE family > ?1)",
        /* no WHERE: SQLite drops the pages at once instead of deleting row by row */
        [SQL_RES_CLEAR_ALL_LINKS] = "DELETE FROM res_links",
        [SQL_RES_CLEAR_ALL_MEMBERS] = "DELETE FROM res_members",
        [SQL_RES_CLEAR_ALL_RECORDS] = "DELETE FROM res_records",
        [SQL_RES_CLEAR_LINKS] = "DELETE FROM res_links WHERE a IN (SELECT entity FROM"
                                " res_records WHERE family = ?1) OR b IN (SELECT entity FROM"
                                " res_records WHERE family = ?1)",
        [SQL_RES_CLEAR_KEYS] = "DELETE FROM res_keys WHERE key BETWEEN ?2 AND ?3",
        [SQL_RES_CLEAR_KEY_COUNTS] = "DELETE FROM res_key_counts WHERE key BETWEEN ?2 AND ?3",
        [SQL_RES_CLEAR_MEMBERS] = "DELETE FROM res_members WHERE entity IN (SELECT entity FROM"
                                  " res_records WHERE family = ?1)",
        [SQL_RES_CLEAR_RECORDS] = "DELETE FROM res_records WHERE family = ?1",
        [SQL_RES_PUT_RECORD] = "INSERT OR REPLACE INTO res_records (entity, family, record)"
                               " VALUES (?1, ?2, ?3)",
        [SQL_RES_GET_RECORD] = "SELECT family, record FROM res_records WHERE entity = ?1",
        [SQL_RES_PUT_KEY] = "INSERT OR IGNORE INTO res_keys (key, entity) VALUES (?1, ?2)",
        [SQL_RES_PUT_KEYS] = "INSERT OR IGNORE INTO res_keys (key, entity) VALUES " ROWS32("(?,?)"),
        [SQL_RES_KEY_ENTITIES] =
                "SELECT e.eid, k.entity FROM res_keys k JOIN entities e ON e.id = k.entity"
                " WHERE k.key = ?1 ORDER BY k.entity LIMIT ?2",
        [SQL_RES_KEY_COUNT] = "SELECT (SELECT count(*) FROM res_keys WHERE key = ?1)"
                              " + coalesce((SELECT count FROM res_key_counts WHERE key = ?1), 0)",
        [SQL_RES_ADD_KEY_COUNT] = "INSERT INTO res_key_counts (key, count) VALUES (?1, ?2)"
                                  " ON CONFLICT (key) DO UPDATE SET count = count + excluded.count",
        [SQL_RES_PUT_LINK] = "INSERT OR REPLACE INTO res_links (a, b, kind, score, probability)"
                             " VALUES (?1, ?2, ?3, ?4, ?5)",
        [SQL_RES_PUT_LINKS] = "INSERT OR REPLACE INTO res_links (a, b, kind, score, probability)"
                              " VALUES " ROWS32("(?,?,?,?,?)"),
        [SQL_RES_LINKS_OF] = "SELECT ea.eid, eb.eid, l.kind, l.score, l.probability,"
                             " ma.canonical, mb.canonical"
                             " FROM res_links l JOIN entities ea ON ea.id = l.a"
                             " JOIN entities eb ON eb.id = l.b"
                             " LEFT JOIN res_members ma ON ma.entity = l.a"
                             " LEFT JOIN res_members mb ON mb.entity = l.b WHERE l.a = ?1"
                             " UNION ALL SELECT ea.eid, eb.eid, l.kind, l.score, l.probability,"
                             " ma.canonical, mb.canonical"
                             " FROM res_links l JOIN entities ea ON ea.id = l.a"
                             " JOIN entities eb ON eb.id = l.b"
                             " LEFT JOIN res_members ma ON ma.entity = l.a"
                             " LEFT JOIN res_members mb ON mb.entity = l.b WHERE l.b = ?1",
        /* the table in key order: left to choose, SQLite scans res_links_b and looks
         * every link up in the table, before the kind is tested (9 s for the 3.4M
         * links of a million person mentions, 0.5 s for one kind, 2.9 s for all);
         * sqlite_autoindex_res_links_1 is SQLite's name for the table's PRIMARY KEY */
        [SQL_RES_EACH_LINK] = "SELECT ea.eid, eb.eid, l.kind, l.score, l.probability,"
                              " ma.canonical, mb.canonical"
                              " FROM res_links l INDEXED BY sqlite_autoindex_res_links_1"
                              " JOIN entities ea ON ea.id = l.a"
                              " JOIN entities eb ON eb.id = l.b"
                              " LEFT JOIN res_members ma ON ma.entity = l.a"
                              " LEFT JOIN res_members mb ON mb.entity = l.b"
                              " WHERE ?1 = 0 OR l.kind = ?1",
        /* a closure walks row ids: no join per link (iv_store_res_closure) */
        [SQL_RES_LINKS_FROM] = "SELECT b, kind, probability FROM res_links WHERE a = ?1",
        [SQL_RES_LINKS_TO] = "SELECT a, kind FROM res_links WHERE b = ?1",
        [SQL_RES_NODE] = "SELECT e.eid, m.canonical, r.family, r.record FROM entities e"
                         " LEFT JOIN res_members m ON m.entity = e.id"
                         " LEFT JOIN res_records r ON r.entity = e.id WHERE e.id = ?1",
        [SQL_RES_SET_MEMBER] = "INSERT OR REPLACE INTO res_members (entity, canonical)"
                               " VALUES (?1, ?2)",
        [SQL_RES_CANONICAL] = "SELECT canonical FROM res_members WHERE entity = ?1",
        [SQL_RES_MEMBERS] = "SELECT e.eid, m.canonical FROM res_members m"
                            " JOIN entities e ON e.id = m.entity WHERE m.canonical = ?1"
                            " ORDER BY m.entity",
        [SQL_RES_EACH_MEMBER] = "SELECT e.eid, m.canonical FROM res_members m"
                                " JOIN entities e ON e.id = m.entity"
                                " ORDER BY m.canonical, m.entity",
        /* the covering index res_members_canonical alone: no entity is looked up */
        [SQL_RES_EACH_CANONICAL] = "SELECT canonical, count(*) FROM res_members"
                                   " GROUP BY canonical",
        [SQL_RES_SET_MODEL] = "INSERT OR REPLACE INTO res_models (family, model, at)"
                              " VALUES (?1, ?2, ?3)",
        [SQL_RES_GET_MODEL] = "SELECT model FROM res_models WHERE family = ?1",
        [SQL_JUDGE_PUT] = "INSERT INTO judgements (a, b, verdict, user, note, at)"
                          " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        [SQL_JUDGE_ALL] = "SELECT j.id, ea.eid, eb.eid, j.verdict, j.user, j.note, j.at"
                          " FROM judgements j JOIN entities ea ON ea.id = j.a"
                          " JOIN entities eb ON eb.id = j.b ORDER BY j.id",
        [SQL_JUDGE_OF] = "SELECT j.id, ea.eid, eb.eid, j.verdict, j.user, j.note, j.at"
                         " FROM judgements j JOIN entities ea ON ea.id = j.a"
                         " JOIN entities eb ON eb.id = j.b WHERE j.a = ?1 OR j.b = ?1"
                         " ORDER BY j.id",
        /* a scan in table order, no join: random seeks cost several times as much */
        [SQL_GRAPH_ROWS] = "SELECT s.id, s.entity, s.prop, s.value, s.envelope, s.schema"
                           " FROM statements s"
                           " WHERE s.prop IN (SELECT value FROM json_each(?1))",
        [SQL_GRAPH_ENTITIES] = "SELECT id, eid, schema FROM entities ORDER BY id",
        [SQL_GRAPH_HASH] = "SELECT hash FROM statements WHERE id = ?1",
        /* access control (sqlite_access.c) */
        [SQL_SAVEPOINT] = "SAVEPOINT iv_access",
        [SQL_RELEASE] = "RELEASE iv_access",
        [SQL_ROLLBACK_TO] = "ROLLBACK TO iv_access",
        [SQL_READ_BEGIN] = "BEGIN DEFERRED",
        [SQL_ORG_ADD] = "INSERT INTO orgs (name, kind, country, created) VALUES (?1, ?2, ?3, ?4)"
                        " ON CONFLICT (name) DO NOTHING",
        [SQL_ORG_GET] = "SELECT " ORG_COLUMNS " FROM orgs WHERE name = ?1",
        [SQL_ORG_EACH] = "SELECT " ORG_COLUMNS " FROM orgs ORDER BY name",
        [SQL_USER_ADD] = "INSERT INTO users (" USER_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                         " ?7, ?8, ?9) ON CONFLICT (name) DO NOTHING",
        [SQL_USER_GET] = "SELECT " USER_COLUMNS " FROM users WHERE name = ?1",
        [SQL_USER_EACH] = "SELECT " USER_COLUMNS " FROM users ORDER BY name",
        /* a new password, or enabling a user, also ends a lockout */
        [SQL_USER_SET_PASSWORD] = "UPDATE users SET password_hash = ?2, failed_logins = 0,"
                                  " last_failed_at = 0 WHERE name = ?1",
        [SQL_USER_SET_DISABLED] = "UPDATE users SET disabled = ?2, failed_logins = CASE WHEN ?2"
                                  " THEN failed_logins ELSE 0 END WHERE name = ?1",
        [SQL_USER_SET_FAILURES] = "UPDATE users SET failed_logins = ?2, last_failed_at = ?3"
                                  " WHERE name = ?1",
        [SQL_GRANT_ADD] = "INSERT INTO grants (user, compartment) VALUES (?1, ?2)"
                          " ON CONFLICT DO NOTHING",
        [SQL_GRANT_DELETE] = "DELETE FROM grants WHERE user = ?1 AND compartment = ?2",
        [SQL_GRANTS_OF] = "SELECT compartment FROM grants WHERE user = ?1 ORDER BY compartment",
        [SQL_CONSENT_ADD] = "INSERT INTO consents (originator, org, at) VALUES (?1, ?2, ?3)"
                            " ON CONFLICT DO NOTHING",
        [SQL_CONSENT_DELETE] = "DELETE FROM consents WHERE originator = ?1 AND org = ?2",
        [SQL_CONSENTS_TO] = "SELECT originator, org, at FROM consents WHERE org = ?1"
                            " ORDER BY originator",
        [SQL_CONSENTS_ALL] = "SELECT originator, org, at FROM consents ORDER BY org, originator",
        [SQL_SESSION_PUT] = "INSERT INTO sessions (token_hash, user, created, expires)"
                            " VALUES (?1, ?2, ?3, ?4)",
        [SQL_SESSION_GET] = "SELECT s.user, s.created, s.expires, s.token_hash,"
                            " coalesce(u.disabled = 0, 0) FROM sessions s"
                            " LEFT JOIN users u ON u.name = s.user WHERE s.token_hash = ?1",
        [SQL_SESSION_DELETE] = "DELETE FROM sessions WHERE token_hash = ?1",
        [SQL_SESSION_DELETE_USER] = "DELETE FROM sessions WHERE user = ?1",
        [SQL_SESSION_EXPIRE] = "DELETE FROM sessions WHERE expires <= ?1",
        [SQL_AUDIT_HEAD] = "SELECT value FROM meta WHERE key = 'audit_head'",
        [SQL_AUDIT_SET_HEAD] = "INSERT OR REPLACE INTO meta (key, value) VALUES ('audit_head', ?1)",
        [SQL_AUDIT_PUT] = "INSERT INTO audit (" AUDIT_COLUMNS ") VALUES (?1, ?2, ?3, ?4, ?5, ?6,"
                          " ?7, ?8, ?9, ?10, ?11)",
        /* ?5: the entity asked for; ?6: a substring its JSON form must hold (a cheap
         * test before the exact one; "" when the id has characters JSON escapes) */
        [SQL_AUDIT_EACH] = "SELECT " AUDIT_COLUMNS " FROM audit a WHERE seq > ?1" AUDIT_WHERE
                           " ORDER BY seq LIMIT ?7",
        [SQL_AUDIT_BY_USER] = "SELECT " AUDIT_COLUMNS " FROM audit a WHERE seq > ?1"
                              " AND user = ?2" AUDIT_WHERE " ORDER BY seq LIMIT ?7",
        [SQL_AUDIT_RECENT] = "SELECT " AUDIT_COLUMNS " FROM audit a WHERE user = ?1"
                             " ORDER BY seq DESC LIMIT ?2",

};

/*
 * The prepared statement for `id`, made on first use and kept.  When the
 * kept one is in use further up the stack (a callback of an iteration
 * reads the store again), the caller gets a fresh one of its own;
 * sqlite_stmt_done() tells them apart.
 */
const char *sqlite_sql_text(enum sql_id id)
{
	return sql_text[id];
}

enum iv_err sqlite_stmt(struct iv_sqlite *s, enum sql_id id, sqlite3_stmt **out, struct iv_buf *err)
{
	sqlite3_stmt *stmt = s->stmts[id];
	unsigned prep = SQLITE_PREPARE_PERSISTENT;

	*out = NULL;
	if (stmt && !sqlite3_stmt_busy(stmt)) {
		*out = stmt;
		return IV_OK;
	}
	if (stmt)
		prep = 0;
	if (sqlite3_prepare_v3(s->db, sql_text[id], -1, prep, &stmt, NULL) != SQLITE_OK)
		return sqlite_fail(s, err, "preparing a query");
	if (!s->stmts[id])
		s->stmts[id] = stmt;
	*out = stmt;
	return IV_OK;
}

void sqlite_stmt_done(struct iv_sqlite *s, sqlite3_stmt *stmt)
{
	if (!stmt)
		return;
	for (int i = 0; i < SQL__COUNT; i++) {
		if (s->stmts[i] == stmt) {
			sqlite3_reset(stmt);
			return;
		}
	}
	sqlite3_finalize(stmt);
}

/* Bind a string that outlives the statement's next reset. */
void sqlite_text(sqlite3_stmt *stmt, int col, const char *str)
{
	sqlite3_bind_text(stmt, col, str ? str : "", -1, SQLITE_STATIC);
}

const char *sqlite_col(sqlite3_stmt *stmt, int col)
{
	const char *t = (const char *)sqlite3_column_text(stmt, col);

	return t ? t : "";
}

enum iv_err sqlite_step_done(struct iv_sqlite *s, sqlite3_stmt *stmt, bool *changed,
                             struct iv_buf *err, const char *doing)
{
	int src = sqlite3_step(stmt);
	enum iv_err rc = IV_OK;

	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = sqlite_fail(s, err, doing);
	else if (changed)
		*changed = sqlite3_changes(s->db) > 0;
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* Run a statement that returns no rows. */
enum iv_err sqlite_run(struct iv_sqlite *s, enum sql_id id, struct iv_buf *err, const char *doing)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, id, &stmt, err);
	int src;

	if (rc)
		return rc;
	src = sqlite3_step(stmt);
	if (src != SQLITE_DONE && src != SQLITE_ROW)
		rc = sqlite_fail(s, err, doing);
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* ---- errors ----------------------------------------------------------------- */

/* Turn the connection's last error into IV_ERR_DB (IV_ERR_BUSY for a lock another process
 * holds, IV_ERR_TIMEOUT at the time limit) with a message that says what to do. */
enum iv_err sqlite_fail(struct iv_sqlite *s, struct iv_buf *err, const char *doing)
{
	int code = sqlite3_errcode(s->db) & 0xff;
	const char *msg = sqlite3_errmsg(s->db);
	const char *path = s->path ? s->path : "store";

	if (code == SQLITE_INTERRUPT && s->deadline > 0)
		return iv_seterr(err, IV_ERR_TIMEOUT, "%s stopped at the time limit of %g s", doing,
		                 s->limit);
	switch (code) {
	case SQLITE_FULL:
		return iv_seterr(err, IV_ERR_DB, "%s: %s: the disk is full (%s)", path, doing, msg);
	case SQLITE_BUSY: /* another connection's write: SQLITE_LOCKED is this connection's own */
		return iv_seterr(
		        err, IV_ERR_BUSY,
		        "%s: %s: the store is locked by another process; try again when it "
		        "has finished (%s)",
		        path, doing, msg);
	case SQLITE_READONLY:
	case SQLITE_PERM:
	case SQLITE_CANTOPEN:
		return iv_seterr(err, IV_ERR_DB, "%s: %s: cannot write or open the database (%s)",
		                 path, doing, msg);
	case SQLITE_NOTADB: /* the caller named some other file */
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: %s: not an invigor store, or damaged (%s)", path, doing, msg);
	case SQLITE_CORRUPT:
		return iv_seterr(err, IV_ERR_DB, "%s: %s: not an invigor store, or damaged (%s)",
		                 path, doing, msg);
	case SQLITE_NOMEM:
		return iv_seterr(err, IV_ERR_DB, "%s: %s: SQLite ran out of memory", path, doing);
	default:
		return iv_seterr(err, IV_ERR_DB, "%s: %s: %s", path, doing, msg);
	}
}

/* ---- caches ----------------------------------------------------------------- */

void sqlite_caches_drop(struct iv_sqlite *s)
{
	iv_map_release(&s->entities);
	iv_map_release(&s->datasets);
	iv_map_release(&s->envelopes);
	iv_map_release(&s->envelope_ids);
	iv_map_release(&s->res_ids);
	iv_arena_release(&s->cache_arena);
	s->last_envelope = NULL;
}

/* Another connection may have written since we last looked: then drop the caches. */
static IV_MUST_USE enum iv_err check_data_version(struct iv_sqlite *s, struct iv_buf *err)
{
	sqlite3_stmt *stmt;
	enum iv_err rc = sqlite_stmt(s, SQL_DATA_VERSION, &stmt, err);
	int64_t version;

	if (rc)
		return rc;
	if (sqlite3_step(stmt) != SQLITE_ROW) {
		rc = sqlite_fail(s, err, "reading the data version");
		goto out;
	}
	version = sqlite3_column_int64(stmt, 0);
	if (version != s->data_version) {
		sqlite_caches_drop(s);
		s->data_version = version;
	}
out:
	sqlite_stmt_done(s, stmt);
	return rc;
}

/* ---- opening -------------------------------------------------------------- */

static IV_MUST_USE enum iv_err exec_sql(struct iv_sqlite *s, const char *sql, struct iv_buf *err,
                                        const char *doing)
{
	if (sqlite3_exec(s->db, sql, NULL, NULL, NULL) != SQLITE_OK)
		return sqlite_fail(s, err, doing);
	return IV_OK;
}

/* One integer from a one-row query; *found says whether there was a row. */
static IV_MUST_USE enum iv_err query_int(struct iv_sqlite *s, const char *sql, int64_t *out,
                                         bool *found, struct iv_buf *err, const char *doing)
{
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc = IV_OK;
	int src;

	*out = 0;
	*found = false;
	if (sqlite3_prepare_v2(s->db, sql, -1, &stmt, NULL) != SQLITE_OK)
		return sqlite_fail(s, err, doing);
	src = sqlite3_step(stmt);
	if (src == SQLITE_ROW) {
		*out = sqlite3_column_int64(stmt, 0);
		*found = true;
	} else if (src != SQLITE_DONE) {
		rc = sqlite_fail(s, err, doing);
	}
	sqlite3_finalize(stmt);
	return rc;
}

/* The store version recorded in meta; 0 for an empty database. */
static IV_MUST_USE enum iv_err read_version(struct iv_sqlite *s, int64_t *version,
                                            struct iv_buf *err)
{
	int64_t n;
	bool found;
	enum iv_err rc;

	*version = 0;
	rc = query_int(s,
	               "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
	               &n, &found, err, "reading the store version");
	if (rc || n == 0) {
		if (!rc) {
			rc = query_int(s, "SELECT count(*) FROM sqlite_master", &n, &found, err,
			               "reading the store version");
			if (!rc && n > 0)
				rc = iv_seterr(err, IV_ERR_INVALID,
				               "%s: an SQLite database but not an invigor store",
				               s->path);
		}
		return rc;
	}
	rc = query_int(s, "SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'version'", version,
	               &found, err, "reading the store version");
	if (!rc && (!found || *version < 1))
		rc = iv_seterr(err, IV_ERR_INVALID, "%s: the store has no valid version in meta",
		               s->path);
	return rc;
}

static IV_MUST_USE enum iv_err migrate(struct iv_sqlite *s, struct iv_buf *err)
{
	char sql[128];
	int64_t version;
	enum iv_err rc;

	rc = read_version(s, &version, err);
	if (rc)
		return rc;
	if (version > IV_STORE_VERSION)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: the store is version %" PRId64 ", newer than this invigor "
		                 "(which reads up to version %d); use a newer invigor",
		                 s->path, version, IV_STORE_VERSION);
	if (version == IV_STORE_VERSION)
		return IV_OK;
	if ((s->base.flags & IV_STORE_READONLY) && version >= IV_STORE_READABLE_VERSION)
		return IV_OK; /* read as it is; the next read-write open migrates it */
	if (s->base.flags & IV_STORE_READONLY)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: the store is version %" PRId64 " and needs migrating to %d; "
		                 "open it once for writing ('invigor init' does)",
		                 s->path, version, IV_STORE_VERSION);

	while (version < IV_STORE_VERSION) {
		rc = exec_sql(s, "BEGIN IMMEDIATE", err, "starting a migration");
		if (rc)
			return rc;
		/* another process may have migrated while we waited for the lock */
		rc = read_version(s, &version, err);
		if (rc || version >= IV_STORE_VERSION)
			goto done;
		rc = exec_sql(s, migrations[version], err, "migrating the store");
		if (rc)
			goto done;
		version++;
		snprintf(sql, sizeof(sql),
		         "INSERT OR REPLACE INTO meta (key, value) VALUES ('version', '%" PRId64
		         "')",
		         version);
		rc = exec_sql(s, sql, err, "recording the store version");
		if (rc)
			goto done;
		rc = exec_sql(s, "COMMIT", err, "committing a migration");
	done:
		if (rc) {
			sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
			return rc;
		}
		if (version >= IV_STORE_VERSION)
			break;
	}
	return IV_OK;
}

/*
 * SQLite's busy handler: another connection holds the write lock (count is
 * how often this wait has asked).  Sleep a little longer each time, up to
 * 100 ms, for IV_STORE_WRITE_WAIT_SECS or until the time limit; tell the
 * caller once after IV_STORE_WAIT_NOTICE_SECS.  0 gives up (SQLITE_BUSY).
 */
static int wait_for_writer(void *ctx, int count)
{
	struct iv_sqlite *s = ctx;
	double now = iv_clock();
	struct timespec nap;
	long ms = count < 10 ? 1 + count * 5 : 100;

	if (count == 0) {
		s->wait_start = now;
		s->wait_told = false;
	}
	if (now - s->wait_start >= IV_STORE_WRITE_WAIT_SECS ||
	    (s->deadline > 0 && now > s->deadline))
		return 0;
	if (!s->wait_told && s->on_wait && now - s->wait_start >= IV_STORE_WAIT_NOTICE_SECS) {
		s->wait_told = true;
		s->on_wait(s->on_wait_ctx);
	}
	nap.tv_sec = 0;
	nap.tv_nsec = ms * 1000000L;
	nanosleep(&nap, NULL);
	return 1;
}

static IV_MUST_USE enum iv_err configure(struct iv_sqlite *s, struct iv_buf *err)
{
	sqlite3_stmt *stmt = NULL;
	enum iv_err rc;
	bool memory = strcmp(s->path, ":memory:") == 0;

	sqlite3_extended_result_codes(s->db, 1);
	sqlite3_busy_handler(s->db, wait_for_writer, s);
	if (!(s->base.flags & IV_STORE_READONLY) && !memory) {
		/* takes effect only while the file is still empty, so before WAL */
		rc = exec_sql(s, "PRAGMA page_size = " SQLITE_PAGE_SIZE, err,
		              "setting the page size");
		if (rc)
			return rc;
		if (sqlite3_prepare_v2(s->db, "PRAGMA journal_mode = WAL", -1, &stmt, NULL) !=
		            SQLITE_OK ||
		    sqlite3_step(stmt) != SQLITE_ROW) {
			rc = sqlite_fail(s, err, "switching to WAL mode");
			sqlite3_finalize(stmt);
			return rc;
		}
		if (sqlite3_stricmp((const char *)sqlite3_column_text(stmt, 0), "wal") != 0) {
			sqlite3_finalize(stmt);
			return iv_seterr(err, IV_ERR_DB, "%s: the database cannot run in WAL mode",
			                 s->path);
		}
		sqlite3_finalize(stmt);
	}
	return exec_sql(s,
	                "PRAGMA synchronous = NORMAL;"
	                "PRAGMA cache_size = -65536;" /* IV_STORE_CACHE_MIB */
	                "PRAGMA temp_store = MEMORY;",
	                err, "configuring the connection");
}

static void sqlite_close(struct iv_store *st);
static IV_MUST_USE enum iv_err sqlite_begin(struct iv_store *st, struct iv_buf *err);
static IV_MUST_USE enum iv_err sqlite_commit(struct iv_store *st, struct iv_buf *err);
static void sqlite_rollback(struct iv_store *st);

/* SQLite asks every thousand steps of a statement; non-zero stops the statement (SQLITE_INTERRUPT).
 */
static int past_deadline(void *ctx)
{
	const struct iv_sqlite *s = ctx;

	return s->deadline > 0 && iv_clock() > s->deadline;
}

static void sqlite_on_wait(struct iv_store *st, iv_store_wait_fn fn, void *ctx)
{
	struct iv_sqlite *s = sqlite_of(st);

	s->on_wait = fn;
	s->on_wait_ctx = ctx;
}

static void sqlite_time_limit(struct iv_store *st, double seconds)
{
	struct iv_sqlite *s = sqlite_of(st);

	s->limit = seconds > 0 ? seconds : 0;
	s->deadline = seconds > 0 ? iv_clock() + seconds : 0;
	if (seconds > 0)
		sqlite3_progress_handler(s->db, 1000, past_deadline, s);
	else
		sqlite3_progress_handler(s->db, 0, NULL, NULL);
}

_Static_assert(IV_STORE_CACHE_MIB * 1024 == 65536, "configure() sets the default page cache");

static IV_MUST_USE enum iv_err sqlite_cache(struct iv_store *st, unsigned mib, struct iv_buf *err)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA cache_size = -%llu", (unsigned long long)mib * 1024);
	return exec_sql(sqlite_of(st), sql, err, "setting the page cache");
}

static const struct iv_store_ops sqlite_ops = {
        .name = "sqlite",
        .close = sqlite_close,
        .begin = sqlite_begin,
        .commit = sqlite_commit,
        .rollback = sqlite_rollback,
        .time_limit = sqlite_time_limit,
        .on_wait = sqlite_on_wait,
        .cache = sqlite_cache,
        .put = sqlite_put,
        .entity_exists = sqlite_entity_exists,
        .entity_statements = sqlite_entity_statements,
        .statement_get = sqlite_statement_get,
        .each_statement = sqlite_each_statement,
        .entity_get = sqlite_entity_get,
        .search = sqlite_search,
        .search_visible = sqlite_search_visible,
        .stats = sqlite_stats,
        .referrers = sqlite_referrers,
        .dataset_counts = sqlite_dataset_counts,
        .flush = sqlite_flush_pending,
        .log_ingest = sqlite_log_ingest,
        .res = &sqlite_res_ops,
        .graph = &sqlite_graph_ops,
        .access = &sqlite_access_ops,
};

enum iv_err iv_store_sqlite_open(const char *path, unsigned flags, struct iv_store **out,
                                 struct iv_buf *err)
{
	struct iv_sqlite *s = NULL;
	struct stat sb;
	int oflags = SQLITE_OPEN_NOMUTEX;
	enum iv_err rc;

	*out = NULL;
	if (!(flags & IV_STORE_CREATE) && strcmp(path, ":memory:") != 0 && stat(path, &sb) != 0 &&
	    errno == ENOENT)
		return iv_seterr(err, IV_ERR_NOTFOUND, "%s: no such store", path);

	s = iv_calloc(sizeof(*s));
	if (!s)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	s->base.ops = &sqlite_ops;
	s->base.flags = flags;
	s->data_version = -1;
	s->cache_arena.block_size = (size_t)256 * 1024;
	s->batch_arena.block_size = (size_t)1024 * 1024;
	s->path = iv_strdup(path);
	if (!s->path) {
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
		goto out;
	}

	/* a handle is used by one thread at a time (store.h): SQLite need not
	 * lock a mutex around every call on it */
	oflags |= SQLITE_OPEN_NOMUTEX;
	if (flags & IV_STORE_READONLY)
		oflags |= SQLITE_OPEN_READONLY;
	else
		oflags |= SQLITE_OPEN_READWRITE |
		          ((flags & IV_STORE_CREATE) ? SQLITE_OPEN_CREATE : 0);
	if (sqlite3_open_v2(path, &s->db, oflags, NULL) != SQLITE_OK) {
		if (!s->db) {
			rc = iv_seterr(err, IV_ERR_DB, "%s: SQLite ran out of memory", path);
			goto out;
		}
		rc = sqlite_fail(s, err, "opening the store");
		goto out;
	}
	rc = configure(s, err);
	if (rc)
		goto out;
	rc = migrate(s, err);
	if (rc)
		goto out;
	rc = check_data_version(s, err);
	if (rc)
		goto out;
	rc = iv_store_audit_key_locate(&s->base, path, err);
	if (rc)
		goto out;
	*out = &s->base;
out:
	if (rc)
		sqlite_close(&s->base);
	return rc;
}

static void sqlite_close(struct iv_store *st)
{
	struct iv_sqlite *s = sqlite_of(st);

	if (!s)
		return;
	sqlite_batch_drop(s);
	for (int i = 0; i < SQL__COUNT; i++)
		sqlite3_finalize(s->stmts[i]);
	/* sqlite3_close fails only with statements left unfinalised: all are above */
	sqlite3_close(s->db);
	sqlite_caches_drop(s);
	iv_buf_release(&s->envkey);
	iv_map_release(&s->props);
	iv_arena_release(&s->prop_arena);
	iv_buf_release(&s->propkey);
	iv_free(s->batch);
	iv_free(s->order);
	iv_free(s->path);
	iv_free(s);
}

/* ---- transactions ------------------------------------------------------------ */

static IV_MUST_USE enum iv_err sqlite_begin(struct iv_store *st, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	enum iv_err rc;

	rc = sqlite_run(s, SQL_BEGIN, err, "starting a transaction");
	if (rc)
		return rc;
	/* under the write lock nobody else writes, so the caches stay true until commit */
	rc = check_data_version(s, err);
	if (rc) {
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
		return rc;
	}
	s->tx_broken = false;
	s->res_touched = false;
	return IV_OK;
}

static IV_MUST_USE enum iv_err sqlite_commit(struct iv_store *st, struct iv_buf *err)
{
	struct iv_sqlite *s = sqlite_of(st);
	enum iv_err rc;

	if (s->tx_broken)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "%s: a write in this transaction failed; it was rolled back",
		                 s->path);
	rc = sqlite_flush(s, err);
	if (!rc && s->res_touched)
		rc = sqlite_run(s, SQL_RES_GENERATION_BUMP, err, "counting a resolution change");
	if (rc)
		return rc;
	s->res_touched = false;
	return sqlite_run(s, SQL_COMMIT, err, "committing");
}

static void sqlite_rollback(struct iv_store *st)
{
	struct iv_sqlite *s = sqlite_of(st);

	sqlite_batch_drop(s);
	/* a failed COMMIT may already have ended the transaction: then ROLLBACK is a no-op */
	if (!sqlite3_get_autocommit(s->db))
		sqlite3_exec(s->db, "ROLLBACK", NULL, NULL, NULL);
	/* the caches may hold rows that no longer exist */
	sqlite_caches_drop(s);
	s->tx_broken = false;
	s->res_touched = false;
}
