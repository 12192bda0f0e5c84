/*
 * family.c - the resolution families and the record set.
 *
 * A family says which schemata are resolved together, which of their
 * properties feed which comparison feature, which identifiers are strong
 * (link on their own; conflicting ones veto), and which other entities
 * add values to a record: a passport's number, names and birth date to
 * its holder, a social account or a vehicle plate to its owner.
 *
 * The record set turns a stream of statements (or the records' stored
 * text) into records whose values are sorted by slot, with name keys
 * computed once per name.  docs/resolution.md lists the features.
 */
#include <ctype.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <jansson.h>

#include "iv/mrz.h"
#include "iv/schema.h"
#include "resolve/resolve_int.h"

#include "iv/util.h"

/* clang-format off */
const struct rv_family rv_families[IV_RESOLVE_NFAMILIES] = {
	{
		.name = "Person", .root = "Person",
		.f = {
			{.name = "name", .kind = RV_NAME,
			 .props = {"name", "alias", "weakAlias", "previousName"},
			 .block = true, .tf = true},
			{.name = "birth_date", .kind = RV_DATE, .props = {"birthDate"}, .tf = true},
			{.name = "nationality", .kind = RV_EXACT,
			 .props = {"nationality", "citizenship"}, .weak = true, .country = true,
			 .name_implies = true, .several = true},
			{.name = "gender", .kind = RV_EXACT, .props = {"gender"}, .weak = true,
			 .name_implies = true},
			{.name = "phone", .kind = RV_PHONE,
			 .props = {"phone"}, .block = true, .bridges = true},
			{.name = "email", .kind = RV_EXACT,
			 .props = {"email"}, .block = true, .bridges = true},
			{.name = "address", .kind = RV_FUZZY, .props = {"address"}, .tf = true},
			{.name = "selectors", .kind = RV_EXACT, .props = {NULL}, .block = true},
		},
		.nf = 8,
		.s = {
			{.prop = "passportNumber", .kind = "document", .scope = "nationality"},
			{.prop = "idNumber", .kind = "id", .scope = "nationality"},
			{.prop = "taxNumber", .kind = "tax"},
			{.prop = "socialSecurityNumber", .kind = "ssn"},
		},
		.ns = 4,
		.feeds = {RV_FEED_DOCUMENT, RV_FEED_ACCOUNT, RV_FEED_VEHICLE, RV_FEED_BANK,
		          RV_FEED_PAYMENT},
		.name_feature = 0, .selector_feature = 7, .date_feature = 1,
		.compose = {"firstName", "lastName"},
	},
	{
		.name = "Organization", .root = "Organization",
		.f = {
			{.name = "name", .kind = RV_NAME,
			 .props = {"name", "alias", "previousName"}, .block = true, .tf = true},
			{.name = "jurisdiction", .kind = RV_EXACT,
			 .props = {"jurisdiction", "country", "mainCountry"}, .weak = true},
			{.name = "address", .kind = RV_FUZZY, .props = {"address"}, .tf = true},
			{.name = "phone", .kind = RV_PHONE, .props = {"phone"}, .block = true},
			{.name = "email", .kind = RV_EXACT, .props = {"email"}, .block = true},
			{.name = "website", .kind = RV_EXACT,
			 .props = {"website"}, .block = true, .tf = true},
		},
		.nf = 6,
		.s = {
			{.prop = "registrationNumber", .kind = "registration",
			 .scope = "jurisdiction", .veto = true},
			{.prop = "taxNumber", .kind = "tax", .scope = "jurisdiction", .veto = true},
			{.prop = "vatCode", .kind = "vat", .veto = true},
			{.prop = "leiCode", .kind = "lei", .veto = true},
			{.prop = "imoNumber", .kind = "imo", .veto = true},
		},
		.ns = 5,
		.name_feature = 0, .selector_feature = -1, .date_feature = -1,
	},
	{
		.name = "BankAccount", .root = "BankAccount",
		.f = {
			{.name = "bank", .kind = RV_FUZZY, .props = {"bankName"}},
			{.name = "bic", .kind = RV_EXACT, .props = {"bic"}, .weak = true},
			{.name = "country", .kind = RV_EXACT, .props = {"country"}, .weak = true},
			{.name = "account_type", .kind = RV_EXACT,
			 .props = {"accountType"}, .weak = true},
		},
		.nf = 4,
		.s = {
			{.prop = "iban", .kind = "iban", .veto = true},
			{.prop = "accountNumber", .kind = "account", .scope = "bic"},
		},
		.ns = 2,
		.name_feature = -1, .selector_feature = -1, .date_feature = -1,
	},
	{
		.name = "Vehicle", .root = "Vehicle", .exclude = "Vessel",
		.f = {
			{.name = "model", .kind = RV_FUZZY, .props = {"model"}},
			{.name = "type", .kind = RV_EXACT, .props = {"type"}, .weak = true},
			{.name = "country", .kind = RV_EXACT, .props = {"country"}, .weak = true},
			{.name = "owner", .kind = RV_EXACT, .props = {"owner", "operator"}},
		},
		.nf = 4,
		.s = {
			{.prop = "registrationNumber", .kind = "plate", .scope = "country",
			 .veto = true},
			{.prop = "serialNumber", .kind = "serial", .veto = true},
		},
		.ns = 2,
		.name_feature = -1, .selector_feature = -1, .date_feature = -1,
	},
	{
		.name = "Vessel", .root = "Vessel",
		.f = {
			{.name = "name", .kind = RV_NAME,
			 .props = {"name", "previousName"}, .block = true, .tf = true},
			{.name = "call_sign", .kind = RV_EXACT,
			 .props = {"callSign"}, .block = true, .tf = true},
			{.name = "flag", .kind = RV_EXACT, .props = {"flag"}, .weak = true},
			{.name = "type", .kind = RV_EXACT, .props = {"type"}, .weak = true},
			{.name = "engine", .kind = RV_FUZZY, .props = {"engine"}},
			{.name = "owner", .kind = RV_EXACT, .props = {"owner", "operator"}},
		},
		.nf = 6,
		.s = {
			{.prop = "imoNumber", .kind = "imo", .veto = true},
			{.prop = "mmsi", .kind = "mmsi"},
			{.prop = "registrationNumber", .kind = "registration", .scope = "flag"},
			/* a small boat's outboard: what a seized dinghy is traced by, to the
			 * dealer who sold it (no veto: an engine may be swapped) */
			{.prop = "engineSerial", .kind = "engine"},
		},
		.ns = 4,
		.name_feature = 0, .selector_feature = -1, .date_feature = -1,
	},
	{
		.name = "UserAccount", .root = "UserAccount",
		.f = {
			{.name = "name", .kind = RV_NAME,
			 .props = {"name", "alias"}, .block = true, .tf = true},
			{.name = "service", .kind = RV_EXACT, .props = {"service"}, .weak = true},
			{.name = "email", .kind = RV_EXACT, .props = {"email"}, .block = true},
			{.name = "phone", .kind = RV_PHONE, .props = {"phone"}, .block = true},
			{.name = "owner", .kind = RV_EXACT, .props = {"owner"}},
		},
		.nf = 5,
		.s = {
			/* an account is one username on one service: the owner's Telegram
			 * and Facebook accounts share his phone, and are two accounts */
			{.prop = "username", .kind = "username", .scope = "service", .veto = true,
			 .one = true},
		},
		.ns = 1,
		.name_feature = 0, .selector_feature = -1, .date_feature = -1,
	},
	{
		.name = "Identification", .root = "Identification",
		.f = {
			{.name = "name", .kind = RV_NAME,
			 .props = {"name"}, .block = true, .tf = true},
			/* the holder's birth date, printed once on the document */
			{.name = "birth_date", .kind = RV_DATE, .props = {"birthDate"}, .tf = true,
			 .fixed = true},
			{.name = "country", .kind = RV_EXACT, .props = {"country"}, .weak = true},
			{.name = "type", .kind = RV_EXACT, .props = {"type"}, .weak = true,
			 .fixed = true},
			{.name = "holder", .kind = RV_EXACT, .props = {"holder"}},
			{.name = "personal_number", .kind = RV_EXACT,
			 .props = {"personalNumber"}, .block = true, .tf = true},
			/* a document is issued once and expires once */
			{.name = "issued", .kind = RV_DATE, .props = {"startDate"}, .fixed = true},
			{.name = "expires", .kind = RV_DATE, .props = {"endDate"}, .fixed = true},
		},
		.nf = 8,
		.s = {
			/* a document has one number: a man's Vietnamese and French passports
			 * share his name and birth date, and are two documents */
			{.prop = "number", .kind = "document", .scope = "country", .veto = true,
			 .one = true},
			{.prop = "passportNumber", .kind = "document", .scope = "country",
			 .veto = true, .one = true},
		},
		.ns = 2,
		.name_feature = 0, .selector_feature = -1, .date_feature = 1,
		.compose = {"givenName", "surname"},
		.bare_bridges = true,
		.mrz = "mrz",
	},
};
/* clang-format on */

const char *iv_resolve_family_name(size_t i)
{
	return i < IV_RESOLVE_NFAMILIES ? rv_families[i].name : NULL;
}

bool rv_family_has(const struct rv_family *fam, const char *schema)
{
	const struct iv_schema *s = iv_schema_get(schema);

	return s && iv_schema_is_a(s, fam->root) &&
	       !(fam->exclude && iv_schema_is_a(s, fam->exclude));
}

int rv_family_index(const char *name)
{
	const struct rv_family *fam = name ? rv_family_find(name) : NULL;

	return fam ? (int)(fam - rv_families) : -1;
}

const struct rv_family *rv_family_find(const char *name)
{
	for (size_t i = 0; i < IV_RESOLVE_NFAMILIES; i++)
		if (strcmp(rv_families[i].name, name) == 0)
			return &rv_families[i];
	for (size_t i = 0; i < IV_RESOLVE_NFAMILIES; i++)
		if (rv_family_has(&rv_families[i], name))
			return &rv_families[i];
	return NULL;
}

const char *iv_resolve_family_of(const char *schema)
{
	for (size_t i = 0; i < IV_RESOLVE_NFAMILIES; i++)
		if (rv_family_has(&rv_families[i], schema))
			return rv_families[i].name;
	return NULL;
}

static const char *feed_root(enum rv_feed feed)
{
	switch (feed) {
	case RV_FEED_DOCUMENT:
		return "Identification";
	case RV_FEED_ACCOUNT:
		return "UserAccount";
	case RV_FEED_VEHICLE:
		return "Vehicle";
	case RV_FEED_BANK:
		return "BankAccount";
	case RV_FEED_PAYMENT:
		return "Payment";
	case RV_FEED_NONE:
		break;
	}
	return NULL;
}

const char *rv_payment_account_of(const char *party)
{
	if (strcmp(party, "payer") == 0)
		return "payerAccount";
	if (strcmp(party, "beneficiary") == 0)
		return "beneficiaryAccount";
	return NULL;
}

const char *const *rv_feed_refs(enum rv_feed feed)
{
	static const char *const none[] = {NULL};
	static const char *const document[] = {"holder", NULL};
	static const char *const account[] = {"owner", NULL};
	static const char *const vehicle[] = {"owner", "operator", NULL};
	static const char *const payment[] = {"payer", "beneficiary", NULL};

	switch (feed) {
	case RV_FEED_DOCUMENT:
		return document;
	case RV_FEED_ACCOUNT:
		return account;
	case RV_FEED_VEHICLE:
		return vehicle;
	case RV_FEED_PAYMENT:
		return payment;
	case RV_FEED_BANK:
	case RV_FEED_NONE:
		break;
	}
	return none;
}

enum rv_feed rv_feed_of(const struct rv_family *fam, const char *schema)
{
	const struct iv_schema *s = iv_schema_get(schema);

	for (size_t i = 0; s && i < sizeof(fam->feeds) / sizeof(fam->feeds[0]); i++)
		if (fam->feeds[i] != RV_FEED_NONE && iv_schema_is_a(s, feed_root(fam->feeds[i])))
			return fam->feeds[i];
	return RV_FEED_NONE;
}

size_t rv_family_schemas(const struct rv_family *fam, enum rv_which which, const char **out,
                         size_t max)
{
	size_t n = 0;
	const struct iv_schema *s;

	for (size_t i = 0; (s = iv_schema_at(i)) != NULL && n + 1 < max; i++) {
		const char *name = iv_schema_name(s);
		bool record = rv_family_has(fam, name);
		bool feeder = !record && rv_feed_of(fam, name) != RV_FEED_NONE;

		if ((record && which != RV_FEEDERS) || (feeder && which != RV_RECORDS))
			out[n++] = name;
	}
	out[n] = NULL;
	return n;
}

/* ---- the record set ---------------------------------------------------------- */

void rv_set_init(struct rv_set *set, const struct rv_family *fam, struct iv_names *names)
{
	memset(set, 0, sizeof(*set));
	set->fam = fam;
	set->names = names;
}

void rv_set_release(struct rv_set *set)
{
	/* set->keys are copies of the distinct names' keys */
	for (size_t i = 0; set->distinct && i < set->ndistinct; i++)
		iv_name_keys_release(&set->distinct[i]);
	iv_free(set->distinct);
	iv_free(set->distinct_ok);
	iv_free(set->keys);
	iv_free(set->has_keys);
	iv_free(set->fold);
	iv_free(set->recs);
	iv_free(set->vals);
	iv_free(set->raw);
	iv_free(set->orphans);
	iv_free(set->orphan_eids);
	iv_free(set->orphan_from);
	iv_free(set->fed);
	iv_free(set->pays);
	iv_free(set->accounts);
	iv_map_release(&set->by_eid);
	iv_arena_release(&set->arena);
	memset(set, 0, sizeof(*set));
}

long rv_set_find(const struct rv_set *set, const char *eid)
{
	void *v = iv_map_get(&set->by_eid, eid);

	return v ? (long)((uintptr_t)v - 1) : -1;
}

static IV_MUST_USE enum iv_err add_record(struct rv_set *set, const char *eid, const char *schema,
                                          size_t *out)
{
	long have = rv_set_find(set, eid);
	struct rv_record *r;

	if (have >= 0) {
		*out = (size_t)have;
		return IV_OK;
	}
	if (set->nrecs == set->alloc_recs) {
		size_t alloc = set->alloc_recs ? set->alloc_recs * 2 : 1024;
		struct rv_record *bigger = iv_realloc(set->recs, alloc * sizeof(*bigger));

		if (!bigger)
			return IV_ERR_NOMEM;
		set->recs = bigger;
		set->alloc_recs = alloc;
	}
	r = &set->recs[set->nrecs];
	memset(r, 0, sizeof(*r));
	r->eid = iv_arena_strdup(&set->arena, eid);
	r->schema = schema;
	if (!r->eid || iv_map_put(&set->by_eid, r->eid, (void *)(uintptr_t)(set->nrecs + 1)))
		return IV_ERR_NOMEM;
	*out = set->nrecs++;
	return IV_OK;
}

/* Copy at most RV_MAX_VALUE bytes of a value, cut at a UTF-8 character boundary. */
static const char *keep_value(struct rv_set *set, const char *v)
{
	size_t n = strlen(v);

	if (n > RV_MAX_VALUE) {
		n = RV_MAX_VALUE;
		while (n > 0 && ((unsigned char)v[n] & 0xc0) == 0x80)
			n--;
	}
	return iv_arena_strndup(&set->arena, v, n);
}

static IV_MUST_USE enum iv_err add_raw(struct rv_set *set, size_t rec, unsigned slot, const char *v)
{
	/* a value that is not UTF-8 is no evidence (and could not be stored as JSON text);
	 * neither is a refugee's or a stateless person's status in place of a nationality */
	if (!*v || !iv_utf8_valid(v, strlen(v), NULL))
		return IV_OK;
	if (slot < set->fam->nf && set->fam->f[slot].country && iv_country_is_status(v))
		return IV_OK;
	if (set->nraw == set->alloc_raw) {
		size_t alloc = set->alloc_raw ? set->alloc_raw * 2 : 4096;
		struct rv_raw *bigger = iv_realloc(set->raw, alloc * sizeof(*bigger));

		if (!bigger)
			return IV_ERR_NOMEM;
		set->raw = bigger;
		set->alloc_raw = alloc;
	}
	set->raw[set->nraw].rec = (uint32_t)rec;
	set->raw[set->nraw].slot = (uint8_t)slot;
	set->raw[set->nraw].seq = (uint32_t)set->nraw;
	set->raw[set->nraw].v = keep_value(set, v);
	if (!set->raw[set->nraw].v)
		return IV_ERR_NOMEM;
	set->nraw++;
	return IV_OK;
}

/*
 * A value for an entity that may not have been read yet, kept until build
 * with the entities that fed it (from2 may be NULL; both in the set's
 * arena, not copied): the record it joins names them as what fed it, since
 * its merges may rest on their values.
 */
static IV_MUST_USE enum iv_err add_orphan(struct rv_set *set, const char *eid, unsigned slot,
                                          const char *v, const char *from, const char *from2)
{
	if (!*v || !*eid)
		return IV_OK;
	if (set->norphans == set->alloc_orphans) {
		size_t alloc = set->alloc_orphans ? set->alloc_orphans * 2 : 1024;
		struct rv_raw *bigger = iv_realloc(set->orphans, alloc * sizeof(*bigger));
		const char **bigger_eids;
		const char *(*bigger_from)[2];

		if (!bigger)
			return IV_ERR_NOMEM;
		set->orphans = bigger;
		bigger_eids = iv_realloc(set->orphan_eids, alloc * sizeof(*bigger_eids));
		if (!bigger_eids)
			return IV_ERR_NOMEM;
		set->orphan_eids = bigger_eids;
		bigger_from = iv_realloc(set->orphan_from, alloc * sizeof(*bigger_from));
		if (!bigger_from)
			return IV_ERR_NOMEM;
		set->orphan_from = bigger_from;
		set->alloc_orphans = alloc;
	}
	set->orphans[set->norphans].slot = (uint8_t)slot;
	set->orphans[set->norphans].v = keep_value(set, v);
	set->orphan_eids[set->norphans] = iv_arena_strdup(&set->arena, eid);
	set->orphan_from[set->norphans][0] = from;
	set->orphan_from[set->norphans][1] = from2;
	if (!set->orphans[set->norphans].v || !set->orphan_eids[set->norphans])
		return IV_ERR_NOMEM;
	set->norphans++;
	return IV_OK;
}

/* What fed record rec: eid (NULL: the stored record does not say). */
static IV_MUST_USE enum iv_err add_fed(struct rv_set *set, size_t rec, const char *eid)
{
	if (iv_array_grow(&set->fed, &set->alloc_fed, set->nfed + 1, sizeof(*set->fed), 256))
		return IV_ERR_NOMEM;
	set->fed[set->nfed].rec = (uint32_t)rec;
	set->fed[set->nfed].eid = eid;
	set->nfed++;
	return IV_OK;
}

/* One (a, b) pair of strings into a list, copied into the set's arena with via (may be NULL). */
static IV_MUST_USE enum iv_err add_link_text(struct rv_set *set, struct rv_link_text **list,
                                             size_t *n, size_t *alloc, const char *a, const char *b,
                                             const char *via)
{
	if (!*a || !*b)
		return IV_OK;
	if (iv_array_grow(list, alloc, *n + 1, sizeof(**list), 256))
		return IV_ERR_NOMEM;
	(*list)[*n].a = iv_arena_strdup(&set->arena, a);
	(*list)[*n].b = iv_arena_strdup(&set->arena, b);
	(*list)[*n].via = via ? iv_arena_strdup(&set->arena, via) : NULL;
	if (!(*list)[*n].a || !(*list)[*n].b || (via && !(*list)[*n].via))
		return IV_ERR_NOMEM;
	(*n)++;
	return IV_OK;
}

static int link_text_cmp(const void *pa, const void *pb)
{
	const struct rv_link_text *a = pa, *b = pb;
	int c = strcmp(a->a, b->a);

	return c ? c : strcmp(a->b, b->b);
}

/* The first of the accounts' identifiers of account eid (sorted list), or n. */
static size_t first_account(const struct rv_set *set, const char *eid)
{
	size_t lo = 0, hi = set->naccounts;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (strcmp(set->accounts[mid].a, eid) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < set->naccounts && strcmp(set->accounts[lo].a, eid) == 0 ? lo : set->naccounts;
}

static int str_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

enum iv_err rv_set_unread_accounts(const struct rv_set *set, const char ***out, size_t *n)
{
	const char **named, **read;
	size_t nread = 0;

	*out = NULL;
	*n = 0;
	if (!set->npays)
		return IV_OK;
	/* the accounts payments name, and those read, each sorted */
	named = iv_malloc(set->npays * sizeof(*named));
	read = iv_malloc((set->naccounts + 1) * sizeof(*read));
	if (!named || !read) {
		iv_free(named);
		iv_free(read);
		return IV_ERR_NOMEM;
	}
	for (size_t i = 0; i < set->npays; i++)
		named[i] = set->pays[i].b;
	for (size_t i = 0; i < set->naccounts; i++)
		read[nread++] = set->accounts[i].a;
	qsort(named, set->npays, sizeof(*named), str_cmp);
	qsort(read, nread, sizeof(*read), str_cmp);
	for (size_t i = 0, r = 0; i < set->npays; i++) {
		if (i > 0 && strcmp(named[i], named[i - 1]) == 0)
			continue;
		while (r < nread && strcmp(read[r], named[i]) < 0)
			r++;
		if (r < nread && strcmp(read[r], named[i]) == 0)
			continue;
		named[(*n)++] = named[i]; /* in place: *n <= i */
	}
	iv_free(read);
	*out = named;
	return IV_OK;
}

/*
 * Each payment's party gets the identifiers of the account on its side as
 * selectors: the payer of a transfer from an account is its holder (or
 * uses it), so two writings of one holder's name meet on the account.
 */
enum iv_err rv_set_join_payments(struct rv_set *set)
{
	enum iv_err rc = IV_OK;

	if (set->payments_joined)
		return IV_OK;
	set->payments_joined = true;
	if (set->fam->selector_feature < 0 || !set->npays || !set->naccounts)
		return IV_OK;
	qsort(set->accounts, set->naccounts, sizeof(*set->accounts), link_text_cmp);
	for (size_t i = 0; !rc && i < set->npays; i++)
		for (size_t k = first_account(set, set->pays[i].b);
		     !rc && k < set->naccounts && strcmp(set->accounts[k].a, set->pays[i].b) == 0;
		     k++)
			rc = add_orphan(set, set->pays[i].a, (unsigned)set->fam->selector_feature,
			                set->accounts[k].b, set->pays[i].via, set->pays[i].b);
	return rc;
}

/* ---- reading statements -------------------------------------------------------- */

void rv_loader_init(struct rv_loader *l, struct rv_set *set)
{
	memset(l, 0, sizeof(*l));
	l->set = set;
	iv_buf_init(&l->entity, 0);
	iv_buf_init(&l->text, 0);
}

void rv_loader_release(struct rv_loader *l)
{
	iv_buf_release(&l->entity);
	iv_vec_release(&l->props);
	iv_buf_release(&l->text);
}

/* The values of one property of the entity being read ("prop\x1fvalue" items). */
static const char *prop_value(const struct rv_loader *l, const char *prop, size_t *pos)
{
	size_t plen = strlen(prop);

	for (; *pos < l->props.len; (*pos)++) {
		const char *item = l->props.items[*pos];

		if (strncmp(item, prop, plen) == 0 && item[plen] == '\x1f') {
			(*pos)++;
			return item + plen + 1;
		}
	}
	return NULL;
}

static const char *first_value(const struct rv_loader *l, const char *prop)
{
	size_t pos = 0;

	return prop ? prop_value(l, prop, &pos) : NULL;
}

/*
 * The scope of an identifier: the first value of its scoping property that
 * is not an ICAO status (a refugee's "xxb" nationality would make his
 * passport number another identifier than the same number under "sd").
 */
static const char *scope_value(const struct rv_loader *l, const char *prop)
{
	size_t pos = 0;
	const char *v;

	while (prop && (v = prop_value(l, prop, &pos)) != NULL)
		if (!iv_country_is_status(v))
			return v;
	return NULL;
}

/* The code point of a 2- or 3-byte UTF-8 sequence at p (*len its bytes), or 0. */
static unsigned utf8_at(const unsigned char *p, size_t *len)
{
	if (p[0] >= 0xc2 && p[0] <= 0xdf && (p[1] & 0xc0) == 0x80) {
		*len = 2;
		return (unsigned)(p[0] & 0x1f) << 6 | (p[1] & 0x3f);
	}
	if (p[0] >= 0xe0 && p[0] <= 0xef && (p[1] & 0xc0) == 0x80 && (p[2] & 0xc0) == 0x80) {
		*len = 3;
		return (unsigned)(p[0] & 0x0f) << 12 | (unsigned)(p[1] & 0x3f) << 6 | (p[2] & 0x3f);
	}
	return 0;
}

/*
 * What an identifier's character counts as: an ASCII digit or capital
 * (Arabic-Indic, Persian and full-width digits and letters read as ASCII),
 * 0 to drop (spaces, dashes and other punctuation, ASCII or not), -1 to keep
 * the bytes as they are (letters of other scripts).
 */
static int ident_char(unsigned cp)
{
	if ((cp >= '0' && cp <= '9') || (cp >= 'A' && cp <= 'Z'))
		return (int)cp;
	if (cp >= 'a' && cp <= 'z')
		return (int)(cp - 32);
	if (cp < 0x80)
		return 0;
	if (cp >= 0x660 && cp <= 0x669)
		return (int)('0' + cp - 0x660);
	if (cp >= 0x6f0 && cp <= 0x6f9)
		return (int)('0' + cp - 0x6f0);
	if (cp >= 0xff10 && cp <= 0xff19)
		return (int)('0' + cp - 0xff10);
	if (cp >= 0xff21 && cp <= 0xff3a)
		return (int)('A' + cp - 0xff21);
	if (cp >= 0xff41 && cp <= 0xff5a)
		return (int)('A' + cp - 0xff41);
	if (cp == 0xa0 || (cp >= 0x2000 && cp <= 0x2015) || cp == 0x202f || cp == 0x2060 ||
	    cp == 0x2212 || cp == 0x3000 || cp == 0xfeff || cp == 0xff0d)
		return 0;
	return -1;
}

/*
 * What is read the same in an identifier of some kinds, on the characters
 * ident_char left (v, n bytes; *len, the buffer's length, shrinks when
 * characters go):
 *  - a plate: the letter O and the digit 0, the letter I and the digit 1
 *    (what clerks, witnesses and number-plate cameras confuse most; "PO
 *    6O529" is PO 60529), both as the digit;
 *  - an IBAN: its country and BBAN without the two check digits, which
 *    two IBANs of one account always share, so that a mistyped check
 *    digit (an IBAN that fails mod-97, kept verbatim) still names the
 *    account and does not veto it;
 *  - an account number: without its leading zeros, which a Dutch account
 *    is written without at home (41.71.64.300) and with in its IBAN.
 */
static void ident_fold(char *v, size_t n, const char *kind, size_t *len)
{
	if (strcmp(kind, "account") == 0) {
		size_t z = 0;

		while (z + 1 < n && v[z] == '0')
			z++;
		memmove(v, v + z, n - z);
		*len -= z;
	} else if (strcmp(kind, "plate") == 0) {
		for (size_t i = 0; i < n; i++)
			v[i] = v[i] == 'O' ? '0' : v[i] == 'I' ? '1' : v[i];
	} else if (strcmp(kind, "iban") == 0 && n >= 15 && n <= 34 && v[0] >= 'A' && v[0] <= 'Z' &&
	           v[1] >= 'A' && v[1] <= 'Z' && v[2] >= '0' && v[2] <= '9' && v[3] >= '0' &&
	           v[3] <= '9') {
		memmove(v + 2, v + 4, n - 4);
		*len -= 2;
	}
}

/*
 * An identifier as it is compared, appended to b: "2-TEV-024", "2TEV024"
 * and "2 tev 024" are one plate, "K 123.456", "k123456" and "K١٢٣٤٥٦" one
 * document (ident_char).  A username is lower-cased instead and loses a
 * leading '@'.  *usable (when not NULL) says whether it identifies
 * anything: a username that is not empty; any other identifier of at least
 * three characters, one of them a digit, not all the same ("N/A", "-",
 * "000000" are what people type when they have no number, and would link
 * everyone who did).
 */
static IV_MUST_USE enum iv_err ident_add(struct iv_buf *b, const char *kind, const char *v,
                                         bool *usable)
{
	size_t start = b->len;
	bool username = kind && strcmp(kind, "username") == 0, digit = false, varied = false;
	enum iv_err rc = IV_OK;

	if (username && *v == '@')
		v++;
	for (const unsigned char *p = (const unsigned char *)v; !rc && *p;) {
		size_t len = 1;
		unsigned cp = *p < 0x80 ? *p : utf8_at(p, &len);
		int c = username ? (*p >= 'A' && *p <= 'Z' ? *p + 32 : -1) : ident_char(cp);

		if (!username && !cp)
			c = -1; /* not a sequence read here: kept as it is */
		if (c > 0) {
			rc = iv_buf_addch(b, (char)c);
			digit |= c >= '0' && c <= '9';
		} else if (c < 0) {
			rc = iv_buf_add(b, p, len);
		}
		p += len;
	}
	if (!rc && kind && b->len > start) {
		ident_fold(b->buf + start, b->len - start, kind, &b->len);
		b->buf[b->len] = '\0';
	}
	for (size_t i = start + 1; !rc && i < b->len; i++)
		varied |= b->buf[i] != b->buf[start];
	if (usable)
		*usable = username ? b->len > start : b->len >= start + 3 && digit && varied;
	return rc;
}

enum iv_err rv_ident_form(const char *kind, const char *value, struct iv_buf *out)
{
	iv_buf_reset(out);
	return ident_add(out, kind, value, NULL);
}

/*
 * "kind\x1fscope\x1fvalue", the form strong identifiers are kept in
 * (ident_add); an identifier that is not usable leaves b empty.
 */
static IV_MUST_USE enum iv_err strong_text(struct iv_buf *b, const char *kind, const char *scope,
                                           const char *value)
{
	bool usable = false;
	enum iv_err rc;

	iv_buf_reset(b);
	rc = iv_buf_addf(b, "%s\x1f", kind);
	/* the scope in lower case: "Telegram" and "telegram" are one service */
	for (const char *c = scope; !rc && c && *c; c++)
		rc = iv_buf_addch(b, *c >= 'A' && *c <= 'Z' ? (char)(*c - 'A' + 'a') : *c);
	if (!rc)
		rc = iv_buf_addch(b, '\x1f');
	if (!rc)
		rc = ident_add(b, kind, value, &usable);
	if (!usable)
		iv_buf_reset(b);
	return rc;
}

/*
 * The domestic account number inside an IBAN, from the IBAN as ident_fold
 * keeps it (country and BBAN) at the end of text (strong_text's or
 * selector_text's form): where the BBAN is a bank
 * code of four letters and digits only, in the countries where those
 * digits are how the account is written at home (United Kingdom and
 * Ireland: sort code and account number, "46-00-27 66812112" in GB31 WEST
 * 4600 2766 8121 12; the Netherlands: the account number).  Elsewhere a
 * BBAN so made (Latvia, Romania ...) leaves out a bank code the domestic
 * number needs.  Returns false when the IBAN is not of those.
 */
static bool iban_domestic(const char *text, char out[40])
{
	const char *v = strrchr(text, '\x1f'), *sel = strrchr(text, ':');
	size_t n;

	v = v ? v + 1 : sel ? sel + 1 : text; /* a strong identifier's form, or a selector's */
	n = strlen(v);
	if (n < 2 + 4 + 6 || n - 6 >= 40)
		return false;
	if (strncmp(v, "GB", 2) != 0 && strncmp(v, "IE", 2) != 0 && strncmp(v, "NL", 2) != 0)
		return false;
	for (size_t i = 2; i < 6; i++)
		if (v[i] < 'A' || v[i] > 'Z')
			return false;
	for (size_t i = 6; i < n; i++)
		if (v[i] < '0' || v[i] > '9')
			return false;
	memcpy(out, v + 6, n - 6 + 1);
	return true;
}

/*
 * "prefix:value", or "prefix:scope:value", the form selectors from other
 * entities take (ident_add); an identifier that is not usable leaves b empty.
 */
static IV_MUST_USE enum iv_err selector_text(struct iv_buf *b, const char *prefix, const char *kind,
                                             const char *scope, const char *value)
{
	bool usable = false;
	enum iv_err rc;

	iv_buf_reset(b);
	rc = iv_buf_addf(b, "%s:", prefix);
	if (!rc && scope && *scope) {
		rc = ident_add(b, "scope", scope, NULL);
		if (!rc)
			rc = iv_buf_addch(b, ':');
	}
	if (!rc)
		rc = ident_add(b, kind, value, &usable);
	if (!usable)
		iv_buf_reset(b);
	return rc;
}

/* The two compose properties joined ("given family"), or NULL. */
static IV_MUST_USE enum iv_err composed(const struct rv_loader *l, const char *const compose[2],
                                        struct iv_buf *out, bool *found)
{
	const char *a = compose[0] ? first_value(l, compose[0]) : NULL;
	const char *b = compose[1] ? first_value(l, compose[1]) : NULL;

	*found = false;
	iv_buf_reset(out);
	if (!a && !b)
		return IV_OK;
	*found = true;
	return iv_buf_addf(out, "%s%s%s", a ? a : "", a && b ? " " : "", b ? b : "");
}

/* Gender as people write it (m, M, male, Male, man) as one value. */
static const char *gender_value(const char *v)
{
	static const char *const male[] = {"m", "male", "man", "masculin", "h", "homme"};
	static const char *const female[] = {"f",       "female", "woman", "feminin",
	                                     "féminin", "w",      "femme"};

	for (size_t i = 0; i < sizeof(male) / sizeof(male[0]); i++)
		if (strcasecmp(v, male[i]) == 0)
			return "male";
	for (size_t i = 0; i < sizeof(female) / sizeof(female[0]); i++)
		if (strcasecmp(v, female[i]) == 0)
			return "female";
	return v;
}

/*
 * The entity's machine readable zone, read into *m (ICAO 9303, iv_mrz_parse):
 * false when it has none or none that reads.
 */
static bool mrz_of(const struct rv_loader *l, const char *prop, struct iv_mrz *m)
{
	const char *zone = first_value(l, prop);

	return zone && iv_mrz_parse(zone, m, NULL) == IV_OK;
}

/* A zone's names as one ("ANNA MARIA ERIKSSON") into out; false when it has none. */
static bool mrz_name(const struct iv_mrz *m, struct iv_buf *out)
{
	iv_buf_reset(out);
	if (!m->surname[0] && !m->given[0])
		return false;
	return iv_buf_addf(out, "%s%s%s", m->given, m->given[0] && m->surname[0] ? " " : "",
	                   m->surname) == IV_OK;
}

/*
 * A zone's document number as an identifier of this kind, scoped as the
 * printed number would be there (scope), or else by the zone's issuing
 * state, into out (empty when its check digit fails: a misread zone names
 * no document).
 */
static IV_MUST_USE enum iv_err mrz_number(const struct iv_mrz *m, const char *kind,
                                          const char *scope, struct iv_buf *out)
{
	iv_buf_reset(out);
	if (!m->number_ok || !m->number[0])
		return IV_OK;
	if (!scope)
		scope = iv_country_code(m->state);
	return strong_text(out, kind, scope, m->number);
}

static int feature_named(const struct rv_family *fam, const char *name)
{
	for (size_t f = 0; f < fam->nf; f++)
		if (strcmp(fam->f[f].name, name) == 0)
			return (int)f;
	return -1;
}

/*
 * A document record's values that its printed fields leave out, from its
 * machine readable zone (fam->mrz): the holder's names, birth date, the
 * type (the zone's document code), the expiry date and the number.  A field
 * whose check digit fails is left out; had[slot] says which slots the
 * printed fields filled.  An identity card whose examination copied only
 * the zone (its names are in the zone alone) is then compared by them.
 */
static IV_MUST_USE enum iv_err mrz_fill(struct rv_loader *l, size_t rec, const bool *had,
                                        struct iv_buf *scratch)
{
	const struct rv_family *fam = l->set->fam;
	int birth = feature_named(fam, "birth_date"), expires = feature_named(fam, "expires"),
	    type = feature_named(fam, "type");
	struct iv_mrz m;
	char code[2];
	enum iv_err rc = IV_OK;

	if (!fam->mrz || !mrz_of(l, fam->mrz, &m))
		return IV_OK;
	if (fam->name_feature >= 0 && !had[fam->name_feature] && mrz_name(&m, scratch))
		rc = add_raw(l->set, rec, (unsigned)fam->name_feature, scratch->buf);
	if (!rc && birth >= 0 && !had[birth] && m.birth_ok && m.birth[0])
		rc = add_raw(l->set, rec, (unsigned)birth, m.birth);
	if (!rc && expires >= 0 && !had[expires] && m.expiry_ok && m.expiry[0])
		rc = add_raw(l->set, rec, (unsigned)expires, m.expiry);
	if (!rc && type >= 0 && !had[type] && m.code[0]) {
		code[0] = m.code[0];
		code[1] = '\0';
		rc = add_raw(l->set, rec, (unsigned)type, code);
	}
	if (!rc && fam->ns > 0 && !had[RV_SLOT_STRONG]) {
		rc = mrz_number(&m, fam->s[0].kind, scope_value(l, fam->s[0].scope), scratch);
		if (!rc && scratch->len)
			rc = add_raw(l->set, rec, RV_SLOT_STRONG, scratch->buf);
	}
	return rc;
}

/*
 * A travel document's type as its ICAO class: the first letter of its
 * machine readable zone's code (P passport, I identity card, V visa, A and
 * C other official documents) from a code ("P", "PP", "ID") or from words
 * ("Passport", "national ID card", "carte d'identité", "visa"); NULL for a
 * type named otherwise, which then says nothing (a fixed fact compares
 * only types both sides name in one way).
 */
/* Whether s holds w, ASCII letters in any case (w in lower case). */
static bool holds_lower(const char *s, const char *w)
{
	size_t n = strlen(w);

	for (; *s; s++)
		if (strncasecmp(s, w, n) == 0)
			return true;
	return false;
}

static const char *document_class(const char *v)
{
	static const struct {
		const char *word, *class;
	} words[] = {{"passport", "P"}, {"passeport", "P"},   {"reisepass", "P"}, {"identit", "I"},
	             {"id card", "I"},  {"national id", "I"}, {"visa", "V"}};
	static const char codes[] = "PIVAC", *const letter[] = {"P", "I", "V", "A", "C"};
	size_t n = strlen(v);
	char first = v[0] >= 'a' && v[0] <= 'z' ? (char)(v[0] - 'a' + 'A') : v[0];
	const char *at = first ? strchr(codes, first) : NULL;

	/* a code: its letter, and a second letter or filler (PP, ID, I<) */
	if (at && (n == 1 || (n == 2 && (isalpha((unsigned char)v[1]) || v[1] == '<'))))
		return letter[at - codes];
	for (size_t i = 0; i < sizeof(words) / sizeof(words[0]); i++)
		if (holds_lower(v, words[i].word))
			return words[i].class;
	return NULL;
}

/* The entity just read is one of the family's records. */
static IV_MUST_USE enum iv_err end_record(struct rv_loader *l, struct iv_buf *scratch)
{
	struct rv_set *set = l->set;
	const struct rv_family *fam = set->fam;
	size_t rec;
	bool had[RV_NSLOTS] = {0}; /* the slots the record's own properties filled */
	enum iv_err rc =
	        add_record(set, l->entity.buf, iv_schema_name(iv_schema_get(l->schema)), &rec);

	for (size_t f = 0; !rc && f < fam->nf; f++) {
		for (size_t p = 0; !rc && p < 6 && fam->f[f].props[p]; p++) {
			size_t pos = 0;
			const char *v;

			while (!rc && (v = prop_value(l, fam->f[f].props[p], &pos)) != NULL) {
				/* a document's type as its ICAO class, or nothing */
				if (fam->mrz && strcmp(fam->f[f].name, "type") == 0 &&
				    !(v = document_class(v)))
					continue;
				rc = add_raw(set, rec, (unsigned)f,
				             strcmp(fam->f[f].name, "gender") == 0 ? gender_value(v)
				                                                   : v);
				had[f] = true;
			}
		}
	}
	if (!rc && fam->name_feature >= 0 && fam->compose[0]) {
		bool found;

		rc = composed(l, fam->compose, scratch, &found);
		if (!rc && found)
			rc = add_raw(set, rec, (unsigned)fam->name_feature, scratch->buf);
		had[fam->name_feature] |= found;
	}
	for (size_t s = 0; !rc && s < fam->ns; s++) {
		size_t pos = 0;
		const char *v;
		const char *scope = scope_value(l, fam->s[s].scope);

		while (!rc && (v = prop_value(l, fam->s[s].prop, &pos)) != NULL) {
			char domestic[40];

			rc = strong_text(scratch, fam->s[s].kind, scope, v);
			if (!rc && scratch->len)
				rc = add_raw(set, rec, RV_SLOT_STRONG, scratch->buf);
			had[RV_SLOT_STRONG] |= scratch->len > 0;
			/* an IBAN also names its account as written at home, scoped as an
			 * account number is (the BankAccount family: by its BIC) */
			if (!rc && scratch->len && strcmp(fam->s[s].kind, "iban") == 0 &&
			    iban_domestic(scratch->buf, domestic)) {
				rc = strong_text(scratch, "account", scope_value(l, "bic"),
				                 domestic);
				if (!rc && scratch->len)
					rc = add_raw(set, rec, RV_SLOT_STRONG, scratch->buf);
			}
		}
	}
	return rc ? rc : mrz_fill(l, rec, had, scratch);
}

/* A bank account's identifiers, or a payment's parties with their accounts. */
static IV_MUST_USE enum iv_err end_money(struct rv_loader *l, enum rv_feed feed,
                                         struct iv_buf *scratch)
{
	struct rv_set *set = l->set;
	enum iv_err rc = IV_OK;

	if (feed == RV_FEED_BANK) {
		static const char *const props[2] = {"iban", "accountNumber"};
		static const char *const kinds[2] = {"iban", "account"};
		/* an account number is one bank's: scoped by its BIC, as the BankAccount
		 * family scopes it (an IBAN names its bank already) */
		const char *bic = first_value(l, "bic");

		for (size_t p = 0; !rc && p < 2; p++) {
			size_t pos = 0;
			const char *v;

			while (!rc && (v = prop_value(l, props[p], &pos)) != NULL) {
				char domestic[40];

				rc = selector_text(scratch, kinds[p], kinds[p], p ? bic : NULL, v);
				if (!rc && scratch->len)
					rc = add_link_text(set, &set->accounts, &set->naccounts,
					                   &set->alloc_accounts, l->entity.buf,
					                   scratch->buf, NULL);
				/* an IBAN's domestic account number, as the account's own
				 * accountNumber would give it (iban_domestic) */
				if (!rc && !p && scratch->len &&
				    iban_domestic(scratch->buf, domestic)) {
					rc = selector_text(scratch, "account", "account", bic,
					                   domestic);
					if (!rc && scratch->len)
						rc = add_link_text(
						        set, &set->accounts, &set->naccounts,
						        &set->alloc_accounts, l->entity.buf,
						        scratch->buf, NULL);
				}
			}
		}
		return rc;
	}
	{
		const char *const *party = rv_feed_refs(RV_FEED_PAYMENT);

		for (size_t side = 0; !rc && party[side]; side++) {
			const char *account = rv_payment_account_of(party[side]);
			size_t pos = 0;
			const char *who;

			while (!rc && (who = prop_value(l, party[side], &pos)) != NULL) {
				size_t apos = 0;
				const char *acc;

				while (!rc && (acc = prop_value(l, account, &apos)) != NULL)
					rc = add_link_text(set, &set->pays, &set->npays,
					                   &set->alloc_pays, who, acc,
					                   l->entity.buf);
			}
		}
	}
	return rc;
}

/*
 * What a document gives its holder from its machine readable zone, where
 * its printed fields give nothing: the number, the names, the birth date
 * (each only when its check digit agrees).
 */
static IV_MUST_USE enum iv_err feed_mrz(struct rv_loader *l, const char *target, const char *from,
                                        struct iv_buf *scratch)
{
	const struct rv_family *fam = l->set->fam;
	struct iv_mrz m;
	enum iv_err rc = IV_OK;

	if (!mrz_of(l, "mrz", &m))
		return IV_OK;
	if (!first_value(l, "number") && !first_value(l, "passportNumber")) {
		rc = mrz_number(&m, "document", first_value(l, "country"), scratch);
		if (!rc && scratch->len)
			rc = add_orphan(l->set, target, RV_SLOT_STRONG, scratch->buf, from, NULL);
	}
	if (!rc && fam->name_feature >= 0 && !first_value(l, "givenName") &&
	    !first_value(l, "surname") && mrz_name(&m, scratch))
		rc = add_orphan(l->set, target, (unsigned)fam->name_feature, scratch->buf, from,
		                NULL);
	if (!rc && fam->date_feature >= 0 && !first_value(l, "birthDate") && m.birth_ok &&
	    m.birth[0])
		rc = add_orphan(l->set, target, (unsigned)fam->date_feature, m.birth, from, NULL);
	return rc;
}

/* The entity just read feeds values into the records it points at. */
/* What a document gives the holder target: its numbers, the holder's name and
 * birth date as the document writes them, and its MRZ's. */
static IV_MUST_USE enum iv_err feed_document(struct rv_loader *l, const char *target,
                                             const char *from, struct iv_buf *scratch)
{
	static const char *const numbers[] = {"number", "passportNumber"};
	static const char *const given_surname[2] = {"givenName", "surname"};
	const struct rv_family *fam = l->set->fam;
	const char *country = first_value(l, "country");
	const char *v;
	size_t vpos;
	bool found;
	enum iv_err rc = IV_OK;

	for (size_t n = 0; !rc && n < 2; n++) {
		vpos = 0;
		while (!rc && (v = prop_value(l, numbers[n], &vpos)) != NULL) {
			rc = strong_text(scratch, "document", country, v);
			if (!rc && scratch->len)
				rc = add_orphan(l->set, target, RV_SLOT_STRONG, scratch->buf, from,
				                NULL);
		}
	}
	if (!rc && fam->name_feature >= 0) {
		rc = composed(l, given_surname, scratch, &found);
		if (!rc && found)
			rc = add_orphan(l->set, target, (unsigned)fam->name_feature, scratch->buf,
			                from, NULL);
	}
	vpos = 0;
	while (!rc && fam->date_feature >= 0 && (v = prop_value(l, "birthDate", &vpos)) != NULL)
		rc = add_orphan(l->set, target, (unsigned)fam->date_feature, v, from, NULL);
	if (!rc)
		rc = feed_mrz(l, target, from, scratch);
	return rc;
}

/* What a social account (its username) or a vehicle (its plate) gives its owner
 * target: a selector. */
static IV_MUST_USE enum iv_err feed_selector(struct rv_loader *l, enum rv_feed feed,
                                             const char *target, const char *from,
                                             struct iv_buf *scratch)
{
	const struct rv_family *fam = l->set->fam;
	bool account = feed == RV_FEED_ACCOUNT;
	const char *kind = account ? first_value(l, "service") : "plate";
	const char *prop = account ? "username" : "registrationNumber";
	const char *v;
	size_t vpos = 0;
	enum iv_err rc = IV_OK;

	if (fam->selector_feature < 0)
		return IV_OK;
	while (!rc && (v = prop_value(l, prop, &vpos)) != NULL) {
		rc = selector_text(scratch, kind ? kind : "account", account ? "username" : "plate",
		                   NULL, v);
		if (!rc && scratch->len)
			rc = add_orphan(l->set, target, (unsigned)fam->selector_feature,
			                scratch->buf, from, NULL);
	}
	return rc;
}

static IV_MUST_USE enum iv_err end_feeder(struct rv_loader *l, enum rv_feed feed,
                                          struct iv_buf *scratch)
{
	const struct rv_family *fam = l->set->fam;
	const char *const *refs = rv_feed_refs(feed);
	const char *from; /* this entity, once in the arena for all it feeds */
	enum iv_err rc = IV_OK;

	if (feed == RV_FEED_BANK || feed == RV_FEED_PAYMENT)
		return fam->selector_feature >= 0 ? end_money(l, feed, scratch) : IV_OK;
	from = iv_arena_strdup(&l->set->arena, l->entity.buf);
	if (!from)
		return IV_ERR_NOMEM;
	for (size_t r = 0; !rc && refs[r]; r++) {
		size_t pos = 0;
		const char *target;

		while (!rc && (target = prop_value(l, refs[r], &pos)) != NULL) {
			if (feed == RV_FEED_DOCUMENT)
				rc = feed_document(l, target, from, scratch);
			else if (feed == RV_FEED_ACCOUNT || feed == RV_FEED_VEHICLE)
				rc = feed_selector(l, feed, target, from, scratch);
		}
	}
	return rc;
}

static IV_MUST_USE enum iv_err end_entity(struct rv_loader *l, struct iv_buf *err)
{
	struct iv_buf scratch;
	enum rv_feed feed;
	enum iv_err rc = IV_OK;

	if (!l->schema)
		return IV_OK;
	for (size_t i = 0; i < l->props.len; i++)
		l->props.items[i] = l->text.buf + (uintptr_t)l->props.items[i];
	iv_buf_init(&scratch, 0);
	if (rv_family_has(l->set->fam, l->schema))
		rc = end_record(l, &scratch);
	else if ((feed = rv_feed_of(l->set->fam, l->schema)) != RV_FEED_NONE)
		rc = end_feeder(l, feed, &scratch);
	iv_buf_release(&scratch);
	l->props.len = 0; /* the strings are in l->text, reused */
	iv_buf_reset(&l->text);
	l->schema = NULL;
	l->entities++;
	if (l->progress && l->entities % 16384 == 0)
		l->progress(l->progress_ctx, "read", l->entities, 0);
	if (rc)
		return iv_seterr(err, rc, "out of memory reading records");
	return IV_OK;
}

enum iv_err rv_loader_statement(void *ctx, const struct iv_statement *st)
{
	struct rv_loader *l = ctx;
	enum iv_err rc;

	if (l->schema && strcmp(l->entity.buf, st->entity) != 0) {
		rc = end_entity(l, NULL);
		if (rc)
			return rc;
	}
	if (!l->schema) {
		const struct iv_schema *s = iv_schema_get(st->schema);

		iv_buf_reset(&l->entity);
		if (iv_buf_adds(&l->entity, st->entity))
			return IV_ERR_NOMEM;
		l->schema = s ? iv_schema_name(s) : NULL;
		if (!l->schema)
			return IV_OK;
	} else if (strcmp(l->schema, st->schema) != 0) {
		/* an entity's statements may carry ancestors' schemata: keep the most specific */
		const struct iv_schema *have = iv_schema_get(l->schema);
		const struct iv_schema *s = iv_schema_get(st->schema);
		const struct iv_schema *common = have && s ? iv_schema_common(have, s) : NULL;

		if (common)
			l->schema = iv_schema_name(common);
	}
	{
		/* offsets while the buffer may move; end_entity turns them into pointers */
		size_t at = l->text.len;

		rc = iv_buf_adds(&l->text, st->property);
		if (!rc)
			rc = iv_buf_addch(&l->text, '\x1f');
		if (!rc)
			rc = iv_buf_add(&l->text, st->value, strlen(st->value) + 1);
		if (!rc)
			rc = iv_vec_push(&l->props, (void *)(uintptr_t)at);
	}
	return rc;
}

enum iv_err rv_loader_end(struct rv_loader *l, struct iv_buf *err)
{
	return end_entity(l, err);
}

/* ---- stored text ----------------------------------------------------------------- */

/* The answer a record written by rv_record_text carries as its last key: 1, 0, or -1 (none). */
static int said_bridges(const char *text)
{
	static const char yes[] = ",\"bridges\":true}", no[] = ",\"bridges\":false}";
	size_t n = strlen(text);

	if (n >= sizeof(yes) - 1 && memcmp(text + n - (sizeof(yes) - 1), yes, sizeof(yes) - 1) == 0)
		return 1;
	if (n >= sizeof(no) - 1 && memcmp(text + n - (sizeof(no) - 1), no, sizeof(no) - 1) == 0)
		return 0;
	return -1;
}

bool rv_text_bridges(const struct rv_family *fam, const char *text)
{
	int said = said_bridges(text);
	json_t *root, *values;
	bool bridges = false;

	/* a re-clustering reads a closure's every record: the stored answer, not a parse */
	if (said >= 0)
		return said == 1;
	root = json_loads(text, 0, NULL);
	values = json_object_get(root, "values");

	/* a bare record: identifiers, and no name or birth date (rv_record_bridges) */
	if (fam->bare_bridges && json_array_size(json_object_get(root, "strong")) > 0 &&
	    (fam->name_feature < 0 ||
	     !json_array_size(json_object_get(values, fam->f[fam->name_feature].name))) &&
	    (fam->date_feature < 0 ||
	     !json_array_size(json_object_get(values, fam->f[fam->date_feature].name)))) {
		json_decref(root);
		return true;
	}
	if (fam->date_feature >= 0) { /* a birth date to the day names one person */
		json_t *item;
		size_t i;

		json_array_foreach(json_object_get(values, fam->f[fam->date_feature].name), i, item)
		{
			if (json_is_string(item) && rv_full_date(json_string_value(item))) {
				json_decref(root);
				return false;
			}
		}
	}
	for (size_t k = 0; json_is_object(values) && k < fam->nf && !bridges; k++) {
		json_t *arr = json_object_get(values, fam->f[k].name), *item;
		const char *v[RV_MAX_VALUES];
		size_t n = 0, i;

		json_array_foreach(arr, i, item)
		{
			if (json_is_string(item) && n < RV_MAX_VALUES)
				v[n++] = json_string_value(item);
		}
		bridges = rv_values_bridge(fam, k, v, n);
	}
	json_decref(root);
	return bridges;
}

enum iv_err rv_json_fed(const json_t *record, enum iv_err (*fn)(void *, const char *), void *ctx,
                        bool *known)
{
	const json_t *arr = json_object_get(record, "fed_by"), *item;
	size_t i;

	*known = json_is_array(arr);
	json_array_foreach(arr, i, item)
	{
		enum iv_err rc;

		if (!json_is_string(item)) {
			*known = false;
			return IV_OK;
		}
		rc = fn(ctx, json_string_value(item));
		if (rc)
			return rc;
	}
	return IV_OK;
}

/* A feeder of a record being added from its stored text, kept in the set's arena. */
struct fed_into {
	struct rv_set *set;
	size_t rec;
};

static IV_MUST_USE enum iv_err fed_one(void *ctx, const char *eid)
{
	struct fed_into *into = ctx;
	const char *from = iv_arena_strdup(&into->set->arena, eid);

	return from ? add_fed(into->set, into->rec, from) : IV_ERR_NOMEM;
}

enum iv_err rv_set_add_text(struct rv_set *set, const char *eid, const char *text,
                            struct iv_buf *err)
{
	const struct rv_family *fam = set->fam;
	json_error_t jerr;
	json_t *root = json_loads(text, 0, &jerr);
	json_t *f, *arr, *item;
	const char *schema;
	size_t rec, i;
	enum iv_err rc;

	if (!root || !json_is_object(root))
		goto bad;
	schema = json_string_value(json_object_get(root, "schema"));
	if (!schema || !iv_schema_get(schema))
		goto bad;
	rc = add_record(set, eid, iv_schema_name(iv_schema_get(schema)), &rec);
	if (rc)
		goto nomem;
	f = json_object_get(root, "values");
	for (size_t k = 0; json_is_object(f) && k < fam->nf; k++) {
		arr = json_object_get(f, fam->f[k].name);
		json_array_foreach(arr, i, item)
		{
			if (json_is_string(item) &&
			    add_raw(set, rec, (unsigned)k, json_string_value(item)))
				goto nomem;
		}
	}
	arr = json_object_get(root, "strong");
	json_array_foreach(arr, i, item)
	{
		if (json_is_string(item) &&
		    add_raw(set, rec, RV_SLOT_STRONG, json_string_value(item)))
			goto nomem;
	}
	/* what fed it; a record written before records kept it does not say, nor does one
	 * whose list is damaged (what refers to it now says instead: iv_resolve_feeders) */
	{
		struct fed_into into = {set, rec};
		bool known = false;

		if (rv_json_fed(root, fed_one, &into, &known) ||
		    (!known && add_fed(set, rec, NULL)))
			goto nomem;
	}
	json_decref(root);
	return IV_OK;
nomem:
	json_decref(root);
	return iv_seterr(err, IV_ERR_NOMEM, "out of memory reading records");
bad:
	json_decref(root);
	return iv_seterr(err, IV_ERR_DB, "the stored resolution record of '%s' is damaged", eid);
}

/* The values of slots [from, to) of a record as a JSON array. */
static IV_MUST_USE enum iv_err values_text(const struct rv_set *set, uint32_t from, uint32_t to,
                                           struct iv_buf *out)
{
	enum iv_err rc = iv_buf_addch(out, '[');

	for (uint32_t v = from; !rc && v < to; v++) {
		if (v > from)
			rc = iv_buf_addch(out, ',');
		if (!rc)
			rc = iv_buf_add_json_str(out, set->vals[v].v);
	}
	return rc ? rc : iv_buf_addch(out, ']');
}

/*
 * ',"fed_by":[EID, ...]': what fed record rec, in eid order; nothing when
 * that is not known (a stored record that did not say).
 */
bool rv_record_fed(const struct rv_set *set, size_t rec, size_t *lo, size_t *hi)
{
	size_t a = 0, b = set->nfed;

	while (a < b) {
		size_t mid = a + (b - a) / 2;

		if (set->fed[mid].rec < rec)
			a = mid + 1;
		else
			b = mid;
	}
	for (b = a; b < set->nfed && set->fed[b].rec == rec; b++)
		;
	*lo = a;
	*hi = b;
	return !(a < b && !set->fed[a].eid); /* a NULL eid sorts first: it does not say */
}

static IV_MUST_USE enum iv_err fed_text(const struct rv_set *set, size_t rec, struct iv_buf *out)
{
	size_t lo, end;
	enum iv_err rc;

	if (!rv_record_fed(set, rec, &lo, &end))
		return IV_OK;
	rc = iv_buf_adds(out, ",\"fed_by\":[");
	for (size_t i = lo; !rc && i < end; i++) {
		if (i > lo)
			rc = iv_buf_addch(out, ',');
		if (!rc)
			rc = iv_buf_add_json_str(out, set->fed[i].eid);
	}
	return rc ? rc : iv_buf_addch(out, ']');
}

/*
 * Written as text rather than built as jansson objects and dumped: the
 * objects, their allocations and the dump were 7.5 s of the 9.3 s a batch
 * spent writing a million-mention world's records.  The text is the one json_dumps(JSON_COMPACT)
 * gives for
 * {"schema": S, "values": {FEATURE: [V, ...], ...}, "strong": [...], "fed_by": [EID, ...],
 *  "bridges": B},
 * features in the family's order and only those with values; fed_by the
 * entities whose values the record holds (fed_text); bridges whether the
 * record is bridging (rv_record_bridges), last, so that a re-clustering
 * reads it without parsing the text (rv_text_bridges).
 */
enum iv_err rv_record_text(const struct rv_set *set, size_t rec, struct iv_buf *out)
{
	const struct rv_family *fam = set->fam;
	const struct rv_record *r = &set->recs[rec];
	bool first = true;
	enum iv_err rc;

	iv_buf_reset(out);
	rc = iv_buf_adds(out, "{\"schema\":");
	if (!rc)
		rc = iv_buf_add_json_str(out, r->schema);
	if (!rc)
		rc = iv_buf_adds(out, ",\"values\":{");
	for (size_t f = 0; !rc && f < fam->nf; f++) {
		if (rv_nvals(r, (unsigned)f) == 0)
			continue;
		if (!first)
			rc = iv_buf_addch(out, ',');
		first = false;
		if (!rc)
			rc = iv_buf_add_json_str(out, fam->f[f].name);
		if (!rc)
			rc = iv_buf_addch(out, ':');
		if (!rc)
			rc = values_text(set, r->off[f], r->off[f + 1], out);
	}
	if (!rc)
		rc = iv_buf_adds(out, "},\"strong\":");
	if (!rc)
		rc = values_text(set, r->off[RV_SLOT_STRONG], r->off[RV_SLOT_STRONG + 1], out);
	if (!rc)
		rc = fed_text(set, rec, out);
	if (!rc)
		rc = iv_buf_adds(out, rv_record_bridges(set, rec) ? ",\"bridges\":true}"
		                                                  : ",\"bridges\":false}");
	return rc;
}

/* ---- building ---------------------------------------------------------------------- */

/* By record, then eid, a NULL eid (the record does not say) first. */
static int fed_cmp(const void *pa, const void *pb)
{
	const struct rv_fed *a = pa, *b = pb;

	if (a->rec != b->rec)
		return a->rec < b->rec ? -1 : 1;
	if (!a->eid || !b->eid)
		return (b->eid == NULL) - (a->eid == NULL);
	return strcmp(a->eid, b->eid);
}

/* Sort what fed the records and drop repeats. */
static void sort_fed(struct rv_set *set)
{
	size_t n = 0;

	if (!set->nfed)
		return;
	qsort(set->fed, set->nfed, sizeof(*set->fed), fed_cmp);
	for (size_t i = 0; i < set->nfed; i++)
		if (!n || fed_cmp(&set->fed[n - 1], &set->fed[i]) != 0)
			set->fed[n++] = set->fed[i];
	set->nfed = n;
}

static int raw_cmp(const void *pa, const void *pb)
{
	const struct rv_raw *a = pa, *b = pb;

	if (a->rec != b->rec)
		return a->rec < b->rec ? -1 : 1;
	if (a->slot != b->slot)
		return a->slot < b->slot ? -1 : 1;
	return a->seq < b->seq ? -1 : a->seq > b->seq;
}

/* Name keys of distinct names [from, to) with one comparator (ICU handles are per thread). */
struct keys_job {
	struct rv_set *set;
	struct iv_names *names;
	const char **text; /* the distinct names */
	size_t from, to;
	enum iv_err rc;
};

static void *keys_thread(void *arg)
{
	struct keys_job *job = arg;
	struct rv_set *set = job->set;

	for (size_t d = job->from; d < job->to && !job->rc; d++) {
		enum iv_err rc = iv_names_keys(job->names, job->text[d], &set->distinct[d], NULL);

		/* a name with nothing to compare (only punctuation) is no name */
		set->distinct_ok[d] = rc == IV_OK;
		if (rc == IV_ERR_NOMEM)
			job->rc = rc;
		if (rc)
			iv_name_keys_release(&set->distinct[d]);
	}
	return NULL;
}

/*
 * Name keys of every record.  Names repeat (one person in many reports,
 * common names across people), so the keys are made once per distinct
 * spelling, on two threads when there are many, and each value gets a
 * copy of its spelling's keys (the set owns the distinct ones).
 */
static IV_MUST_USE enum iv_err name_keys(struct rv_set *set, struct iv_buf *err)
{
	unsigned nf = (unsigned)set->fam->name_feature;
	struct iv_map seen = IV_MAP_INIT;
	uint32_t *which = iv_calloc((set->nvals + 1) * sizeof(*which)); /* distinct + 1 */
	const char **text = iv_malloc((set->nvals + 1) * sizeof(*text));
	struct keys_job jobs[2];
	pthread_t tid;
	bool threaded = false;
	size_t nd = 0;
	enum iv_err rc = IV_OK;

	if (!which || !text)
		rc = IV_ERR_NOMEM;
	for (size_t rec = 0; !rc && rec < set->nrecs; rec++) {
		const struct rv_record *r = &set->recs[rec];

		for (uint32_t v = r->off[nf]; !rc && v < r->off[nf + 1]; v++) {
			uintptr_t d = (uintptr_t)iv_map_get(&seen, set->vals[v].v);

			if (!d) {
				text[nd] = set->vals[v].v;
				d = ++nd;
				rc = iv_map_put(&seen, set->vals[v].v, (void *)d);
			}
			which[v] = (uint32_t)d;
		}
	}
	iv_map_release(&seen);
	if (!rc) {
		set->distinct = iv_calloc((nd + 1) * sizeof(*set->distinct));
		set->distinct_ok = iv_calloc(nd + 1);
		set->ndistinct = nd;
		if (!set->distinct || !set->distinct_ok)
			rc = IV_ERR_NOMEM;
	}
	if (!rc) {
		jobs[0] = (struct keys_job){set, set->names, text, 0, nd, IV_OK};
		jobs[1] = (struct keys_job){set, NULL, text, nd, nd, IV_OK};
		if (nd >= 5000 && iv_names_new(&jobs[1].names, NULL) == IV_OK) {
			jobs[0].to = jobs[1].from = nd / 2;
			threaded = pthread_create(&tid, NULL, keys_thread, &jobs[1]) == 0;
			if (!threaded)
				jobs[0].to = nd;
		}
		keys_thread(&jobs[0]);
		if (threaded)
			pthread_join(tid, NULL);
		iv_names_free(jobs[1].names);
		rc = jobs[0].rc ? jobs[0].rc : jobs[1].rc;
	}
	for (size_t v = 0; !rc && v < set->nvals; v++)
		if (which[v] && set->distinct_ok[which[v] - 1]) {
			set->keys[v] = set->distinct[which[v] - 1]; /* borrowed */
			set->has_keys[v] = true;
		}
	iv_free(which);
	iv_free(text);
	return rc ? iv_seterr(err, rc, "out of memory computing name keys") : IV_OK;
}

static bool is_ascii(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return false;
	return true;
}

/*
 * The ASCII form of every free string (RV_FUZZY: addresses, bank names)
 * written in another script, made once per distinct spelling with the
 * name comparator's transliteration: an address in Sorani or Ge'ez meets
 * its Latin spelling word by word.  A value the transliteration leaves
 * nothing of keeps its own text.
 */
static IV_MUST_USE enum iv_err fold_fuzzy(struct rv_set *set, struct iv_buf *err)
{
	const struct rv_family *fam = set->fam;
	struct iv_map seen = IV_MAP_INIT;
	static const char none[] = "";
	enum iv_err rc = IV_OK;

	for (size_t rec = 0; !rc && rec < set->nrecs; rec++) {
		const struct rv_record *r = &set->recs[rec];

		for (size_t f = 0; !rc && f < fam->nf; f++) {
			if (fam->f[f].kind != RV_FUZZY)
				continue;
			for (uint32_t v = r->off[f]; !rc && v < r->off[f + 1]; v++) {
				const char *text = set->vals[v].v, *folded;
				struct iv_name_keys k = {0};

				if (is_ascii(text))
					continue;
				folded = iv_map_get(&seen, text);
				if (!folded) {
					rc = iv_names_keys(set->names, text, &k, NULL);
					/* a value with no letter left, or too long: compared as
					 * written */
					if (rc == IV_ERR_INVALID || rc == IV_ERR_TOOBIG)
						rc = IV_OK;
					folded = !rc && k.ascii && *k.ascii
					                 ? iv_arena_strndup(&set->arena, k.ascii,
					                                    strlen(k.ascii))
					                 : none;
					iv_name_keys_release(&k);
					if (rc)
						break;
					rc = folded ? iv_map_put(&seen, text, (void *)folded)
					            : IV_ERR_NOMEM;
				}
				if (!rc && !set->fold) {
					set->fold = iv_calloc(set->nvals * sizeof(*set->fold));
					if (!set->fold)
						rc = IV_ERR_NOMEM;
				}
				if (!rc && *folded)
					set->fold[v] = folded;
			}
		}
	}
	iv_map_release(&seen);
	if (rc == IV_ERR_NOMEM)
		return iv_seterr(err, rc, "out of memory folding free strings to ASCII");
	return rc ? iv_seterr(err, rc, "ICU failed folding a free string to ASCII") : IV_OK;
}

/* Orphans whose target is a record of the set join it, naming what fed them; the
 * rest are dropped. */
static IV_MUST_USE enum iv_err adopt_orphans(struct rv_set *set)
{
	for (size_t o = 0; o < set->norphans; o++) {
		long r = rv_set_find(set, set->orphan_eids[o]);

		if (r < 0)
			continue;
		if (add_raw(set, (size_t)r, set->orphans[o].slot, set->orphans[o].v) ||
		    add_fed(set, (size_t)r, set->orphan_from[o][0]) ||
		    (set->orphan_from[o][1] && add_fed(set, (size_t)r, set->orphan_from[o][1])))
			return IV_ERR_NOMEM;
	}
	return IV_OK;
}

/*
 * The sorted raw values into each record's slots: a value once per slot, at
 * most RV_MAX_VALUES of them, each with its key.  *i is the next raw value
 * and *nv the values kept so far.
 */
static void pack_record(struct rv_set *set, size_t rec, size_t *i, size_t *nv)
{
	struct rv_record *r = &set->recs[rec];

	for (size_t slot = 0; slot < RV_NSLOTS; slot++) {
		size_t kept = 0;

		r->off[slot] = (uint32_t)*nv;
		for (; *i < set->nraw && set->raw[*i].rec == rec && set->raw[*i].slot == slot;
		     (*i)++) {
			const char *v = set->raw[*i].v;
			uint64_t h = rv_value_key(set->fam, (unsigned)slot, v);
			bool dup = false;

			for (size_t k = r->off[slot]; k < *nv && !dup; k++)
				dup = set->vals[k].h == h && strcmp(set->vals[k].v, v) == 0;
			if (dup || kept >= RV_MAX_VALUES)
				continue;
			set->vals[*nv].v = v;
			set->vals[*nv].h = h;
			(*nv)++;
			kept++;
		}
	}
	r->off[RV_NSLOTS] = (uint32_t)*nv;
}

enum iv_err rv_set_build(struct rv_set *set, struct iv_buf *err)
{
	size_t i = 0, nv = 0;
	enum iv_err rc;

	if (set->built)
		return IV_OK;
	if (rv_set_join_payments(set))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory joining payments to accounts");
	if (adopt_orphans(set))
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory building records");
	sort_fed(set);
	if (set->nraw)
		qsort(set->raw, set->nraw, sizeof(*set->raw), raw_cmp);
	set->vals = iv_calloc((set->nraw ? set->nraw : 1) * sizeof(*set->vals));
	if (!set->vals)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory building records");
	for (size_t rec = 0; rec < set->nrecs; rec++)
		pack_record(set, rec, &i, &nv);
	set->nvals = nv;
	iv_free(set->raw);
	set->raw = NULL;
	set->nraw = set->alloc_raw = 0;
	set->keys = iv_calloc((nv ? nv : 1) * sizeof(*set->keys));
	set->has_keys = iv_calloc(nv ? nv : 1);
	if (!set->keys || !set->has_keys)
		return iv_seterr(err, IV_ERR_NOMEM, "out of memory building records");
	if (set->fam->name_feature >= 0 && (rc = name_keys(set, err)) != IV_OK)
		return rc;
	if (set->names && (rc = fold_fuzzy(set, err)) != IV_OK)
		return rc;
	set->built = true;
	return IV_OK;
}
