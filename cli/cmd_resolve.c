/*
 * cmd_resolve.c - the entity-resolution verbs:
 *
 *   invigor resolve [--schema S] [--threshold X] [--incremental] [--json]
 *   invigor clusters [--all] [--json]
 *   invigor explain ID1 ID2 [--json]
 *   invigor judge ID1 ID2 same|different|unsure|withdrawn [--note TEXT] [--user NAME]
 *   invigor review [--limit N] [--json]
 *   invigor unmerge ID [--note TEXT] [--user NAME]
 *
 * The work is in lib/resolve (include/iv/resolve.h); these parse options
 * and print.  docs/resolution.md explains the method and the output.
 */
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "iv/resolve.h"

#include "cli.h"

/* Who is judging: --user, else $INVIGOR_USER, else the login name. */
static const char *judging_user(const char *given)
{
	const char *u = given;

	if (!u || !*u)
		u = getenv("INVIGOR_USER");
	if (!u || !*u)
		u = getenv("USER");
	if (!u || !*u)
		u = getlogin();
	return u && *u ? u : "unknown";
}

static bool parse_probability(const char *s, double *out)
{
	char *end;
	double v = strtod(s, &end);

	if (end == s || *end || !(v > 0 && v < 1))
		return false;
	*out = v;
	return true;
}

/* ---- resolve ------------------------------------------------------------------------------ */

static const char resolve_help[] =
        "usage: invigor [--db PATH] resolve [--schema S] [--threshold X] [--incremental]\n"
        "                                   [--keep-model] [--budget N] [--max-block N]\n"
        "                                   [--json] [--quiet]\n"
        "\n"
        "Find the records that are the same person, organisation, account, vehicle,\n"
        "vessel, social account or identity document, and make canonical entities\n"
        "of them.  A batch run fits the scoring model on the data itself (no labels\n"
        "needed) and replaces the previous result; judgements made with 'invigor\n"
        "judge' are kept and always win.\n"
        "\n"
        "  --schema S       one family (Person, Organization, BankAccount, Vehicle,\n"
        "                   Vessel, UserAccount, Identification) or a schema in it;\n"
        "                   default: every family\n"
        "  --threshold X    link pairs whose match probability is at least X\n"
        "                   (0 < X < 1; default 0.9); pairs from 0.2 up to X go to\n"
        "                   the review queue\n"
        "  --incremental    match only records not resolved yet against the stored\n"
        "                   ones ('invigor ingest' does this itself after loading; a\n"
        "                   note says when a batch run would cost no more)\n"
        "  --keep-model     batch run scored with the stored model, not a new fit\n"
        "  --budget N       candidate pairs kept per record (default 20)\n"
        "  --max-block N    blocks of up to N records propose all their pairs; larger\n"
        "                   ones each record's 8 neighbours in name order (default 64)\n"
        "  --json           one summary object per family\n"
        "  --quiet          no progress on stderr\n";

struct resolve_progress {
	bool quiet;
	bool shown;
};

static void resolve_progress(void *ctx, const char *phase, uint64_t done, uint64_t total)
{
	struct resolve_progress *p = ctx;

	if (p->quiet || !isatty(STDERR_FILENO))
		return;
	if (total)
		fprintf(stderr, "\r%-10s %12llu / %-12llu", phase, (unsigned long long)done,
		        (unsigned long long)total);
	else
		fprintf(stderr, "\r%-10s %12llu%-15s", phase, (unsigned long long)done, "");
	p->shown = true;
}

/*
 * From about a tenth of new records on, an incremental run costs as much as
 * a batch run, which also fits the model to them (docs/resolution.md,
 * "Incremental runs"): say so, on stderr.
 */
static void incremental_hint(const struct iv_resolve_report *r)
{
	if (r->stored_records && r->new_records * 10 >= r->stored_records)
		fprintf(stderr,
		        "invigor: note: %llu new %s records are a tenth or more of the %llu "
		        "resolved before; a batch run ('invigor resolve --schema %s') takes about "
		        "as long and fits the model to them too\n",
		        (unsigned long long)r->new_records, r->family,
		        (unsigned long long)r->stored_records, r->family);
}

/* A report's fields in --json: the figures of the text, with each phase's seconds. */
static json_t *resolve_report_json(const struct iv_resolve_report *r, double per_record,
                                   double total)
{
	json_t *o =
	        json_pack("{s:s, s:I, s:I, s:I, s:I, s:I, s:I, s:f, s:I, s:I, s:I, s:I, s:I, s:I, "
	                  "s:I,"
	                  " s:I, s:b, s:I, s:f, s:f}",
	                  "family", r->family, "records", (json_int_t)r->records, "new_records",
	                  (json_int_t)r->new_records, "keys", (json_int_t)r->keys, "big_blocks",
	                  (json_int_t)r->big_blocks, "pairs_blocked", (json_int_t)r->pairs_blocked,
	                  "pairs_compared", (json_int_t)r->pairs_compared, "pairs_per_record",
	                  per_record, "strong_links", (json_int_t)r->strong_links, "match_links",
	                  (json_int_t)r->match_links, "vetoes", (json_int_t)r->vetoes, "review",
	                  (json_int_t)r->review_pairs, "judgements", (json_int_t)r->judgements,
	                  "clusters", (json_int_t)r->clusters, "merged", (json_int_t)r->merged,
	                  "largest", (json_int_t)r->largest, "fitted", r->fitted, "em_iterations",
	                  (json_int_t)r->fit.iterations, "prior", r->fitted ? r->fit.prior : 0.0,
	                  "seconds", total);

	/* the save's stages on their own thread beside the other phases (records, keys,
	 * the engine's links); "save_beside_fit" is the older name of the same figure */
	if (o &&
	    (json_object_set_new(o, "stored_records",
	                         json_integer((json_int_t)r->stored_records)) ||
	     json_object_set_new(o, "save_beside", json_real(r->save_beside)) ||
	     json_object_set_new(o, "save_beside_fit", json_real(r->save_beside)) ||
	     json_object_set_new(o, "bridging_held", json_integer((json_int_t)r->bridging_held)) ||
	     json_object_set_new(o, "refitted", json_boolean(r->refitted)))) {
		json_decref(o);
		o = NULL;
	}

	if (o && json_object_set_new(o, "phases",
	                             json_pack("{s:f, s:f, s:f, s:f, s:f, s:f}", "load",
	                                       r->seconds[0], "block", r->seconds[1], "compare",
	                                       r->seconds[2], "fit_score", r->seconds[3], "cluster",
	                                       r->seconds[4], "save", r->seconds[5]))) {
		json_decref(o);
		o = NULL;
	}
	return o;
}

/* A report as text: a line of counts, the links, then the entities, the model and the times. */
static void print_resolve_text(const struct iv_resolve_report *r, double per_record, double total)
{
	if (r->refitted)
		printf("%s: the stored model was made by an older invigor: every %s record was "
		       "resolved afresh, with a new fit\n",
		       r->family, r->family);
	printf("%s: %llu record%s, %llu pair%s compared (%.1f per record; %llu proposed by %llu "
	       "key%s)\n",
	       r->family, (unsigned long long)r->records, r->records == 1 ? "" : "s",
	       (unsigned long long)r->pairs_compared, r->pairs_compared == 1 ? "" : "s", per_record,
	       (unsigned long long)r->pairs_blocked, (unsigned long long)r->keys,
	       r->keys == 1 ? "" : "s");
	printf("  links: %llu by strong identifier, %llu by score, %llu vetoes, %llu for review; "
	       "%llu judgement%s applied\n",
	       (unsigned long long)r->strong_links, (unsigned long long)r->match_links,
	       (unsigned long long)r->vetoes, (unsigned long long)r->review_pairs,
	       (unsigned long long)r->judgements, r->judgements == 1 ? "" : "s");
	printf("  %llu canonical entit%s, %llu of them merged (largest %llu member%s)",
	       (unsigned long long)r->clusters, r->clusters == 1 ? "y" : "ies",
	       (unsigned long long)r->merged, (unsigned long long)r->largest,
	       r->largest == 1 ? "" : "s");
	if (r->bridging_held)
		printf("; %llu bridging records held to one entity",
		       (unsigned long long)r->bridging_held);
	if (r->fitted) /* a probability here; explain gives the prior as log-odds in bits */
		printf("; model fitted in %u EM iterations, prior %.4f (share of compared pairs "
		       "that match)",
		       r->fit.iterations, r->fit.prior);
	printf("; %.2f s (load %.2f, block %.2f, compare %.2f, fit %.2f, cluster %.2f, save "
	       "%.2f; %.2f of saving beside the other phases)\n",
	       total, r->seconds[0], r->seconds[1], r->seconds[2], r->seconds[3], r->seconds[4],
	       r->seconds[5], r->save_beside);
}

static int print_resolve_report(const struct iv_resolve_report *r, bool json)
{
	double per_record = r->records ? 2.0 * (double)r->pairs_compared / (double)r->records : 0;
	double total = 0;

	for (int i = 0; i < 6; i++)
		total += r->seconds[i];
	if (json)
		return cli_print_json(resolve_report_json(r, per_record, total));
	print_resolve_text(r, per_record, total);
	return CLI_OK;
}

/* What `invigor resolve` was asked for: the engine's options and how to report. */
struct resolve_request {
	struct iv_resolve_options o;
	struct resolve_progress p;
	bool json, incremental;
};

/* resolve's long options, numbered past any short option's letter */
enum {
	RESOLVE_SCHEMA = 256,
	RESOLVE_THRESHOLD,
	RESOLVE_INCREMENTAL,
	RESOLVE_KEEP,
	RESOLVE_JSON,
	RESOLVE_QUIET,
	RESOLVE_BUDGET,
	RESOLVE_MAX_BLOCK
};

/*
 * One option of `invigor resolve` into r: -1 to go on, else the exit code
 * to return (0 after the help, 1 after a usage error), so that a bad value
 * stops the command before the store is opened.
 */
static int resolve_option(int opt, const char *arg, struct resolve_request *r)
{
	switch (opt) {
	case 'h':
		fputs(resolve_help, stdout);
		return CLI_OK;
	case RESOLVE_SCHEMA:
		r->o.family = arg;
		break;
	case RESOLVE_THRESHOLD:
		if (!parse_probability(arg, &r->o.threshold))
			return cli_usage("resolve",
			                 "--threshold takes a number between 0 and 1, not '%s'",
			                 arg);
		break;
	case RESOLVE_INCREMENTAL:
		r->incremental = true;
		break;
	case RESOLVE_KEEP:
		r->o.keep_model = true;
		break;
	case RESOLVE_BUDGET:
		if (!cli_parse_uint(arg, &r->o.budget) || r->o.budget < 1 || r->o.budget > 100000)
			return cli_usage("resolve", "--budget takes a count from 1 to 100000");
		break;
	case RESOLVE_MAX_BLOCK:
		if (!cli_parse_uint(arg, &r->o.max_block) || r->o.max_block < 2 ||
		    r->o.max_block > 100000)
			return cli_usage("resolve", "--max-block takes a count from 2 to 100000");
		break;
	case RESOLVE_JSON:
		r->json = true;
		break;
	case RESOLVE_QUIET:
		r->p.quiet = true;
		break;
	default:
		return cli_usage("resolve", "bad option");
	}
	return -1;
}

/* `invigor resolve`'s command line into r: -1 to go on, else the exit code to return. */
static int resolve_options(int argc, char **argv, struct resolve_request *r)
{
	static const struct option options[] = {
	        {"schema", required_argument, NULL, RESOLVE_SCHEMA},
	        {"threshold", required_argument, NULL, RESOLVE_THRESHOLD},
	        {"incremental", no_argument, NULL, RESOLVE_INCREMENTAL},
	        {"keep-model", no_argument, NULL, RESOLVE_KEEP},
	        {"budget", required_argument, NULL, RESOLVE_BUDGET},
	        {"max-block", required_argument, NULL, RESOLVE_MAX_BLOCK},
	        {"json", no_argument, NULL, RESOLVE_JSON},
	        {"quiet", no_argument, NULL, RESOLVE_QUIET},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt, code = -1;

	optind = 1;
	while (code < 0 && (opt = getopt_long(argc, argv, "h", options, NULL)) != -1)
		code = resolve_option(opt, optarg, r);
	if (code < 0 && optind < argc)
		code = cli_usage("resolve", "unexpected argument '%s'", argv[optind]);
	return code;
}

/*
 * The reports of the families run (as text, only those with records or
 * the one asked for), each followed on stderr, unless --quiet, by the
 * note when a batch run would have cost no more (incremental_hint).
 */
static int print_resolve_reports(const struct resolve_request *r,
                                 const struct iv_resolve_report *reports, size_t nrun)
{
	int code = CLI_OK;

	if (nrun == 0 && !r->json)
		printf(r->incremental ? "nothing new to resolve\n" : "nothing to resolve\n");
	for (size_t i = 0; i < nrun && !code; i++) {
		if (r->json || reports[i].records > 0 || r->o.family)
			code = print_resolve_report(&reports[i], r->json);
		if (!r->p.quiet)
			incremental_hint(&reports[i]);
	}
	return code;
}

int cmd_resolve(int argc, char **argv, const struct cli_global *g)
{
	struct resolve_request r;
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	size_t nrun = 0;
	int code;
	enum iv_err rc;

	memset(&r, 0, sizeof(r));
	code = resolve_options(argc, argv, &r);
	if (code >= 0)
		return code;
	code = cli_open_store(g, false, false, &st);
	if (code)
		return code;
	r.o.progress = resolve_progress;
	r.o.progress_ctx = &r.p;
	rc = r.incremental
	             ? iv_resolve_incremental(st, &r.o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err)
	             : iv_resolve_batch(st, &r.o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err);
	if (r.p.shown)
		fprintf(stderr, "\r%-40s\r", "");
	cli_audit(st, r.incremental ? "cli resolve --incremental" : "cli resolve",
	          r.o.family ? r.o.family : "", rc, &err, NULL);
	if (rc)
		code = cli_fail(rc, &err);
	else
		code = print_resolve_reports(&r, reports, nrun);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

int cli_resolve_new(struct iv_store *st, bool quiet)
{
	struct iv_resolve_report reports[IV_RESOLVE_NFAMILIES];
	struct iv_buf err = IV_BUF_INIT;
	struct resolve_progress p = {quiet, false};
	struct iv_resolve_options o = {.progress = resolve_progress, .progress_ctx = &p};
	size_t nrun = 0;
	int code = CLI_OK;
	enum iv_err rc = iv_resolve_incremental(st, &o, reports, IV_RESOLVE_NFAMILIES, &nrun, &err);

	if (p.shown)
		fprintf(stderr, "\r%-40s\r", "");
	if (rc) {
		code = cli_fail(rc, &err);
		fprintf(stderr,
		        "invigor: the data is loaded, but resolving the new records failed; "
		        "run 'invigor resolve --incremental'\n");
	}
	for (size_t i = 0; !rc && !quiet && i < nrun; i++)
		if (reports[i].refitted)
			fprintf(stderr,
			        "invigor: the stored %s model was made by an older invigor: all "
			        "%llu "
			        "%s records were resolved afresh, with a new fit: %llu links, %llu "
			        "pairs for review\n",
			        reports[i].family, (unsigned long long)reports[i].records,
			        reports[i].family,
			        (unsigned long long)(reports[i].strong_links +
			                             reports[i].match_links),
			        (unsigned long long)reports[i].review_pairs);
		else
			fprintf(stderr,
			        "invigor: resolved %llu new %s records (%llu resolved again with "
			        "new "
			        "values): %llu links, %llu pairs for review\n",
			        (unsigned long long)reports[i].new_records, reports[i].family,
			        (unsigned long long)reports[i].updated,
			        (unsigned long long)(reports[i].strong_links +
			                             reports[i].match_links),
			        (unsigned long long)reports[i].review_pairs);
	for (size_t i = 0; !rc && !quiet && i < nrun; i++)
		incremental_hint(&reports[i]);
	iv_buf_release(&err);
	return code;
}

/* ---- clusters ------------------------------------------------------------------------------- */

static const char clusters_help[] =
        "usage: invigor [--db PATH] clusters [--all] [--json]\n"
        "\n"
        "The canonical entities that merge more than one record (with --all, every\n"
        "canonical entity), one per line.\n"
        "\n"
        "  --all    single-record entities too\n"
        "  --json   one object per line: {\"canonical\": ID, \"members\": [ID, ...]}\n";

struct clusters_out {
	bool json, all;
	char canonical[64];
	json_t *members;
	enum iv_err rc;
	size_t records; /* memberships read */
};

static int flush_cluster(struct clusters_out *c)
{
	int code = CLI_OK;
	size_t n = c->members ? json_array_size(c->members) : 0;

	if (n == 0 || (n < 2 && !c->all)) {
		json_decref(c->members);
		c->members = NULL;
		return CLI_OK;
	}
	if (c->json) {
		code = cli_print_json(
		        json_pack("{s:s, s:o}", "canonical", c->canonical, "members", c->members));
	} else {
		printf("%s", c->canonical);
		for (size_t i = 0; i < n; i++) {
			fputs(i ? ", " : ": ", stdout);
			cli_put_text(json_string_value(json_array_get(c->members, i)));
		}
		printf("\n");
		json_decref(c->members);
	}
	c->members = NULL;
	return code;
}

static IV_MUST_USE enum iv_err on_member(void *ctx, const char *entity, const char *canonical)
{
	struct clusters_out *c = ctx;

	c->records++;
	if (!c->members || strcmp(c->canonical, canonical) != 0) {
		if (flush_cluster(c))
			return IV_ERR_IO;
		snprintf(c->canonical, sizeof(c->canonical), "%s", canonical);
		c->members = json_array();
		if (!c->members)
			return IV_ERR_NOMEM;
	}
	return json_array_append_new(c->members, json_string(entity)) ? IV_ERR_NOMEM : IV_OK;
}

int cmd_clusters(int argc, char **argv, const struct cli_global *g)
{
	static const struct option options[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"all", no_argument, NULL, 'a'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct clusters_out c;
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	int opt, code;
	enum iv_err rc;

	memset(&c, 0, sizeof(c));
	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(clusters_help, stdout);
			return CLI_OK;
		}
		if (opt == 'j')
			c.json = true;
		else if (opt == 'a')
			c.all = true;
		else
			return cli_usage("clusters", "bad option");
	}
	if (optind < argc)
		return cli_usage("clusters", "unexpected argument '%s'", argv[optind]);
	code = cli_open_store(g, false, true, &st);
	if (code)
		return code;
	rc = iv_store_res_each_member(st, on_member, &c, &err);
	if (!rc)
		code = flush_cluster(&c);
	else
		code = rc == IV_ERR_NOMEM ? cli_error(rc, "out of memory") : cli_fail(rc, &err);
	if (!rc && !code && c.records == 0) /* stdout stays empty: scripts read it */
		fprintf(stderr, "invigor: nothing resolved yet: run 'invigor resolve' first\n");
	json_decref(c.members);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

/* ---- explain
 * ------------------------------------------------------------------------------------- */

static const char explain_help[] =
        "usage: invigor [--db PATH] explain ID1 ID2 [--threshold X] [--json]\n"
        "\n"
        "Why two records are (or are not) the same: each feature, what was compared\n"
        "on each side, the agreement level, m and u, and the weight in bits it adds;\n"
        "the prior, the total score, the match probability, any strong-identifier\n"
        "rule or judgement by a person that decides, and the decision.\n"
        "\n"
        "  --threshold X   decide at match probability X (0 < X < 1) instead of the\n"
        "                  threshold the last run used\n"
        "  --json          one object: a, b, family, features[] (name, a, b, level, m,\n"
        "                  u, weight in bits ...), prior and score in bits, probability,\n"
        "                  rule, identifier, judgement, decision, same_cluster,\n"
        "                  bridging, fed_by, fed_by_count\n";

/* "  values of ID given by: A, B" for a record other entities fed, one line (control
 * characters a source put in an id shown as '?'). */
static void print_fed(const char *id, const struct iv_resolve_fed *f)
{
	const char *p = f->ids;

	if (!f->known) {
		printf("  values of %s given by: not said (resolved before records kept it; "
		       "'invigor resolve' writes it)\n",
		       id);
		return;
	}
	if (!f->n)
		return;
	printf("  values of %s given by: ", id);
	for (size_t i = 0; i < f->listed; i++) {
		fputs(i ? ", " : "", stdout);
		cli_put_text(p);
		p += strlen(p) + 1;
	}
	if (f->n > f->listed)
		printf(f->listed ? " and %zu more" : "%zu entities", f->n - f->listed);
	putchar('\n');
}

/*
 * `invigor explain`'s command line into o and json: -1 to go on, else the
 * exit code to return (0 after the help, 1 after a usage error).  The two
 * ids are argv[optind] and the one after it.
 */
static int explain_options(int argc, char **argv, struct iv_resolve_options *o, bool *json)
{
	static const struct option options[] = {
	        {"json", no_argument, NULL, 'j'},
	        {"threshold", required_argument, NULL, 't'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	int opt, code;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(explain_help, stdout);
			return CLI_OK;
		}
		if (opt == 'j')
			*json = true;
		else if (opt == 't' && !parse_probability(optarg, &o->threshold))
			return cli_usage("explain",
			                 "--threshold takes a number between 0 and 1, not '%s'",
			                 optarg);
		else if (opt != 't')
			return cli_usage("explain", "bad option");
	}
	if (argc - optind != 2)
		return cli_usage("explain", "give two entity ids");
	code = cli_check_ids("explain", argv + optind, 2);
	return code ? code : -1;
}

/* The pair and the table of its features: what the score is made of, one row a feature. */
static void print_explained_features(const struct iv_resolve_explanation *x)
{
	cli_put_text(x->a);
	putchar(' ');
	cli_put_text(x->b);
	printf("  (%s)\n", x->family);
	printf("  %-12s %-28s %-28s %-18s %8s %8s %8s\n", "feature", "value 1", "value 2", "level",
	       "m", "u", "bits");
	for (size_t f = 0; f < x->nfeatures; f++) {
		const struct iv_resolve_feature *rf = &x->features[f];

		printf("  %-12s ", rf->name);
		cli_put_cell(stdout, *rf->a ? rf->a : "-", 28, true);
		putchar(' ');
		cli_put_cell(stdout, *rf->b ? rf->b : "-", 28, true);
		printf(" %-18s %8.4f %8.2g %+8.2f%s\n", rf->level, rf->c.m, rf->c.u, rf->c.weight,
		       rf->tf        ? " (value frequency)"
		       : rf->implied ? " (implied by the name)"
		       : rf->several ? " (one may hold several)"
		                     : "");
	}
}

/* The explanation as text: the features, then the figures, rules and decision they led to. */
static void print_explanation(const struct iv_resolve_explanation *x)
{
	print_explained_features(x);
	printf("  prior %+.2f bits; score %+.2f bits; match probability %.4f\n", x->prior, x->score,
	       x->probability);
	if (x->calibrated)
		printf("  calibrated by people's verdicts on %zu review pairs of the family (%zu "
		       "same, "
		       "%zu different): %.4f\n",
		       x->calibration_same + x->calibration_different, x->calibration_same,
		       x->calibration_different, x->calibrated_probability);
	if (*x->rule)
		printf("  rule: %s\n", x->rule);
	if (*x->judgement)
		printf("  judgement: %s\n", x->judgement);
	printf("  decision: %s; %s\n", x->decision,
	       x->same_cluster ? "in one canonical entity now"
	                       : "in different canonical entities now");
	if (x->a_bridging || x->b_bridging)
		printf("  bridging: %s%s%s (two different phones or e-mails, or a document number "
		       "and no name or birth date: its links join one canonical entity only, the "
		       "one it links to most strongly)\n",
		       x->a_bridging ? x->a : "", x->a_bridging && x->b_bridging ? " and " : "",
		       x->b_bridging ? x->b : "");
	print_fed(x->a, &x->fed_a);
	print_fed(x->b, &x->fed_b);
}

int cmd_explain(int argc, char **argv, const struct cli_global *g)
{
	struct iv_resolve_options o = {0};
	struct iv_resolve_explanation *x;
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	bool json = false;
	int code;
	enum iv_err rc;

	code = explain_options(argc, argv, &o, &json);
	if (code >= 0)
		return code;
	x = iv_calloc(sizeof(*x));
	if (!x)
		return cli_error(IV_ERR_NOMEM, "out of memory");
	code = cli_open_store(g, false, true, &st);
	if (code)
		goto out;
	rc = iv_resolve_explain(st, argv[optind], argv[optind + 1], &o, x, &err);
	if (rc)
		code = cli_fail(rc, &err);
	else if (json)
		code = cli_print_json(iv_resolve_explanation_json(x));
	else
		print_explanation(x);
out:
	iv_free(x);
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

/* ---- judge and unmerge
 * ---------------------------------------------------------------------------- */

static const char judge_help[] =
        "usage: invigor [--db PATH] judge ID1 ID2 same|different|unsure|withdrawn\n"
        "                                 [--note TEXT] [--user NAME] [--json]\n"
        "\n"
        "Record your decision on a pair; it always wins over the engine, is kept\n"
        "with your name and the time, and is overridden by judging the pair again.\n"
        "'same' merges their canonical entities, 'different' keeps them apart for\n"
        "good, 'unsure' takes the pair out of the review queue without merging.\n"
        "'withdrawn' takes back the latest judgement standing on the pair: the one\n"
        "before it stands again, or, when there was none, the engine decides (the\n"
        "withdrawal is recorded too; nothing is deleted).  A withdrawal with no\n"
        "judgement standing, and a judgement that contradicts others, are refused.\n"
        "\n"
        "  --note TEXT   why (kept with the judgement; UTF-8, at most 16384 bytes,\n"
        "                line breaks and tabs allowed, no other control characters)\n"
        "  --user NAME   who judges (default: $INVIGOR_USER, else the login name)\n"
        "  --json        one object: a, b, verdict, canonical_a, canonical_b\n";

static int print_canonicals(struct iv_store *st, const char *a, const char *b, bool json,
                            const char *verdict)
{
	struct iv_buf ca = IV_BUF_INIT, cb = IV_BUF_INIT, err = IV_BUF_INIT;
	int code = CLI_OK;
	enum iv_err rc = iv_store_res_canonical(st, a, &ca, &err);

	if (!rc)
		rc = iv_store_res_canonical(st, b, &cb, &err);
	if (rc) {
		code = cli_fail(rc, &err);
	} else if (json) {
		code = cli_print_json(json_pack("{s:s, s:s, s:s, s:s, s:s}", "a", a, "b", b,
		                                "verdict", verdict, "canonical_a", ca.buf,
		                                "canonical_b", cb.buf));
	} else {
		printf("%s %s: %s recorded; now %s\n", a, b, verdict,
		       strcmp(ca.buf, cb.buf) == 0 ? "one canonical entity" : "apart");
		printf("  %s -> %s\n  %s -> %s\n", a, ca.buf, b, cb.buf);
	}
	iv_buf_release(&ca);
	iv_buf_release(&cb);
	iv_buf_release(&err);
	return code;
}

/* A record's canonical entity before a judgement, and one other member of it. */
struct before {
	const char *record, *peer;
	struct iv_buf canonical;
	char *other; /* a member other than the two judged, or NULL */
	size_t others;
};

static IV_MUST_USE enum iv_err note_other(void *ctx, const char *entity, const char *canonical)
{
	struct before *b = ctx;

	(void)canonical;
	if (strcmp(entity, b->record) == 0 || strcmp(entity, b->peer) == 0)
		return IV_OK;
	b->others++;
	if (!b->other)
		b->other = iv_strdup(entity);
	return b->other ? IV_OK : IV_ERR_NOMEM;
}

static void before_read(struct iv_store *st, struct before *b, const char *record, const char *peer)
{
	b->record = record;
	b->peer = peer;
	iv_buf_init(&b->canonical, 0);
	b->other = NULL;
	b->others = 0;
	if (iv_store_res_canonical(st, record, &b->canonical, NULL) == IV_OK &&
	    iv_store_res_members(st, b->canonical.buf, note_other, b, NULL) != IV_OK) {
		iv_free(b->other); /* only a note is lost */
		b->other = NULL;
		b->others = 0;
	}
}

/*
 * A record the judgement took out of an entity it shared with others (a
 * bridging record, whose links may join one entity only, goes where the
 * judgement puts it and leaves the rest): say so, and where the rest are.
 */
static void before_report(struct iv_store *st, struct before *b)
{
	struct iv_buf now = IV_BUF_INIT, rest = IV_BUF_INIT;

	if (b->other && iv_store_res_canonical(st, b->record, &now, NULL) == IV_OK &&
	    iv_store_res_canonical(st, b->other, &rest, NULL) == IV_OK &&
	    strcmp(now.buf, rest.buf) != 0) {
		if (b->others == 1)
			printf("  %s is now in %s, apart from %s, which was with it in %s and is "
			       "in %s\n",
			       b->record, now.buf, b->other, b->canonical.buf, rest.buf);
		else
			printf("  %s is now in %s, apart from the %zu other records it was with in "
			       "%s (%s among them, in %s)\n",
			       b->record, now.buf, b->others, b->canonical.buf, b->other, rest.buf);
	}
	iv_buf_release(&now);
	iv_buf_release(&rest);
	iv_buf_release(&b->canonical);
	iv_free(b->other);
}

int cmd_judge(int argc, char **argv, const struct cli_global *g)
{
	static const struct option options[] = {
	        {"note", required_argument, NULL, 'n'},
	        {"user", required_argument, NULL, 'u'},
	        {"json", no_argument, NULL, 'j'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *note = "", *user = NULL;
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT;
	struct before ba, bb;
	bool json = false;
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(judge_help, stdout);
			return CLI_OK;
		case 'n':
			note = optarg;
			break;
		case 'u':
			user = optarg;
			break;
		case 'j':
			json = true;
			break;
		default:
			return cli_usage("judge", "bad option");
		}
	}
	if (argc - optind != 3)
		return cli_usage("judge",
		                 "give two entity ids and same, different, unsure or withdrawn");
	code = cli_check_ids("judge", argv + optind, 2);
	if (code)
		return code;
	code = cli_open_store(g, false, false, &st);
	if (code)
		return code;
	before_read(st, &ba, argv[optind], argv[optind + 1]);
	before_read(st, &bb, argv[optind + 1], argv[optind]);
	rc = iv_resolve_judge(st, argv[optind], argv[optind + 1], argv[optind + 2],
	                      judging_user(user), note, &err);
	{
		char query[1200];
		snprintf(query, sizeof(query), "%s %s %s", argv[optind], argv[optind + 1],
		         argv[optind + 2]);
		cli_audit(st, "cli judge", query, rc, &err, NULL);
	}
	code = rc ? cli_fail(rc, &err)
	          : print_canonicals(st, argv[optind], argv[optind + 1], json, argv[optind + 2]);
	if (!rc && !json) {
		before_report(st, &ba);
		before_report(st, &bb);
	} else {
		iv_buf_release(&ba.canonical);
		iv_free(ba.other);
		iv_buf_release(&bb.canonical);
		iv_free(bb.other);
	}
	iv_store_close(st);
	iv_buf_release(&err);
	return code;
}

static const char unmerge_help[] =
        "usage: invigor [--db PATH] unmerge ID [--note TEXT] [--user NAME]\n"
        "\n"
        "Take a record out of its canonical entity: a 'different' judgement against\n"
        "each other member is recorded.  To undo, withdraw each of them ('invigor\n"
        "judge ID MEMBER withdrawn': what stood before on the pair stands again), or\n"
        "judge the record 'same' again with each former member.\n";

static IV_MUST_USE enum iv_err count_members(void *ctx, const char *entity, const char *canonical)
{
	(void)entity;
	(void)canonical;
	(*(size_t *)ctx)++;
	return IV_OK;
}

int cmd_unmerge(int argc, char **argv, const struct cli_global *g)
{
	static const struct option options[] = {
	        {"note", required_argument, NULL, 'n'},
	        {"user", required_argument, NULL, 'u'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	const char *note = "unmerge", *user = NULL;
	struct iv_store *st = NULL;
	struct iv_buf err = IV_BUF_INIT, canonical = IV_BUF_INIT;
	size_t removed = 0;
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(unmerge_help, stdout);
			return CLI_OK;
		}
		if (opt == 'n')
			note = optarg;
		else if (opt == 'u')
			user = optarg;
		else
			return cli_usage("unmerge", "bad option");
	}
	if (argc - optind != 1)
		return cli_usage("unmerge", "give one entity id");
	code = cli_check_ids("unmerge", argv + optind, 1);
	if (code)
		return code;
	code = cli_open_store(g, false, false, &st);
	if (code)
		return code;
	rc = iv_resolve_unmerge(st, argv[optind], judging_user(user), note, &removed, &err);
	cli_audit(st, "cli unmerge", argv[optind], rc, &err, NULL);
	if (!rc)
		rc = iv_store_res_canonical(st, argv[optind], &canonical, &err);
	if (rc == IV_ERR_NOTFOUND && strncmp(argv[optind], "c-", 2) == 0)
		code = cli_error(rc,
		                 "%s is not a record (a canonical id?): unmerge takes the record "
		                 "to take out ('invigor show %s' lists the members)",
		                 argv[optind], argv[optind]);
	else if (rc)
		code = cli_fail(rc, &err);
	else if (removed == 0)
		printf("%s was alone in %s: nothing to unmerge\n", argv[optind], canonical.buf);
	else {
		size_t n = 0;

		if (iv_store_res_members(st, canonical.buf, count_members, &n, &err) == IV_OK &&
		    n > 1)
			printf("%s taken out of its entity: %zu 'different' judgements recorded; "
			       "it is "
			       "now in %s with %zu records (joined through other links)\n",
			       argv[optind], removed, canonical.buf, n);
		else
			printf("%s taken out of its entity: %zu 'different' judgements recorded; "
			       "it is "
			       "now %s on its own (the other members got the canonical id of their "
			       "smallest member)\n",
			       argv[optind], removed, canonical.buf);
	}
	iv_store_close(st);
	iv_buf_release(&err);
	iv_buf_release(&canonical);
	return code;
}

/* ---- review
 * ------------------------------------------------------------------------------------------ */

static const char review_help[] =
        "usage: invigor [--db PATH] review [--limit N] [--json]\n"
        "\n"
        "Pairs the engine was unsure of (match probability between 0.2 and the\n"
        "threshold) that nobody has judged, most consequential first: uncertainty\n"
        "times the records a decision would join or keep apart.  One line per pair\n"
        "of entities, shown by its most uncertain pair of records (\"N pairs\" when\n"
        "more link them); a person's different or unsure on any two of their\n"
        "records takes the pair of entities off the queue.  Decide each with\n"
        "'invigor judge ID1 ID2 same|different|unsure' (and take a decision back\n"
        "with 'withdrawn'); 'invigor explain' shows why.  Once people have judged\n"
        "30 review pairs of a family (both verdicts among them), each line also\n"
        "gives the probability their verdicts calibrate (\"calibrated 0.058\").\n"
        "As text, each pair is followed by the two records' names.\n"
        "\n"
        "  --limit N   at most N pairs of entities (default 20; 0 for all)\n"
        "  --json      one object per line: {\"a\", \"b\", \"probability\", \"impact\",\n"
        "              \"size_a\", \"size_b\", \"reused\", \"pairs\", \"calibrated\"}\n"
        "              (\"calibrated\": null until the family's verdicts calibrate)\n";

struct review_out {
	struct iv_store *st;
	bool json;
	size_t n;
};

static IV_MUST_USE enum iv_err caption_of(void *ctx, const struct iv_entity_hit *hit)
{
	return iv_buf_adds(ctx, hit->caption ? hit->caption : hit->id);
}

/* "    Caption A / Caption B": who the two records are, for the person deciding. */
static void print_captions(struct iv_store *st, const char *a, const char *b)
{
	struct iv_buf ca = IV_BUF_INIT, cb = IV_BUF_INIT;

	if (iv_store_entity_get(st, a, caption_of, &ca, NULL) == IV_OK &&
	    iv_store_entity_get(st, b, caption_of, &cb, NULL) == IV_OK && ca.len && cb.len) {
		fputs("    ", stdout);
		cli_put_text(ca.buf);
		fputs(" / ", stdout);
		cli_put_text(cb.buf);
		putchar('\n');
	}
	iv_buf_release(&ca);
	iv_buf_release(&cb);
}

static IV_MUST_USE enum iv_err on_review(void *ctx, const struct iv_resolve_review_item *it)
{
	struct review_out *r = ctx;

	r->n++;
	if (r->json)
		return cli_print_json(json_pack(
		               "{s:s, s:s, s:f, s:f, s:I, s:I, s:b, s:I, s:o}", "a", it->a, "b",
		               it->b, "probability", it->probability, "impact", it->impact,
		               "size_a", (json_int_t)it->size_a, "size_b", (json_int_t)it->size_b,
		               "reused", it->reused, "pairs", (json_int_t)it->pairs, "calibrated",
		               it->calibrated ? json_real(it->calibrated_probability)
		                              : json_null()))
		               ? IV_ERR_IO
		               : IV_OK;
	cli_put_cell(stdout, it->a, 24, false);
	putchar(' ');
	cli_put_cell(stdout, it->b, 24, false);
	printf(" p=%.3f", it->probability);
	if (it->calibrated)
		printf(" (calibrated %.3f)", it->calibrated_probability);
	printf(" impact %.2f (entities of %zu and %zu records", it->impact, it->size_a, it->size_b);
	if (it->pairs > 1)
		printf("; %zu pairs", it->pairs);
	printf(")%s\n", it->reused ? "; one document number, other people: reused or forged?" : "");
	print_captions(r->st, it->a, it->b);
	return IV_OK;
}

int cmd_review(int argc, char **argv, const struct cli_global *g)
{
	static const struct option options[] = {
	        {"limit", required_argument, NULL, 'l'},
	        {"json", no_argument, NULL, 'j'},
	        {"help", no_argument, NULL, 'h'},
	        {NULL, 0, NULL, 0},
	};
	struct review_out r = {NULL, false, 0};
	struct iv_buf err = IV_BUF_INIT;
	unsigned limit = 20;
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		if (opt == 'h') {
			fputs(review_help, stdout);
			return CLI_OK;
		}
		if (opt == 'j')
			r.json = true;
		else if (opt == 'l' && !cli_parse_uint(optarg, &limit))
			return cli_usage("review",
			                 "--limit takes a whole number of pairs up to 1000000000 "
			                 "(0 for all), "
			                 "not '%s'",
			                 optarg);
		else if (opt != 'l')
			return cli_usage("review", "bad option");
	}
	if (optind < argc)
		return cli_usage("review", "unexpected argument '%s'", argv[optind]);
	code = cli_open_store(g, false, true, &r.st);
	if (code)
		return code;
	rc = iv_resolve_review(r.st, limit, on_review, &r, &err);
	if (rc)
		code = rc == IV_ERR_IO ? CLI_INTERNAL : cli_fail(rc, &err);
	else if (r.n == 0 && !r.json)
		printf("the review queue is empty\n");
	iv_store_close(r.st);
	iv_buf_release(&err);
	return code;
}
