/*
 * cmd_sim.c - `invigor sim`: generate a synthetic organised-immigration-
 * crime world with its ground truth (docs/scenario.md).
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "iv/sim.h"

static const char help[] =
        "usage: invigor sim --out DIR [--seed N] [--scale small|medium|large|COUNT]\n"
        "                   [--year YYYY] [--quiet]\n\n"
        "Generate a synthetic organised-immigration-crime world: the source files a\n"
        "taskforce receives (debriefs, partner reports, call records, bank and hawala\n"
        "records, social-media captures, document examinations, border detections,\n"
        "vehicle and vessel records), DIR/manifest.json to load them with\n"
        "'invigor ingest --manifest', and the ground truth in DIR/truth/.\n\n"
        "  --out DIR      output folder (created when missing; files are overwritten)\n"
        "  --seed N       PRNG seed (default 1); the same seed gives identical files\n"
        "  --scale S      small (about 2,000 person mentions), medium (100,000),\n"
        "                 large (1,000,000) or a count of person mentions\n"
        "  --year YYYY    the year simulated, 2018-2025 (default 2024)\n"
        "  --quiet        no progress and no summary\n";

struct progress {
	bool on;
	const char *last;
};

static void on_progress(void *ctx, const char *stage, uint64_t done, uint64_t total)
{
	struct progress *p = ctx;

	if (!p->on)
		return;
	fprintf(stderr, "\rinvigor: sim: %-16s %3llu%%", stage,
	        (unsigned long long)(total ? done * 100 / total : 0));
	p->last = stage;
}

/*
 * One option of `invigor sim` into opts (or *quiet): -1 to go on, else the
 * exit code (0 after the help, 1 after a usage error).
 */
static int sim_option(int c, char **argv, struct iv_sim_opts *opts, bool *quiet)
{
	char *end;

	switch (c) {
	case 'o':
		opts->out_dir = optarg;
		break;
	case 's':
		errno = 0;
		opts->seed = strtoull(optarg, &end, 10);
		if (errno || *end || !*optarg || *optarg == '-')
			return cli_usage("sim", "--seed '%s' is not a non-negative integer",
			                 optarg);
		break;
	case 'S':
		if (iv_sim_scale_parse(optarg, &opts->scale))
			return cli_usage("sim",
			                 "--scale '%s' is not small, medium, large or a count "
			                 "from 1 to 100000000",
			                 optarg);
		break;
	case 'y': {
		long y = strtol(optarg, &end, 10);
		if (*end || y < IV_SIM_YEAR_MIN || y > IV_SIM_YEAR_MAX)
			return cli_usage("sim", "--year '%s' is not a year from %d to %d", optarg,
			                 IV_SIM_YEAR_MIN, IV_SIM_YEAR_MAX);
		opts->year = (int)y;
		break;
	}
	case 'q':
		*quiet = true;
		break;
	case 'h':
		fputs(help, stdout);
		return CLI_OK;
	case ':': /* the optstring's leading ':' tells a missing value from an unknown option */
		return cli_usage("sim", "%s needs a value", argv[optind - 1]);
	default:
		return cli_usage("sim", "unknown option '%s'", argv[optind - 1]);
	}
	return -1;
}

/* `invigor sim`'s command line into opts: -1 to go on, else the exit code to return. */
static int sim_options(int argc, char **argv, struct iv_sim_opts *opts, bool *quiet)
{
	static const struct option longopts[] = {{"out", required_argument, NULL, 'o'},
	                                         {"seed", required_argument, NULL, 's'},
	                                         {"scale", required_argument, NULL, 'S'},
	                                         {"year", required_argument, NULL, 'y'},
	                                         {"quiet", no_argument, NULL, 'q'},
	                                         {"help", no_argument, NULL, 'h'},
	                                         {NULL, 0, NULL, 0}};
	int c, code = -1;

	optind = 1;
	opterr = 0;
	while (code < 0 && (c = getopt_long(argc, argv, ":", longopts, NULL)) != -1)
		code = sim_option(c, argv, opts, quiet);
	if (code >= 0)
		return code;
	if (optind < argc)
		return cli_usage("sim", "unexpected argument '%s'", argv[optind]);
	if (!opts->out_dir)
		return cli_usage("sim", "--out DIR is required");
	return -1;
}

/* What was written and the world behind it, on stderr, with how to load it. */
static void print_summary(const struct iv_sim_report *rep, const char *out_dir)
{
	fprintf(stderr,
	        "invigor: sim: wrote %llu source files, %llu records, %llu person mentions "
	        "(%llu mentions in truth) to %s\n"
	        "  world: %llu migrants, %llu journeys, %llu crossings, %llu facilitators "
	        "in "
	        "%llu OCGs\n"
	        "  %llu posts (%llu adverts), %llu documents examined (%llu forged), %llu "
	        "payments, %llu referrals\n"
	        "  load it: invigor ingest --manifest %s/manifest.json\n",
	        (unsigned long long)rep->files, (unsigned long long)rep->records,
	        (unsigned long long)rep->person_mentions, (unsigned long long)rep->mentions,
	        out_dir, (unsigned long long)rep->migrants, (unsigned long long)rep->journeys,
	        (unsigned long long)rep->boats, (unsigned long long)rep->facilitators,
	        (unsigned long long)rep->ocgs, (unsigned long long)rep->posts,
	        (unsigned long long)rep->adverts, (unsigned long long)rep->documents,
	        (unsigned long long)rep->forged, (unsigned long long)rep->payments,
	        (unsigned long long)rep->referrals, out_dir);
}

int cmd_sim(int argc, char **argv, const struct cli_global *g)
{
	struct iv_sim_opts opts;
	struct iv_sim_report rep;
	struct iv_buf err = IV_BUF_INIT;
	struct progress prog = {false, NULL};
	bool quiet = false;
	enum iv_err rc;
	int code;

	iv_sim_opts_init(&opts);
	code = sim_options(argc, argv, &opts, &quiet);
	if (code >= 0)
		return code;
	prog.on = !quiet && isatty(STDERR_FILENO);
	opts.progress = on_progress;
	opts.progress_ctx = &prog;
	rc = iv_sim_run(&opts, &rep, &err);
	if (prog.on && prog.last) /* clear the progress line */
		fputs("\r\033[K", stderr);
	code = rc ? cli_fail(rc, &err) : CLI_OK;
	iv_buf_release(&err);
	if (!rc && !quiet)
		print_summary(&rep, opts.out_dir);
	(void)g;
	return code;
}
