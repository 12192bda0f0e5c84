/*
 * cmd_names.c - `invigor names keys NAME` and `invigor names compare NAME1
 * NAME2`: the multilingual name comparator on its own, the way
 * sanctions-screening tools offer theirs.  No database is opened.
 */
#include <getopt.h>
#include <string.h>

#include "cli.h"
#include "iv/names.h"

static const char help[] =
        "usage: invigor names keys NAME... [--json]\n"
        "       invigor names compare NAME1 NAME2 [--json]\n"
        "\n"
        "keys     the keys a name produces: its ASCII form, consonant skeleton,\n"
        "         phonetic code, sorted tokens, and per token its core, weight,\n"
        "         kind (name, particle, initial, or tail: the ullah or uddin of\n"
        "         a compound, Najibullah) and variant group\n"
        "compare  the similarity of two names in [0,1], whether they match at\n"
        "         the default threshold, and the token alignment behind it\n"
        "\n"
        "Names may be in any script (Arabic, Persian, Kurdish, Pashto, Urdu, Ge'ez,\n"
        "Cyrillic, Bengali, Devanagari, Gurmukhi, Vietnamese, Albanian, Latin\n"
        "...); quote a name of several words for compare.  See\n"
        "docs/resolution.md, section Names.\n"
        "\n"
        "options:\n"
        "  --json   one JSON object on stdout; compare gives \"similarity\",\n"
        "           \"match\", \"threshold\", \"a\", \"b\", \"alignment\", and\n"
        "           \"reading_a\"/\"reading_b\": the reading of a name read two\n"
        "           ways (Cyrillic г и, Bengali জ, an Arabic-script consonant\n"
        "           and h: سهیل, Turkish and Kurmanji letters: Şahin) the\n"
        "           alignment is of; keys give such a name's \"reading\" and\n"
        "           \"other_reading\"\n";

static const struct option options[] = {
        {"json", no_argument, NULL, 'j'},
        {"help", no_argument, NULL, 'h'},
        {NULL, 0, NULL, 0},
};

static const char *kind(const struct iv_name_token *t)
{
	if (t->flags & IV_NAME_TOK_PARTICLE)
		return "particle";
	if (t->flags & IV_NAME_TOK_INITIAL)
		return "initial";
	if (t->flags & IV_NAME_TOK_TAIL)
		return "tail";
	return "name";
}

static json_t *keys_json(const struct iv_names *n, const char *name, const struct iv_name_keys *k)
{
	json_t *tokens = json_array(), *obj;

	if (!tokens)
		return NULL;
	for (size_t i = 0; i < k->ntokens; i++) {
		const struct iv_name_token *t = &k->tokens[i];
		const char *variant = iv_names_variant_name(n, t->variant);
		json_t *tok = json_pack(
		        "{s:s, s:s, s:s, s:s, s:s, s:f, s:b, s:o}", "ascii", t->ascii, "core",
		        t->core, "skeleton", t->skeleton, "phonetic", t->phonetic, "kind", kind(t),
		        "weight", t->weight, "arabic_script", (t->flags & IV_NAME_TOK_ABJAD) != 0,
		        "variant", variant ? json_string(variant) : json_null());

		if (!tok || json_array_append_new(tokens, tok)) {
			json_decref(tokens);
			return NULL;
		}
	}
	obj = json_pack("{s:s, s:s, s:s, s:s, s:s, s:o}", "name", name, "ascii", k->ascii,
	                "skeleton", k->skeleton, "phonetic", k->phonetic, "sorted", k->sorted,
	                "tokens", tokens);
	/* a name read two ways (Cyrillic, Bengali, consonant + h, Turkish): which
	 * this is, and the other's keys */
	if (obj && k->reading) {
		json_t *other = k->other ? keys_json(n, name, k->other) : json_null();

		if (!other || json_object_set_new(obj, "reading", json_string(k->reading)) ||
		    json_object_set_new(obj, "other_reading", other)) {
			json_decref(obj);
			obj = NULL;
		}
	}
	return obj;
}

static void keys_text(const struct iv_names *n, const char *name, const struct iv_name_keys *k)
{
	if (name) {
		fputs("name      ", stdout);
		cli_put_text(name);
		if (k->reading)
			printf(" (read as %s)", k->reading);
		putchar('\n');
	} else {
		printf("read as %s, the other reading of its letters:\n", k->reading);
	}
	printf("ascii     %s\nskeleton  %s\nphonetic  %s\nsorted    %s\n", k->ascii, k->skeleton,
	       k->phonetic, k->sorted);
	for (size_t i = 0; i < k->ntokens; i++) {
		const struct iv_name_token *t = &k->tokens[i];
		const char *variant = iv_names_variant_name(n, t->variant);

		printf("%s %-14s core %-12s skeleton %-8s phonetic %-8s %s%s%s%s\n",
		       i == 0 ? "tokens   " : "         ", t->ascii, t->core, t->skeleton,
		       t->phonetic, kind(t),
		       (t->flags & IV_NAME_TOK_ABJAD) ? ", arabic script" : "",
		       variant ? ", variant of " : "", variant ? variant : "");
	}
	if (name && k->other)
		keys_text(n, NULL, k->other);
}

static int do_keys(struct iv_names *n, const char *name, bool json)
{
	struct iv_name_keys k = {0};
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc = iv_names_keys(n, name, &k, &err);
	int code = CLI_OK;

	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (json) {
		json_t *v = keys_json(n, name, &k);

		code = v ? cli_print_json(v) : cli_error(IV_ERR_NOMEM, "out of memory");
	} else {
		keys_text(n, name, &k);
	}
out:
	iv_name_keys_release(&k);
	iv_buf_release(&err);
	return code;
}

static const char *tok_ascii(const struct iv_name_keys *k, int i)
{
	return i >= 0 ? k->tokens[i].ascii : NULL;
}

/* Two names compared: their keys, the score and the token alignment behind it. */
struct comparison {
	struct iv_name_keys a, b;
	const struct iv_name_keys *ra, *rb; /* the readings the alignment is of */
	struct iv_name_explain ex;
	double sim;
};

/* The alignment's token pairs as JSON, a token left unpaired as null; NULL when out of memory. */
static json_t *alignment_json(const struct comparison *c)
{
	json_t *align = json_array();

	for (size_t i = 0; align && i < c->ex.npairs; i++) {
		const struct iv_name_pair *p = &c->ex.pairs[i];
		const char *sa = tok_ascii(c->ra, p->a), *sb = tok_ascii(c->rb, p->b);
		json_t *pair =
		        json_pack("{s:o, s:o, s:f, s:s}", "a", sa ? json_string(sa) : json_null(),
		                  "b", sb ? json_string(sb) : json_null(), "similarity",
		                  p->similarity, "why", p->why);

		if (!pair || json_array_append_new(align, pair)) {
			json_decref(align);
			align = NULL;
		}
	}
	return align;
}

/* compare --json: the score, both names' keys and the alignment; NULL when out of memory. */
static json_t *compare_json(const struct iv_names *n, const char *na, const char *nb,
                            const struct comparison *c)
{
	json_t *align = alignment_json(c), *ja = keys_json(n, na, &c->a),
	       *jb = keys_json(n, nb, &c->b);

	if (align && ja && jb)
		return json_pack(
		        "{s:f, s:b, s:f, s:o, s:o, s:o, s:o, s:o}", "similarity", c->sim, "match",
		        iv_names_match(c->sim), "threshold", IV_NAMES_DEFAULT_THRESHOLD, "a", ja,
		        "b", jb, "alignment", align, "reading_a",
		        c->ra->reading ? json_string(c->ra->reading) : json_null(), "reading_b",
		        c->rb->reading ? json_string(c->rb->reading) : json_null());
	json_decref(align);
	json_decref(ja);
	json_decref(jb);
	return NULL;
}

/* "name N: NAME -> ascii [skeleton]" for the reading r of a name, with which reading it is. */
static void print_compared_name(const char *label, const char *name, const struct iv_name_keys *r)
{
	fputs(label, stdout);
	cli_put_text(name);
	printf(" -> %s [%s]", r->ascii, r->skeleton);
	if (r->reading)
		printf(" (read as %s)", r->reading);
	putchar('\n');
}

/* compare as text: the score, a line per aligned token pair, then the two names' readings. */
static void print_compare_text(const char *na, const char *nb, const struct comparison *c)
{
	printf("similarity %.4f: %s (threshold %.2f)\n", c->sim,
	       iv_names_match(c->sim) ? "match" : "no match", IV_NAMES_DEFAULT_THRESHOLD);
	printf("  %-18s %-18s %-6s %s\n", "token 1", "token 2", "sim", "why");
	for (size_t i = 0; i < c->ex.npairs; i++) {
		const struct iv_name_pair *p = &c->ex.pairs[i];
		const char *sa = tok_ascii(c->ra, p->a), *sb = tok_ascii(c->rb, p->b);

		printf("  %-18s %-18s %-6.3f %s\n", sa ? sa : "-", sb ? sb : "-", p->similarity,
		       p->why);
	}
	print_compared_name("name 1: ", na, c->ra);
	print_compared_name("name 2: ", nb, c->rb);
}

static int do_compare(struct iv_names *n, const char *na, const char *nb, bool json)
{
	struct comparison c = {0};
	struct iv_buf err = IV_BUF_INIT;
	enum iv_err rc;
	int code = CLI_OK;

	rc = iv_names_keys(n, na, &c.a, &err);
	if (!rc)
		rc = iv_names_keys(n, nb, &c.b, &err);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	c.sim = iv_names_compare(n, &c.a, &c.b, &c.ex);
	/* a name may be read two ways: the alignment is of the readings compare chose */
	c.ra = c.ex.other_a ? c.a.other : &c.a;
	c.rb = c.ex.other_b ? c.b.other : &c.b;
	if (json) {
		json_t *v = compare_json(n, na, nb, &c);

		code = v ? cli_print_json(v) : cli_error(IV_ERR_NOMEM, "out of memory");
	} else {
		print_compare_text(na, nb, &c);
	}
out:
	iv_name_keys_release(&c.a);
	iv_name_keys_release(&c.b);
	iv_buf_release(&err);
	return code;
}

int cmd_names(int argc, char **argv, const struct cli_global *g)
{
	struct iv_names *n = NULL;
	struct iv_buf err = IV_BUF_INIT, joined = IV_BUF_INIT;
	bool json = false;
	const char *sub;
	int opt, code;
	enum iv_err rc;

	optind = 1;
	while ((opt = getopt_long(argc, argv, "h", options, NULL)) != -1) {
		switch (opt) {
		case 'h':
			fputs(help, stdout);
			return CLI_OK;
		case 'j':
			json = true;
			break;
		default:
			return cli_usage("names", "bad option");
		}
	}
	if (optind >= argc)
		return cli_usage("names", "say 'keys NAME' or 'compare NAME1 NAME2'");
	sub = argv[optind++];
	if (strcmp(sub, "keys") != 0 && strcmp(sub, "compare") != 0)
		return cli_usage("names", "unknown subcommand '%s' (keys or compare)", sub);
	if (!strcmp(sub, "keys") && optind >= argc)
		return cli_usage("names", "keys needs a NAME");
	if (!strcmp(sub, "compare") && argc - optind != 2)
		return cli_usage("names", "compare needs exactly two names (quote names of "
		                          "several words)");
	rc = iv_names_new(&n, &err);
	if (rc) {
		code = cli_fail(rc, &err);
		goto out;
	}
	if (!strcmp(sub, "keys")) {
		for (int i = optind; i < argc; i++)
			if (iv_buf_addf(&joined, "%s%s", i > optind ? " " : "", argv[i])) {
				code = cli_error(IV_ERR_NOMEM, "out of memory");
				goto out;
			}
		code = do_keys(n, joined.buf, json);
	} else {
		code = do_compare(n, argv[optind], argv[optind + 1], json);
	}
out:
	iv_names_free(n);
	iv_buf_release(&joined);
	iv_buf_release(&err);
	return code;
}
