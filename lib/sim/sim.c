/*
 * sim.c - iv_sim_run: check the options, build the world, let every
 * source writer stream its file(s), then the truth and the manifest.
 * The table of sources below is also what manifest.json lists, in order.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "sim/sim_int.h"

struct source {
	enum iv_err (*write)(struct sim_ctx *c);
	const char *file, *mapping;
	const char *dataset; /* NULL: the lines name their own (FtM "datasets") */
	const char *description;
	const char *handling; /* JSON object text */
	const char *phone_region, *date_order;
};

static const struct source sources[] = {
        {sim_write_debriefs, "debriefs.csv", "debriefs.yml", "uk-debriefs",
         "debrief interviews of intercepted migrants (English translation, names as spoken)",
         "{\"grade\": \"2B\", \"handling\": \"C\", \"conditions\": \"UK agencies only; "
         "debriefing officer's consent before use in court\", \"classification\": "
         "\"OFFICIAL-SENSITIVE\", \"descriptor\": \"PERSONAL\", \"originator\": "
         "\"UK-BF-DEBRIEF\", \"subject\": \"witness\"}",
         "GB", "dmy"},
        {sim_write_bank, "bank.csv", "bank.yml", "bank-records",
         "bank and money-transfer records returned under production orders (names and "
         "accounts as the institutions wrote them)",
         "{\"grade\": \"1A\", \"handling\": \"C\", \"conditions\": \"Production order (POCA "
         "2002 s.345); do not disclose to the account holder; financial investigator's "
         "consent before dissemination\", \"classification\": \"OFFICIAL-SENSITIVE\", "
         "\"descriptor\": \"PERSONAL\", \"originator\": \"UK-FIN-INVESTIGATION\", "
         "\"subject\": \"other\"}",
         "GB", "dmy"},
        {sim_write_documents, "document-exams.csv", "document-exams.yml", "uk-document-exams",
         "border document examinations: data page as printed, MRZ lines as read, finding",
         "{\"grade\": \"1A\", \"handling\": \"C\", \"conditions\": \"UK agencies only; "
         "forensic document report required before use in court\", \"classification\": "
         "\"OFFICIAL-SENSITIVE\", \"descriptor\": \"PERSONAL\", \"originator\": "
         "\"UK-BF-NDFU\", \"subject\": \"other\"}",
         "GB", "dmy"},
        {sim_write_detections, "detections.csv", "detections.yml", "uk-border-detections",
         "border detections: small-boat interceptions and landings, people found in lorries, "
         "yachts and cargo vessels",
         "{\"grade\": \"1A\", \"handling\": \"C\", \"conditions\": \"UK agencies and the French "
         "and Belgian border police; no onward disclosure\", \"releasable_to\": [\"FR\", "
         "\"BE\"], \"classification\": \"OFFICIAL-SENSITIVE\", \"descriptor\": \"PERSONAL\", "
         "\"originator\": \"UK-BF-CHANNEL\", \"subject\": \"other\"}",
         "GB", "dmy"},
        {sim_write_vehicles, "vehicles.csv", "vehicles.yml", "registries",
         "vehicle and vessel records: registries, hire companies, ship registers, boat dealers",
         "{\"grade\": \"1B\", \"handling\": \"C\", \"conditions\": \"UK law-enforcement use "
         "only; re-request from the registry before use in court\", \"classification\": "
         "\"OFFICIAL-SENSITIVE\", \"descriptor\": \"PERSONAL\", \"originator\": "
         "\"UK-NCA-REGISTRIES\", \"subject\": \"other\"}",
         "GB", "dmy"},
        {sim_write_hawala, "hawala-ledger.csv", "hawala-ledger.yml", "hawala-ledgers",
         "hawala ledger pages seized from money holders, as transcribed (names, towns and "
         "code words as written)",
         "{\"grade\": \"2C\", \"handling\": \"C\", \"conditions\": \"UK agencies only; exhibit "
         "continuity must be shown before use in court\", \"classification\": "
         "\"OFFICIAL-SENSITIVE\", \"descriptor\": \"PERSONAL\", \"originator\": "
         "\"UK-NCA-EXHIBITS\", \"subject\": \"other\"}",
         "GB", "dmy"},
        /* no dataset: each line names its agency's own (partner-fr-ocriest, ...) */
        {sim_write_partner_reports, "partner-reports.jsonl", NULL, NULL,
         "partner agencies' reports on the facilitators they know (French, Belgian, Dutch, "
         "German, Greek, Italian and Polish police, Europol), each line with its own handling",
         "{\"grade\": \"2B\", \"classification\": \"OFFICIAL-SENSITIVE\", \"subject\": "
         "\"suspect\"}",
         NULL, NULL},
        {sim_write_cdr, "cdr.csv", "cdr.yml", "uk-cdr",
         "call detail records returned by UK mobile operators under production orders on "
         "the facilitators' UK numbers",
         "{\"grade\": \"1A\", \"handling\": \"C\", \"conditions\": \"communications data "
         "obtained under production orders: for this investigation only; disclosure through "
         "the disclosure officer\", \"classification\": \"OFFICIAL-SENSITIVE\", "
         "\"descriptor\": \"PERSONAL\", \"originator\": \"UK-CDR-SPOC\", \"subject\": "
         "\"other\"}",
         "GB", "dmy"},
        {sim_write_social, "social-posts.jsonl", NULL, "social-media-captures",
         "social-media post captures (Facebook groups and pages, Telegram and WhatsApp "
         "channels, TikTok, Instagram): authors' accounts and posts as captured, in nine "
         "languages",
         "{\"grade\": \"2C\", \"handling\": \"C\", \"conditions\": \"Open-source capture of "
         "public pages, groups and channels: verify before action; do not contact or engage "
         "the accounts; disclosure through the disclosure officer\", \"classification\": "
         "\"OFFICIAL-SENSITIVE\", \"originator\": \"UK-OSINT\", \"subject\": \"other\"}",
         NULL, NULL},
};

void iv_sim_opts_init(struct iv_sim_opts *o)
{
	memset(o, 0, sizeof(*o));
	o->seed = 1;
	o->scale = IV_SIM_SCALE_SMALL;
	o->year = 2024;
}

enum iv_err iv_sim_scale_parse(const char *s, uint64_t *out)
{
	char *end;
	unsigned long long v;

	if (!s || !*s)
		return IV_ERR_INVALID;
	if (!strcmp(s, "small"))
		return *out = IV_SIM_SCALE_SMALL, IV_OK;
	if (!strcmp(s, "medium"))
		return *out = IV_SIM_SCALE_MEDIUM, IV_OK;
	if (!strcmp(s, "large"))
		return *out = IV_SIM_SCALE_LARGE, IV_OK;
	if (*s < '0' || *s > '9')
		return IV_ERR_INVALID;
	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || *end || v == 0 || v > 100000000ULL)
		return IV_ERR_INVALID;
	*out = v;
	return IV_OK;
}

static IV_MUST_USE enum iv_err make_dir(const char *path, struct iv_buf *err)
{
	struct stat st;

	if (mkdir(path, 0777) == 0)
		return IV_OK;
	if (errno == EEXIST && stat(path, &st) == 0 && S_ISDIR(st.st_mode))
		return IV_OK;
	return iv_seterr(err, errno == EEXIST ? IV_ERR_INVALID : IV_ERR_IO,
	                 "%s: cannot create the folder: %s", path,
	                 errno == EEXIST ? "a file is in the way" : strerror(errno));
}

/*
 * Whether a written source holds a record: a CSV file more than its header
 * line, a JSON lines file any line.  A tiny world can leave a source empty
 * (no seized ledger page, no bank record), and ingest refuses a file without
 * records, so such a source stays out of the manifest.
 */
static bool has_records(const char *dir, const struct source *s)
{
	struct iv_buf path = IV_BUF_INIT;
	unsigned want = s->mapping ? 2 : 1, lines = 0;
	char chunk[4096];
	size_t n;
	FILE *f;

	if (iv_buf_addf(&path, "%s/%s", dir, s->file))
		return true; /* cannot tell: list it, ingest will say */
	f = fopen(path.buf, "rb");
	iv_buf_release(&path);
	if (!f)
		return true;
	while (lines < want && (n = fread(chunk, 1, sizeof(chunk), f)) > 0)
		for (size_t i = 0; i < n && lines < want; i++)
			lines += chunk[i] == '\n';
	fclose(f);
	return lines >= want;
}

static IV_MUST_USE enum iv_err manifest(struct sim_ctx *c)
{
	const struct iv_sim_opts *o = c->opts;
	struct sim_file sf;
	struct iv_buf *b = &c->line;
	enum iv_err rc = sim_file_open(c, &sf, "manifest.json");

	if (rc)
		return rc;
	iv_buf_reset(b);
	rc = iv_buf_addf(b,
	                 "{\n  \"manifest_version\": 1,\n  \"name\": \"sim-%llu-%llu-%d\",\n"
	                 "  \"description\": \"synthetic organised immigration crime world written "
	                 "by invigor sim (seed %llu, %llu person mentions, year %d); ground truth "
	                 "in truth/\",\n  \"created\": \"%d-12-31T00:00:00Z\",\n  \"sources\": [",
	                 (unsigned long long)o->seed, (unsigned long long)o->scale, o->year,
	                 (unsigned long long)o->seed, (unsigned long long)o->scale, o->year,
	                 o->year);
	for (size_t i = 0, listed = 0; !rc && i < sizeof(sources) / sizeof(sources[0]); i++) {
		const struct source *s = &sources[i];
		if (!has_records(o->out_dir, s))
			continue;
		rc = iv_buf_addf(b, "%s\n    {\"file\": \"%s\", \"format\": \"%s\"",
		                 listed++ ? "," : "", s->file, s->mapping ? "csv" : "ftm");
		if (!rc && s->mapping)
			rc = iv_buf_addf(b, ", \"mapping\": \"%s\"", s->mapping);
		if (!rc && s->dataset)
			rc = iv_buf_addf(b, ", \"dataset\": \"%s\"", s->dataset);
		if (!rc)
			rc = iv_buf_addf(b, ",\n     \"description\": \"%s\"", s->description);
		if (!rc && s->phone_region)
			rc = iv_buf_addf(b, ", \"phone_region\": \"%s\"", s->phone_region);
		if (!rc && s->date_order)
			rc = iv_buf_addf(b, ", \"date_order\": \"%s\"", s->date_order);
		if (!rc)
			rc = iv_buf_addf(b, ",\n     \"handling\": %s}", s->handling);
	}
	if (!rc)
		rc = iv_buf_adds(b, "\n  ]\n}\n");
	if (rc)
		return sim_file_abort(c, &sf, iv_seterr(c->err, IV_ERR_NOMEM, "out of memory"));
	fwrite(b->buf, 1, b->len, sf.f);
	return sim_file_close(c, &sf);
}

/* The options a run can be given: IV_OK or the reason they cannot. */
static IV_MUST_USE enum iv_err check_opts(const struct iv_sim_opts *opts, struct iv_buf *err)
{
	if (!opts || !opts->out_dir || !*opts->out_dir)
		return iv_seterr(err, IV_ERR_INVALID, "no output folder given");
	if (opts->year < IV_SIM_YEAR_MIN || opts->year > IV_SIM_YEAR_MAX)
		return iv_seterr(err, IV_ERR_INVALID, "year %d is outside %d-%d", opts->year,
		                 IV_SIM_YEAR_MIN, IV_SIM_YEAR_MAX);
	if (opts->scale == 0 || opts->scale > 100000000ULL)
		return iv_seterr(err, IV_ERR_INVALID,
		                 "scale must be 1 to 100,000,000 person mentions");
	return IV_OK;
}

/* The output folder and its truth/ folder, made when missing. */
static IV_MUST_USE enum iv_err make_dirs(const char *out_dir, struct iv_buf *err)
{
	struct iv_buf path = IV_BUF_INIT;
	enum iv_err rc = make_dir(out_dir, err);

	if (!rc && iv_buf_addf(&path, "%s/truth", out_dir))
		rc = iv_seterr(err, IV_ERR_NOMEM, "out of memory");
	else if (!rc)
		rc = make_dir(path.buf, err);
	iv_buf_release(&path);
	return rc;
}

/* Every source file, the truth and the manifest, into the folder of the built world. */
static IV_MUST_USE enum iv_err write_files(struct sim_ctx *c)
{
	static const char *const h[] = {"source", "entity_id", "property",
	                                "value",  "kind",      "true_id"};
	enum iv_err rc = sim_file_open(c, &c->mentions, "truth/mentions.csv");

	if (!rc)
		rc = sim_csv_row(c, &c->mentions, h, 6);
	for (size_t i = 0; !rc && i < sizeof(sources) / sizeof(sources[0]); i++) {
		sim_progress(c, sources[i].file, 0, 1);
		rc = sources[i].write(c);
	}
	if (!rc)
		rc = sim_write_truth(c);
	if (!rc)
		rc = manifest(c);
	if (!rc)
		rc = sim_file_close(c, &c->mentions);
	return rc;
}

enum iv_err iv_sim_run(const struct iv_sim_opts *opts, struct iv_sim_report *report,
                       struct iv_buf *err)
{
	struct iv_sim_report local;
	struct sim_world w;
	struct sim_ctx c;
	enum iv_err rc;

	if (!report)
		report = &local;
	memset(report, 0, sizeof(*report));
	memset(&w, 0, sizeof(w));
	memset(&c, 0, sizeof(c));
	rc = check_opts(opts, err);
	if (!rc)
		rc = make_dirs(opts->out_dir, err);
	if (rc)
		return rc;
	w.seed = opts->seed;
	w.year = opts->year;
	w.scale = opts->scale;
	c.w = &w;
	c.opts = opts;
	c.rep = report;
	c.err = err;
	if (opts->progress)
		opts->progress(opts->progress_ctx, "world", 0, 1);
	rc = sim_world_build(&w, err);
	if (!rc) {
		rc = write_files(&c);
		report->migrants = w.migrants.len;
		report->facilitators = w.facs.len;
		report->ocgs = w.ocgs.len;
		report->journeys = w.journeys.len;
		report->boats = w.boats.len;
	}
	if (c.mentions.f)
		rc = sim_file_abort(&c, &c.mentions, rc);
	iv_buf_release(&c.line);
	iv_buf_release(&c.tmp);
	iv_buf_release(&c.tmp2);
	sim_world_release(&w);
	return rc;
}
