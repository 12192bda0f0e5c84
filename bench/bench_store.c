/*
 * bench_store.c - put throughput of the statement store against plain
 * prepared inserts into an index-less SQLite table, measured in one run.
 *
 *   bench_store [N] [DIR]     N statements (default 1,000,000), files in
 *                             DIR (default $IV_BENCH_TMP, else /tmp)
 *
 * Both sides get the same synthetic rows (ten properties per Person,
 * three envelopes, one dataset), generated on the fly so the rows never
 * sit in memory, and both compute the statement id, so generation and
 * hashing cost both sides alike.  The peer is DESIGN.md section 8's
 * "prepared inserts, same rows, no index" (about 720k rows/s on the
 * reference machine; the shell's .import is about 750k).  The store does
 * more per row (interning, the entity index, the full-text index on
 * names, addresses and text, idempotence), so the ratio says what that
 * costs.  Peak RSS covers the store run, which comes first.
 */
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <sqlite3.h>

#include "iv/statement.h"
#include "iv/store.h"

#include "iv/util.h"

#define PROPS_PER_ENTITY 10

struct gen {
	char entity[32], value[96], record[48];
	struct iv_handling envelopes[3];
	struct iv_statement st;
};

static const char *const props[PROPS_PER_ENTITY] = {
        "name",  "alias", "firstName", "birthDate", "nationality",
        "phone", "email", "address",   "notes",     "idNumber",
};

static const char *const first_names[] = {"Ahmed", "Karim", "Anna",   "Dilan", "Reza",
                                          "Elira", "Minh",  "Tesfay", "Omar",  "Lan"};
static const char *const last_names[] = {"Karimi",  "Ahmadi", "Eriksson", "Hoxha", "Nguyen",
                                         "Tesfaye", "Rahimi", "Berisha",  "Tran",  "Haile"};

static void gen_init(struct gen *g)
{
	memset(g, 0, sizeof(*g));
	for (int i = 0; i < 3; i++)
		iv_handling_default(&g->envelopes[i]);
	g->envelopes[1].source_grade = '1';
	g->envelopes[1].assessment = 'B';
	g->envelopes[2].code = 'C';
	g->envelopes[2].conditions = "Not for onward disclosure";
	g->envelopes[2].classification = IV_CLASS_OFFICIAL_SENSITIVE;
	g->envelopes[2].compartment = "Op KESTREL";
}

/* Statement i of the synthetic data set, id computed. */
static void gen_statement(struct gen *g, uint64_t i)
{
	uint64_t e = i / PROPS_PER_ENTITY;
	unsigned p = (unsigned)(i % PROPS_PER_ENTITY);
	const char *first = first_names[e % 10], *last = last_names[(e / 10) % 10];

	snprintf(g->entity, sizeof(g->entity), "person-%" PRIu64, e);
	snprintf(g->record, sizeof(g->record), "bench.csv:%" PRIu64, e + 2);
	switch (p) {
	case 0:
		snprintf(g->value, sizeof(g->value), "%s %s %" PRIu64, first, last, e);
		break;
	case 1:
		snprintf(g->value, sizeof(g->value), "%s %" PRIu64, last, e * 7);
		break;
	case 2:
		snprintf(g->value, sizeof(g->value), "%s", first);
		break;
	case 3:
		snprintf(g->value, sizeof(g->value), "19%02u-%02u-%02u", (unsigned)(e % 90 + 10),
		         (unsigned)(e % 12 + 1), (unsigned)(e % 28 + 1));
		break;
	case 4:
		snprintf(g->value, sizeof(g->value), "%s", (e % 3) ? "iq" : "af");
		break;
	case 5:
		snprintf(g->value, sizeof(g->value), "+4477009%05" PRIu64, e % 100000);
		break;
	case 6:
		snprintf(g->value, sizeof(g->value), "user%" PRIu64 "@example.org", e);
		break;
	case 7:
		snprintf(g->value, sizeof(g->value), "%" PRIu64 " Rue de la Gare, Calais", e % 500);
		break;
	case 8:
		snprintf(g->value, sizeof(g->value),
		         "Met at the camp near Dunkirk, paid %" PRIu64 " EUR in cash",
		         1000 + e % 4000);
		break;
	default:
		snprintf(g->value, sizeof(g->value), "ID%09" PRIu64, e * 31);
		break;
	}
	memset(&g->st, 0, sizeof(g->st));
	g->st.entity = g->entity;
	g->st.schema = "Person";
	g->st.property = props[p];
	g->st.value = g->value;
	g->st.original = g->value;
	g->st.dataset = "bench";
	g->st.source_record = g->record;
	g->st.first_seen = 1700000000;
	g->st.last_seen = 1700000000;
	g->st.handling = g->envelopes[e % 3];
	iv_statement_id(&g->st, NULL);
}

static double now_s(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

static void remove_db(const char *path)
{
	char side[600];

	unlink(path);
	snprintf(side, sizeof(side), "%s-wal", path);
	unlink(side);
	snprintf(side, sizeof(side), "%s-shm", path);
	unlink(side);
}

static double file_mb(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (double)sb.st_size / 1e6 : 0;
}

static int run_store(const char *path, uint64_t n, double *secs)
{
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store_counts counts;
	struct iv_store *st = NULL;
	struct gen g;
	double t0 = now_s();
	int ok = 0;

	gen_init(&g);
	if (iv_store_open(path, IV_STORE_CREATE, &st, &err) || iv_store_begin(st, &err))
		goto out;
	for (uint64_t i = 0; i < n; i++) {
		gen_statement(&g, i);
		if (iv_store_put(st, &g.st, &err))
			goto out;
	}
	if (iv_store_commit(st, &err))
		goto out;
	iv_store_counts(st, &counts);
	*secs = now_s() - t0;
	if (counts.statements_added != n) {
		iv_buf_setf(&err, "added %" PRIu64 " of %" PRIu64, counts.statements_added, n);
		goto out;
	}
	ok = 1;
out:
	if (!ok)
		fprintf(stderr, "bench_store: store: %s\n", err.buf);
	iv_store_close(st);
	iv_buf_release(&err);
	return ok;
}

static int run_peer(const char *path, uint64_t n, double *secs)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *ins = NULL;
	struct gen g;
	double t0 = now_s();
	int ok = 0;

	gen_init(&g);
	if (sqlite3_open(path, &db) != SQLITE_OK ||
	    sqlite3_exec(db,
	                 "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;"
	                 "PRAGMA cache_size = -65536; PRAGMA temp_store = MEMORY;"
	                 "CREATE TABLE rows (id TEXT, entity TEXT, schema TEXT, prop TEXT,"
	                 " value TEXT, dataset TEXT, record TEXT, first_seen INTEGER,"
	                 " last_seen INTEGER, grade TEXT);"
	                 "BEGIN",
	                 NULL, NULL, NULL) != SQLITE_OK ||
	    sqlite3_prepare_v2(db,
	                       "INSERT INTO rows VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
	                       -1, &ins, NULL) != SQLITE_OK)
		goto out;
	for (uint64_t i = 0; i < n; i++) {
		char grade[3];

		gen_statement(&g, i);
		grade[0] = g.st.handling.source_grade;
		grade[1] = g.st.handling.assessment;
		grade[2] = '\0';
		sqlite3_bind_text(ins, 1, g.st.id, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 2, g.st.entity, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 3, g.st.schema, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 4, g.st.property, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 5, g.st.value, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 6, g.st.dataset, -1, SQLITE_STATIC);
		sqlite3_bind_text(ins, 7, g.st.source_record, -1, SQLITE_STATIC);
		sqlite3_bind_int64(ins, 8, g.st.first_seen);
		sqlite3_bind_int64(ins, 9, g.st.last_seen);
		sqlite3_bind_text(ins, 10, grade, -1, SQLITE_STATIC);
		if (sqlite3_step(ins) != SQLITE_DONE)
			goto out;
		sqlite3_reset(ins);
	}
	if (sqlite3_exec(db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
		goto out;
	*secs = now_s() - t0;
	ok = 1;
out:
	if (!ok)
		fprintf(stderr, "bench_store: peer: %s\n", db ? sqlite3_errmsg(db) : "no memory");
	sqlite3_finalize(ins);
	sqlite3_close(db);
	return ok;
}

static double gen_only(uint64_t n)
{
	struct gen g;
	double t0 = now_s();

	gen_init(&g);
	for (uint64_t i = 0; i < n; i++)
		gen_statement(&g, i);
	return now_s() - t0;
}

static enum iv_err count_statement(void *ctx, const struct iv_statement *st)
{
	(void)st;
	++*(uint64_t *)ctx;
	return IV_OK;
}

static enum iv_err count_hit(void *ctx, const struct iv_entity_hit *hit)
{
	(void)hit;
	++*(uint64_t *)ctx;
	return IV_OK;
}

/* Reads over the store just written: a full export pass and searches. */
static int run_reads(const char *path, uint64_t n, double *each_s, double *search_s, uint64_t *hits)
{
	struct iv_buf err = IV_BUF_INIT;
	struct iv_store *st = NULL;
	uint64_t seen = 0;
	double t0;
	int ok = 0;

	if (iv_store_open(path, IV_STORE_READONLY, &st, &err))
		goto out;
	t0 = now_s();
	if (iv_store_each_statement(st, NULL, count_statement, &seen, &err))
		goto out;
	*each_s = now_s() - t0;
	if (seen != n) {
		iv_buf_setf(&err, "iterated %" PRIu64 " of %" PRIu64, seen, n);
		goto out;
	}
	*hits = 0;
	t0 = now_s();
	if (iv_store_search(st, "karimi", "Person", 20, count_hit, hits, &err) ||
	    iv_store_search(st, "calais gare", NULL, 20, count_hit, hits, &err) ||
	    iv_store_search(st, "anna eriksson 12", NULL, 20, count_hit, hits, &err))
		goto out;
	*search_s = now_s() - t0;
	ok = 1;
out:
	if (!ok)
		fprintf(stderr, "bench_store: reads: %s\n", err.buf);
	iv_store_close(st);
	iv_buf_release(&err);
	return ok;
}

int main(int argc, char **argv)
{
	uint64_t n = argc > 1 ? strtoull(argv[1], NULL, 10) : 1000000;
	const char *dir = argc > 2 ? argv[2] : getenv("IV_BENCH_TMP");
	int rounds = argc > 3 ? atoi(argv[3]) : 3;
	char store_path[512], peer_path[512];
	double store_best = 1e9, peer_best = 1e9, gen_s, each_s = 0, search_s = 0;
	uint64_t hits = 0;
	struct rusage ru;
	long rss_kb = 0;

	if (!dir || !*dir)
		dir = "/tmp";
	if (n == 0 || rounds < 1) {
		fprintf(stderr, "usage: bench_store [N] [DIR] [ROUNDS]\n");
		return 2;
	}
	snprintf(store_path, sizeof(store_path), "%s/bench_store-%ld.db", dir, (long)getpid());
	snprintf(peer_path, sizeof(peer_path), "%s/bench_store-peer-%ld.db", dir, (long)getpid());

	gen_s = gen_only(n);
	/* alternate the two sides and keep each one's best round: the machine
	 * is shared, and the best round is the one least disturbed */
	for (int r = 0; r < rounds; r++) {
		double store_s = 0, peer_s = 0;

		remove_db(store_path);
		if (!run_store(store_path, n, &store_s))
			return 1;
		if (r == 0) {
			getrusage(RUSAGE_SELF, &ru);
			rss_kb = ru.ru_maxrss;
			if (!run_reads(store_path, n, &each_s, &search_s, &hits))
				return 1;
		}
		remove_db(peer_path);
		if (!run_peer(peer_path, n, &peer_s))
			return 1;
		fprintf(stderr, "  round %d: store %.3f s, peer %.3f s\n", r + 1, store_s, peer_s);
		store_best = store_s < store_best ? store_s : store_best;
		peer_best = peer_s < peer_best ? peer_s : peer_best;
	}

	printf("bench_store: %" PRIu64 " statements (%d per entity, 3 envelopes, 1 dataset),"
	       " best of %d rounds\n",
	       n, PROPS_PER_ENTITY, rounds);
	printf("  generate + id only       %7.3f s  %9.0f rows/s\n", gen_s, (double)n / gen_s);
	printf("  store put + commit       %7.3f s  %9.0f statements/s  db %.0f MB\n", store_best,
	       (double)n / store_best, file_mb(store_path));
	printf("  peer: prepared inserts,  %7.3f s  %9.0f rows/s        db %.0f MB\n", peer_best,
	       (double)n / peer_best, file_mb(peer_path));
	printf("        10 columns, no index\n");
	printf("  ratio store/peer         %7.2f  (target >= 0.50)\n", peer_best / store_best);
	printf("  peak RSS (first store)   %7.1f MB (limit 200)\n", (double)rss_kb / 1024.0);
	printf("  each_statement, all      %7.3f s  %9.0f statements/s\n", each_s,
	       (double)n / each_s);
	printf("  3 searches               %7.3f s  (%" PRIu64 " hits)\n", search_s, hits);
	remove_db(store_path);
	remove_db(peer_path);
	return 0;
}
