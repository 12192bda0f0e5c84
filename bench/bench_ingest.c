/*
 * bench_ingest.c - ingest throughput against the engine's own limit.
 *
 *   bench_ingest [--statements N] [--dir DIR] [--invigor PATH] [--sqlite3 PATH]
 *   bench_ingest --generate FILE --statements N      (only write the data)
 *
 * Generates FtM JSON lines holding about N statements (people with names in
 * several scripts, birth dates, nationalities, phones, passports and
 * bank accounts referring to them), runs `invigor ingest` on them in a
 * child process and measures statements/s and the child's peak RSS.  In the
 * same run it writes the same statements as a ten-column CSV and loads it
 * with the sqlite3 shell's `.import` into a table with no index, the
 * practical limit of the engine, and prints our rate as a ratio of it.
 * Targets (issue 2): >= 300,000 statements/s, >= 0.5 of .import, peak RSS
 * under 200 MB.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "iv/util.h"

static const char *given[] = {"Mohammed", "Ahmad",   "Ali",    "Hassan", "Omar",  "Karwan",
                              "Rebin",    "Dilshad", "Nguyen", "Tran",   "Arben", "Besnik",
                              "Yonas",    "Tesfay",  "Reza",   "Amir",   "Samir", "Jamal"};
static const char *family[] = {"Al-Hassan",   "Alhasan", "Ahmadi",   "Karimi",   "Mahmoud",
                               "Rashid",      "Hoxha",   "Krasniqi", "Van Long", "Thi Lan",
                               "Gebremariam", "Haile",   "Rahimi",   "Hosseini", "Aziz"};
static const char *arabic[] = {"محمد الحسن", "أحمد رشيد", "علي محمود", "عمر عزيز"};
static const char *countries[] = {"IQ", "IR", "AF", "SY", "ER", "SD", "AL", "VN", "TR", "GB"};

struct gen {
	FILE *ftm, *csv;
	unsigned long long statements;
	unsigned long long rng;
};

static unsigned long long next(struct gen *g)
{
	g->rng ^= g->rng << 13;
	g->rng ^= g->rng >> 7;
	g->rng ^= g->rng << 17;
	return g->rng;
}

#define PICK(g, arr) (arr[next(g) % (sizeof(arr) / sizeof(arr[0]))])

/* One statement: into the FtM properties object text and the CSV. */
static void stmt(struct gen *g, struct iv_buf *props, const char *entity, const char *schema,
                 const char *prop, const char *value)
{
	if (iv_buf_addf(props, "%s\"%s\":[\"%s\"]", props->len ? "," : "", prop, value))
		abort();
	/* id, entity, schema, prop, value, original, dataset, source, first, last */
	fprintf(g->csv, "%llu,%s,%s,%s,\"%s\",\"%s\",bench,bench.jsonl,1764000000,1764000000\n",
	        g->statements, entity, schema, prop, value, value);
	g->statements++;
}

static void entity(struct gen *g, const char *id, const char *schema, struct iv_buf *props)
{
	fprintf(g->ftm,
	        "{\"id\":\"%s\",\"schema\":\"%s\",\"properties\":{%s},\"datasets\":[\"bench\"]}\n",
	        id, schema, props->buf);
	iv_buf_reset(props);
}

static void generate(struct gen *g, unsigned long long target)
{
	struct iv_buf props = IV_BUF_INIT;
	char id[64], ref[64], value[128];

	for (unsigned long long i = 0; g->statements < target; i++) {
		snprintf(id, sizeof(id), "person-%llu", i);
		if (next(g) % 5 == 0)
			stmt(g, &props, id, "Person", "alias", PICK(g, arabic));
		snprintf(value, sizeof(value), "%s %s", PICK(g, given), PICK(g, family));
		stmt(g, &props, id, "Person", "name", value);
		snprintf(value, sizeof(value), "%04llu-%02llu-%02llu", 1950 + next(g) % 55,
		         1 + next(g) % 12, 1 + next(g) % 28);
		stmt(g, &props, id, "Person", "birthDate", value);
		stmt(g, &props, id, "Person", "nationality", PICK(g, countries));
		snprintf(value, sizeof(value), "+4474001%05llu", next(g) % 100000);
		stmt(g, &props, id, "Person", "phone", value);
		snprintf(value, sizeof(value), "Calais camp %llu, France", next(g) % 1000);
		stmt(g, &props, id, "Person", "address", value);
		entity(g, id, "Person", &props);

		snprintf(ref, sizeof(ref), "passport-%llu", i);
		stmt(g, &props, ref, "Passport", "holder", id);
		snprintf(value, sizeof(value), "P%08llu", next(g) % 100000000);
		stmt(g, &props, ref, "Passport", "number", value);
		stmt(g, &props, ref, "Passport", "country", PICK(g, countries));
		entity(g, ref, "Passport", &props);
	}
	iv_buf_release(&props);
}

static double now_s(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Run argv, returning seconds taken and the child's peak RSS in KiB. */
static int run(char *const argv[], const char *stdin_path, double *secs, long *rss_kib)
{
	double t0 = now_s();
	struct rusage ru;
	int status;
	pid_t pid = fork();

	if (pid < 0)
		return -1;
	if (pid == 0) {
		if (stdin_path && !freopen(stdin_path, "r", stdin))
			_exit(127);
		if (!freopen("/dev/null", "w", stdout))
			_exit(127);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (wait4(pid, &status, 0, &ru) < 0)
		return -1;
	*secs = now_s() - t0;
	*rss_kib = ru.ru_maxrss;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128;
}

int main(int argc, char **argv)
{
	unsigned long long target = 1000000;
	const char *dir = "build/bench-ingest", *invigor = "build/invigor", *sqlite = "sqlite3";
	const char *generate_only = NULL;
	char ftm_path[512], csv_path[512], db_path[512], imp_path[512], sql_path[512];
	struct gen g = {NULL, NULL, 0, 0x9E3779B97F4A7C15ull};
	double t_ingest, t_import;
	long rss_ingest, rss_import;

	for (int i = 1; i < argc; i++) {
		if (!strcmp(argv[i], "--statements") && i + 1 < argc)
			target = strtoull(argv[++i], NULL, 10);
		else if (!strcmp(argv[i], "--dir") && i + 1 < argc)
			dir = argv[++i];
		else if (!strcmp(argv[i], "--invigor") && i + 1 < argc)
			invigor = argv[++i];
		else if (!strcmp(argv[i], "--sqlite3") && i + 1 < argc)
			sqlite = argv[++i];
		else if (!strcmp(argv[i], "--generate") && i + 1 < argc)
			generate_only = argv[++i];
		else {
			fprintf(stderr,
			        "usage: bench_ingest [--statements N] [--dir DIR] [--invigor PATH] "
			        "[--sqlite3 PATH]\n       bench_ingest --generate FILE "
			        "[--statements N]\n");
			return 1;
		}
	}
	if (generate_only) {
		g.ftm = fopen(generate_only, "w");
		g.csv = fopen("/dev/null", "w");
		if (!g.ftm || !g.csv)
			return perror(generate_only), 1;
		generate(&g, target);
		fclose(g.ftm);
		fclose(g.csv);
		fprintf(stderr, "bench_ingest: wrote %llu statements to %s\n", g.statements,
		        generate_only);
		return 0;
	}
	mkdir(dir, 0755);
	snprintf(ftm_path, sizeof(ftm_path), "%s/bench.jsonl", dir);
	snprintf(csv_path, sizeof(csv_path), "%s/bench.csv", dir);
	snprintf(db_path, sizeof(db_path), "%s/bench.db", dir);
	snprintf(imp_path, sizeof(imp_path), "%s/import.db", dir);
	snprintf(sql_path, sizeof(sql_path), "%s/import.sql", dir);
	g.ftm = fopen(ftm_path, "w");
	g.csv = fopen(csv_path, "w");
	if (!g.ftm || !g.csv)
		return perror(dir), 1;
	generate(&g, target);
	fclose(g.ftm);
	fclose(g.csv);

	FILE *sql = fopen(sql_path, "w");
	if (!sql)
		return perror(sql_path), 1;
	fprintf(sql,
	        "PRAGMA journal_mode=WAL;\nCREATE TABLE s(id, entity, schema, prop, value, "
	        "original, dataset, source, first_seen, last_seen);\n.mode csv\n"
	        ".import %s s\nSELECT count(*) FROM s;\n",
	        csv_path);
	fclose(sql);

	const char *dbs[] = {db_path, imp_path};
	for (size_t i = 0; i < 2; i++) {
		char wal[600];
		unlink(dbs[i]);
		snprintf(wal, sizeof(wal), "%s-wal", dbs[i]);
		unlink(wal);
	}
	char *ingest_argv[] = {(char *)invigor,   (char *)"--db", db_path, (char *)"ingest",
	                       (char *)"--quiet", ftm_path,       NULL};
	char *import_argv[] = {(char *)sqlite, imp_path, NULL};
	int rc = run(ingest_argv, NULL, &t_ingest, &rss_ingest);
	if (rc) {
		fprintf(stderr, "bench_ingest: invigor ingest failed with %d\n", rc);
		return 2;
	}
	rc = run(import_argv, sql_path, &t_import, &rss_import);
	if (rc) {
		fprintf(stderr, "bench_ingest: sqlite3 .import failed with %d\n", rc);
		return 2;
	}
	double ours = (double)g.statements / t_ingest;
	double peer = (double)g.statements / t_import;
	struct stat sb;
	if (stat(ftm_path, &sb))
		sb.st_size = 0;
	printf("bench_ingest: %llu statements (%.1f MB of FtM JSON lines)\n", g.statements,
	       (double)sb.st_size / 1e6);
	printf("  invigor ingest      %8.2f s  %10.0f statements/s  peak RSS %6.1f MB\n", t_ingest,
	       ours, (double)rss_ingest / 1024.0);
	printf("  sqlite3 .import     %8.2f s  %10.0f rows/s        peak RSS %6.1f MB "
	       "(no index: the engine's limit)\n",
	       t_import, peer, (double)rss_import / 1024.0);
	printf("  ratio               %8.2f of .import\n", ours / peer);
	printf("  targets: >= 300000/s %s, >= 0.5 of .import %s, RSS < 200 MB %s\n",
	       ours >= 300000 ? "met" : "MISSED", ours / peer >= 0.5 ? "met" : "MISSED",
	       rss_ingest < 200 * 1024 ? "met" : "MISSED");
	return 0;
}
