/*
 * cmd_ingest.c - `invigor ingest FILE...`: load source files, each in one
 * transaction, with the handling envelope from the options.
 */
#include <getopt.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "iv/ingest.h"

static const char help[] =
        "usage: invigor [--db PATH] ingest FILE... [options]\n"
        "       invigor [--db PATH] ingest --manifest MANIFEST.json [options]\n"
        "\n"
        "Load FtM JSON lines (.json/.jsonl/.ftm) or CSV with a mapping into the\n"
        "database.  Each file is loaded in one transaction: all of it or nothing.\n"
        "A manifest (docs/manifest.md) lists a whole data package, loaded in one\n"
        "transaction, each file with its own format, mapping, dataset and handling.\n"
        "\n"
        "options:\n"
        "  --manifest FILE           load every source a manifest lists\n"
        "  --format ftm|csv          input format (default: from the file name)\n"
        "  --mapping MAPPING.yml     Aleph-style mapping for CSV files\n"
        "  --dataset NAME            dataset name (default: from the data, the mapping\n"
        "                            or the file name)\n"
        "handling envelope (defaults for every value; the mapping or a line may\n"
        "override them per column or per line):\n"
        "  --grade 2B                3x5x2 source evaluation 1-3 and assessment A-E (2C)\n"
        "  --handling P|C            handling code (P)\n"
        "  --conditions TEXT         conditions, required with --handling C\n"
        "  --releasable-to LIST      organisations or country codes a C value may go to\n"
        "  --classification LEVEL    OFFICIAL, OFFICIAL-SENSITIVE, SECRET, TOP SECRET\n"
        "  --descriptor TEXT         PERSONAL, COMMERCIAL, LOCSEN, caveats\n"
        "  --originator ORG          originating organisation\n"
        "  --compartment OP          operation the values belong to\n"
        "  --subject CATEGORY        suspect, convicted, victim, witness or other\n"
        "  --retention-review DATE   next retention review (ISO date)\n"
        "  --europol H0|H1|H2|H3     Europol handling code\n"
        "  --tlp LABEL               TLP 2.0 label\n"
        "normalisation:\n"
        "  --phone-region CC         region for phone numbers without a country code\n"
        "  --date-order dmy|mdy      how to read 03/04/2001 (dmy)\n"
        "  --calendar NAME           calendar of dates that do not name theirs: gregorian\n"
        "                            (default), persian (Solar Hijri), islamic (lunar\n"
        "                            Hijri) or ethiopic\n"
        "output:\n"
        "  --json                    one JSON summary object per file on stdout\n"
        "  --quiet                   no progress bar\n"
        "resolution:\n"
        "  --no-resolve              do not match the new records against the entities\n"
        "                            already resolved (by default, once 'invigor resolve'\n"
        "                            has run, new records are resolved as they load)\n";

enum {
	OPT_FORMAT = 256,
	OPT_MAPPING,
	OPT_DATASET,
	OPT_GRADE,
	OPT_HANDLING,
	OPT_CONDITIONS,
	OPT_RELEASABLE,
	OPT_CLASSIFICATION,
	OPT_DESCRIPTOR,
	OPT_ORIGINATOR,
	OPT_COMPARTMENT,
	OPT_SUBJECT,
	OPT_RETENTION,
	OPT_EUROPOL,
	OPT_TLP,
	OPT_PHONE_REGION,
	OPT_DATE_ORDER,
	OPT_CALENDAR,
	OPT_JSON,
	OPT_QUIET,
	OPT_MANIFEST,
	OPT_NO_RESOLVE,
};

static const struct option options[] = {
        {"format", required_argument, NULL, OPT_FORMAT},
        {"mapping", required_argument, NULL, OPT_MAPPING},
        {"dataset", required_argument, NULL, OPT_DATASET},
        {"grade", required_argument, NULL, OPT_GRADE},
        {"handling", required_argument, NULL, OPT_HANDLING},
        {"conditions", required_argument, NULL, OPT_CONDITIONS},
        {"releasable-to", required_argument, NULL, OPT_RELEASABLE},
        {"classification", required_argument, NULL, OPT_CLASSIFICATION},
        {"descriptor", required_argument, NULL, OPT_DESCRIPTOR},
        {"originator", required_argument, NULL, OPT_ORIGINATOR},
        {"compartment", required_argument, NULL, OPT_COMPARTMENT},
        {"subject", required_argument, NULL, OPT_SUBJECT},
        {"retention-review", required_argument, NULL, OPT_RETENTION},
        {"europol", required_argument, NULL, OPT_EUROPOL},
        {"tlp", required_argument, NULL, OPT_TLP},
        {"phone-region", required_argument, NULL, OPT_PHONE_REGION},
        {"date-order", required_argument, NULL, OPT_DATE_ORDER},
        {"calendar", required_argument, NULL, OPT_CALENDAR},
        {"no-resolve", no_argument, NULL, OPT_NO_RESOLVE},
        {"json", no_argument, NULL, OPT_JSON},
        {"quiet", no_argument, NULL, OPT_QUIET},
        {"manifest", required_argument, NULL, OPT_MANIFEST},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
};

struct progress {
	const char *file;
	bool shown;
};

static void show_progress(void *ctx, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;
	int pct = total ? (int)(done * 100 / total) : 0;
	int bar = pct / 4;

	fputc('\r', stderr);
	cli_put_cell(stderr, p->file, 24, true);
	fprintf(stderr, " [%-25.*s] %3d%% %8.1f MB", bar, "#########################", pct,
	        (double)done / 1e6);
	p->shown = true;
}

static int print_report(const char *file, const struct iv_ingest_report *r, bool json)
{
	if (json)
		return cli_print_json(
		        json_pack("{s:s, s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:I}", "file", file,
		                  "dataset", r->dataset, "records", (json_int_t)r->records,
		                  "statements", (json_int_t)r->statements, "statements_added",
		                  (json_int_t)r->statements_added, "statements_skipped",
		                  (json_int_t)r->statements_skipped, "entities_added",
		                  (json_int_t)r->entities_added, "invalid", (json_int_t)r->invalid,
		                  "dangling", (json_int_t)r->dangling));
	printf("%s: dataset %s: %llu records, %llu statements added, %llu skipped "
	       "(already present), %llu new entities, %llu invalid values kept verbatim, "
	       "%llu dangling references\n",
	       file, r->dataset, (unsigned long long)r->records,
	       (unsigned long long)r->statements_added, (unsigned long long)r->statements_skipped,
	       (unsigned long long)r->entities_added, (unsigned long long)r->invalid,
	       (unsigned long long)r->dangling);
	return CLI_OK;
}

struct manifest_out {
	bool json;
	unsigned files;
};

static void on_manifest_file(void *ctx, const char *file, const struct iv_ingest_report *r)
{
	struct manifest_out *mo = ctx;

	mo->files++;
	(void)print_report(file, r, mo->json);
}

/* Apply one envelope option; returns a usage exit code or 0. */
static int envelope_option(int opt, const char *arg, struct iv_ingest_opts *o)
{
	struct iv_handling *h = &o->handling;

	switch (opt) {
	case OPT_GRADE:
		if (iv_grade_parse(arg, h))
			return cli_usage("ingest", "--grade '%s' is not a grade such as 2B", arg);
		o->handling_set |= IV_HF_GRADE;
		return 0;
	case OPT_HANDLING:
		if (strcmp(arg, "P") && strcmp(arg, "C"))
			return cli_usage("ingest", "--handling must be P or C, not '%s'", arg);
		h->code = arg[0];
		o->handling_set |= IV_HF_CODE;
		return 0;
	case OPT_CONDITIONS:
		h->conditions = arg;
		o->handling_set |= IV_HF_CONDITIONS;
		return 0;
	case OPT_RELEASABLE:
		h->releasable_to = arg;
		o->handling_set |= IV_HF_RELEASABLE;
		return 0;
	case OPT_CLASSIFICATION:
		if (!iv_classification_parse(arg, &h->classification))
			return cli_usage("ingest", "--classification '%s' is not a level", arg);
		o->handling_set |= IV_HF_CLASSIFICATION;
		return 0;
	case OPT_DESCRIPTOR:
		h->descriptor = arg;
		o->handling_set |= IV_HF_DESCRIPTOR;
		return 0;
	case OPT_ORIGINATOR:
		h->originator = arg;
		o->handling_set |= IV_HF_ORIGINATOR;
		return 0;
	case OPT_COMPARTMENT:
		h->compartment = arg;
		o->handling_set |= IV_HF_COMPARTMENT;
		return 0;
	case OPT_SUBJECT:
		if (!iv_subject_parse(arg, &h->subject))
			return cli_usage("ingest", "--subject '%s' is not a category", arg);
		o->handling_set |= IV_HF_SUBJECT;
		return 0;
	case OPT_RETENTION:
		h->retention_review = arg;
		o->handling_set |= IV_HF_RETENTION;
		return 0;
	case OPT_EUROPOL:
		h->europol_code = arg;
		o->handling_set |= IV_HF_EUROPOL;
		return 0;
	case OPT_TLP:
		h->tlp = arg;
		o->handling_set |= IV_HF_TLP;
		return 0;
	default:
		return -1;
	}
}

/* What the command line asks for: the library's options and the command's own. */
struct ingest_args {
	struct iv_ingest_opts o;
	const char *manifest;
	bool json, quiet, resolve;
	bool help; /* --help was shown: nothing more to do */
	int first; /* argv index of the first file */
};

/* Apply one option that says what to read; returns a usage exit code or 0, -1 if not one. */
static int source_option(int opt, const char *arg, struct ingest_args *a)
{
	switch (opt) {
	case OPT_FORMAT:
		if (!strcmp(arg, "ftm"))
			a->o.format = IV_FORMAT_FTM;
		else if (!strcmp(arg, "csv"))
			a->o.format = IV_FORMAT_CSV;
		else
			return cli_usage("ingest", "--format must be ftm or csv");
		return 0;
	case OPT_MAPPING:
		a->o.mapping_path = arg;
		return 0;
	case OPT_DATASET:
		if (!*arg)
			return cli_usage("ingest", "--dataset must not be empty");
		a->o.dataset = arg;
		return 0;
	case OPT_MANIFEST:
		a->manifest = arg;
		return 0;
	default:
		return -1;
	}
}

/* Apply one output or resolution option; returns 0, or -1 if not one. */
static int output_option(int opt, struct ingest_args *a)
{
	switch (opt) {
	case OPT_JSON:
		a->json = true;
		return 0;
	case OPT_QUIET:
		a->quiet = true;
		return 0;
	case OPT_NO_RESOLVE:
		a->resolve = false;
		return 0;
	default:
		return -1;
	}
}

/* Apply one normalisation option; returns a usage exit code or 0, -1 if not one. */
static int norm_option(int opt, const char *arg, struct iv_ingest_opts *o)
{
	switch (opt) {
	case OPT_PHONE_REGION:
		if (strlen(arg) != 2)
			return cli_usage("ingest", "--phone-region takes a two-letter code");
		o->norm.phone_region = arg;
		return 0;
	case OPT_DATE_ORDER:
		if (strcmp(arg, "dmy") && strcmp(arg, "mdy"))
			return cli_usage("ingest", "--date-order must be dmy or mdy");
		o->norm.date_mdy = !strcmp(arg, "mdy");
		o->date_order_set = true;
		return 0;
	case OPT_CALENDAR:
		if (!iv_calendar_from_name(arg, &o->norm.calendar))
			return cli_usage("ingest", "--calendar must be gregorian, persian, "
			                           "islamic or ethiopic");
		return 0;
	default:
		return -1;
	}
}

/*
 * Read the options into a, up to the first that is wrong; returns a usage
 * exit code or 0.  With --help, shows the help and sets a->help.
 */
static int read_options(int argc, char **argv, struct ingest_args *a)
{
	int opt, r;

	memset(a, 0, sizeof(*a));
	iv_ingest_opts_init(&a->o);
	a->resolve = true;
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(help, stdout);
			a->help = true;
			return CLI_OK;
		}
		if (opt == '?')
			return cli_usage("ingest", "bad option");
		r = source_option(opt, optarg, a);
		if (r < 0)
			r = output_option(opt, a);
		if (r < 0)
			r = norm_option(opt, optarg, &a->o);
		if (r < 0)
			r = envelope_option(opt, optarg, &a->o);
		if (r)
			return r;
	}
	a->first = optind;
	return CLI_OK;
}

/* The usage errors of options taken together; returns a usage exit code or 0. */
static int check_usage(const struct ingest_args *a, int argc)
{
	struct iv_handling check = a->o.handling;
	struct iv_buf err = IV_BUF_INIT;
	int code = CLI_OK;

	if (a->manifest && a->first < argc)
		return cli_usage("ingest", "give either files or --manifest, not both");
	if (a->manifest && (a->o.dataset || a->o.mapping_path || a->o.format))
		return cli_usage("ingest", "--dataset, --mapping and --format come from the "
		                           "manifest's sources");
	if (!a->manifest && a->first >= argc)
		return cli_usage("ingest", "no file to ingest");
	/* the envelope the options give, checked before the store is opened: without
	 * --handling the code is the default P (a mapping or a line may still make it C
	 * with its own conditions), and every other option is checked as given */
	if (!(a->o.handling_set & IV_HF_CODE))
		check.code = 'P';
	if (iv_handling_check(&check, &err))
		code = cli_usage("ingest", "%s", err.buf);
	iv_buf_release(&err);
	return code;
}

/* Load the package a manifest lists, in one transaction; returns an exit code. */
static int load_manifest(struct iv_store *st, struct ingest_args *a, struct iv_buf *err)
{
	struct manifest_out mo = {a->json, 0};
	enum iv_err rc;
	int code;

	a->o.progress = NULL;
	if (!a->quiet)
		fprintf(stderr, "invigor: loading the package %s in one transaction\n",
		        a->manifest);
	rc = iv_ingest_manifest(st, a->manifest, &a->o, on_manifest_file, &mo, err);
	cli_audit(st, "cli ingest --manifest", a->manifest, rc, err, NULL);
	if (!rc)
		return CLI_OK;
	code = cli_fail(rc, err);
	fprintf(stderr, "invigor: nothing of %s was loaded\n", a->manifest);
	return code;
}

/* The audit record of one file: what it added, or why nothing of it was kept. */
static void audit_file(struct iv_store *st, const char *file, enum iv_err rc,
                       const struct iv_buf *err, const struct iv_ingest_report *report)
{
	char ok[400] = "";

	if (!rc)
		snprintf(ok, sizeof(ok), "ok: dataset %s, %llu statements added", report->dataset,
		         (unsigned long long)report->statements_added);
	cli_audit(st, "cli ingest", file, rc, err, rc ? NULL : ok);
}

/*
 * Load the files from argv[a->first] on, each in its own transaction, up to
 * the first that fails: the ones before it stay loaded.  Returns an exit code.
 */
static int load_files(struct iv_store *st, struct ingest_args *a, int argc, char **argv,
                      struct iv_buf *err)
{
	for (int i = a->first; i < argc; i++) {
		struct iv_ingest_report report;
		struct progress prog = {argv[i], false};
		enum iv_err rc;
		int code;

		a->o.progress = !a->quiet && isatty(2) ? show_progress : NULL;
		a->o.progress_ctx = &prog;
		iv_buf_reset(err);
		rc = iv_ingest_file(st, argv[i], &a->o, &report, err);
		if (prog.shown)
			fputs("\r\033[K", stderr);
		audit_file(st, argv[i], rc, err, &report);
		if (rc) {
			code = cli_fail(rc, err);
			if (i > a->first)
				fprintf(stderr,
				        "invigor: %s and the files after it were not loaded; "
				        "the %d file(s) before it were\n",
				        argv[i], i - a->first);
			return code;
		}
		code = print_report(argv[i], &report, a->json);
		if (code)
			return code;
	}
	return CLI_OK;
}

int cmd_ingest(int argc, char **argv, const struct cli_global *g)
{
	struct ingest_args a;
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	int code;

	code = read_options(argc, argv, &a);
	if (code || a.help)
		return code;
	code = check_usage(&a, argc);
	if (code)
		return code;
	code = cli_open_store(g, true, false, &st);
	if (code)
		goto out;
	if (a.manifest)
		code = load_manifest(st, &a, &err);
	else
		code = load_files(st, &a, argc, argv, &err);
	if (!code && a.resolve)
		code = cli_resolve_new(st, a.quiet);
out:
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}
