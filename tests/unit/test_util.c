/*
 * test_util.c - unit tests of lib/util: allocation hook, buffers, vectors,
 * the hash map, the arena, content hashing, UTF-8 checking, dates, and the
 * restart with huge-page malloc (what environment the restarted program sees).
 *
 * The allocation-failure tests run an operation with the Nth allocation
 * failing for N = 1, 2, ... until it succeeds, and check that every
 * failure is a clean IV_ERR_NOMEM; leaks show up under ASan and valgrind.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>
#include <sodium.h>
#include <jansson.h>

#include "iv/util.h"

/* ---- helpers -------------------------------------------------------------- */

typedef enum iv_err (*alloc_op)(void);

/*
 * Run op with the nth allocation failing, for n = 1, 2, ... until it
 * succeeds.  Each failure must be IV_ERR_NOMEM, and success must come
 * exactly when n passes the number of allocations the op makes.
 */
static void run_with_failures(alloc_op op)
{
	unsigned long needed, n;
	enum iv_err rc;

	iv_alloc_fail_after(0);
	assert_int_equal(op(), IV_OK);
	needed = iv_alloc_count();
	assert_true(needed > 0);

	for (n = 1;; n++) {
		iv_alloc_fail_after(n);
		rc = op();
		iv_alloc_fail_after(0);
		if (rc == IV_OK)
			break;
		assert_int_equal(rc, IV_ERR_NOMEM);
		assert_true(n <= needed);
	}
	assert_int_equal(n, needed + 1);
}

/* ---- err ------------------------------------------------------------------ */

static void test_err_names(void **state)
{
	(void)state;
	assert_string_equal(iv_err_name(IV_OK), "ok");
	assert_string_equal(iv_err_name(IV_ERR_NOMEM), "nomem");
	assert_string_equal(iv_err_name(IV_ERR_INVALID), "invalid");
	assert_string_equal(iv_err_name(IV_ERR_NOTFOUND), "notfound");
	assert_string_equal(iv_err_name(IV_ERR_EXISTS), "exists");
	assert_string_equal(iv_err_name(IV_ERR_TOOBIG), "toobig");
	assert_string_equal(iv_err_name(IV_ERR_IO), "io");
	assert_string_equal(iv_err_name(IV_ERR_DB), "db");
	assert_string_equal(iv_err_name(IV_ERR_DENIED), "denied");
	assert_string_equal(iv_err_name(IV_ERR_INTERNAL), "internal");
	assert_string_equal(iv_err_name(IV_ERR_BUSY), "busy");
	assert_string_equal(iv_err_name((enum iv_err)999), "unknown");

	assert_false(iv_err_is_user(IV_OK));
	assert_false(iv_err_is_user(IV_ERR_NOMEM));
	assert_true(iv_err_is_user(IV_ERR_INVALID));
	assert_true(iv_err_is_user(IV_ERR_NOTFOUND));
	assert_true(iv_err_is_user(IV_ERR_EXISTS));
	assert_true(iv_err_is_user(IV_ERR_TOOBIG));
	assert_false(iv_err_is_user(IV_ERR_IO));
	assert_false(iv_err_is_user(IV_ERR_DB));
	assert_true(iv_err_is_user(IV_ERR_DENIED));
	assert_false(iv_err_is_user(IV_ERR_INTERNAL));
	assert_false(iv_err_is_user(IV_ERR_BUSY));

	/* words for every code, each its own, where a failure left no message */
	for (int i = IV_OK; i <= IV_ERR_BUSY; i++) {
		const char *text = iv_err_text((enum iv_err)i);

		assert_true(strlen(text) > 3);
		assert_string_not_equal(text, iv_err_name((enum iv_err)i));
		for (int j = IV_OK; j < i; j++)
			assert_string_not_equal(text, iv_err_text((enum iv_err)j));
	}
	assert_string_equal(iv_err_text(IV_ERR_NOMEM), "out of memory");
	assert_string_equal(iv_err_text((enum iv_err)999), "an unknown error");
}

/* ---- allocation ----------------------------------------------------------- */

static void test_alloc_basic(void **state)
{
	char *p, *q;
	unsigned char *z;

	(void)state;
	iv_alloc_fail_after(0);
	p = iv_malloc(10);
	assert_non_null(p);
	q = iv_realloc(p, 1000);
	assert_non_null(q);
	iv_free(q);
	z = iv_calloc(64);
	assert_non_null(z);
	for (int i = 0; i < 64; i++)
		assert_int_equal(z[i], 0);
	iv_free(z);
	p = iv_malloc(0);
	assert_non_null(p);
	iv_free(p);
	iv_free(NULL);
	assert_int_equal(iv_alloc_count(), 4);

	p = iv_strdup("hello");
	assert_string_equal(p, "hello");
	iv_free(p);
	p = iv_strndup("hello", 3);
	assert_string_equal(p, "hel");
	iv_free(p);
	p = iv_strndup("hi", 10);
	assert_string_equal(p, "hi");
	iv_free(p);
}

static void test_alloc_fail_after(void **state)
{
	void *a, *b, *c;
	char *s;

	(void)state;
	iv_alloc_fail_after(2);
	assert_int_equal(iv_alloc_count(), 0);
	a = iv_malloc(8);
	assert_non_null(a);
	b = iv_malloc(8);
	assert_null(b);
	c = iv_calloc(8);
	assert_null(c);
	/* realloc failure leaves the old block alone */
	assert_null(iv_realloc(a, 100));
	s = iv_strdup("x");
	assert_null(s);
	assert_int_equal(iv_alloc_count(), 5);
	iv_free(a);

	iv_alloc_fail_after(1);
	assert_null(iv_malloc(1));
	iv_alloc_fail_after(0);
	a = iv_malloc(1);
	assert_non_null(a);
	iv_free(a);
	assert_int_equal(iv_alloc_count(), 1);
}

/* Only the nth call fails: the ones after it are served again. */
static void test_alloc_fail_once(void **state)
{
	void *a, *b;

	(void)state;
	iv_alloc_fail_once(2);
	a = iv_malloc(8);
	assert_non_null(a);
	assert_null(iv_realloc(a, 100));
	b = iv_calloc(8);
	assert_non_null(b);
	iv_free(b);
	b = iv_strdup("x");
	assert_non_null(b);
	iv_free(b);
	assert_int_equal(iv_alloc_count(), 4);
	iv_free(a);
	/* iv_alloc_fail_after goes back to failing every call from the nth */
	iv_alloc_fail_after(1);
	assert_null(iv_malloc(1));
	assert_null(iv_malloc(1));
	iv_alloc_fail_once(0);
	a = iv_malloc(1);
	assert_non_null(a);
	iv_free(a);
}

static void *alloc_thread(void *arg)
{
	(void)arg;
	for (int i = 0; i < 10000; i++)
		iv_free(iv_malloc(16));
	return NULL;
}

static void test_alloc_count_threads(void **state)
{
	pthread_t t[4];

	(void)state;
	iv_alloc_fail_after(0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_create(&t[i], NULL, alloc_thread, NULL), 0);
	for (int i = 0; i < 4; i++)
		assert_int_equal(pthread_join(t[i], NULL), 0);
	assert_int_equal(iv_alloc_count(), 40000);
}

static void test_strlcpy(void **state)
{
	char dst[8];

	(void)state;
	assert_int_equal(iv_strlcpy(dst, "abc", sizeof(dst)), 3);
	assert_string_equal(dst, "abc");
	assert_int_equal(iv_strlcpy(dst, "abcdefghijk", sizeof(dst)), 11);
	assert_string_equal(dst, "abcdefg");
	assert_int_equal(iv_strlcpy(dst, "abcdefg", sizeof(dst)), 7);
	assert_string_equal(dst, "abcdefg");
	memcpy(dst, "zzzz", 5);
	assert_int_equal(iv_strlcpy(dst, "abc", 0), 3);
	assert_string_equal(dst, "zzzz");
	assert_int_equal(iv_strlcpy(dst, "abc", 1), 3);
	assert_string_equal(dst, "");
}

/* ---- struct iv_buf -------------------------------------------------------- */

static void test_buf_invariants(void **state)
{
	struct iv_buf b = IV_BUF_INIT;
	struct iv_buf z;

	(void)state;
	assert_ptr_equal(b.buf, iv_buf_empty);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	iv_buf_reset(&b);
	iv_buf_truncate(&b, 0);
	iv_buf_release(&b);
	assert_ptr_equal(b.buf, iv_buf_empty);

	iv_buf_init(&b, 100);
	assert_ptr_equal(b.buf, iv_buf_empty);
	assert_int_equal(b.cap_limit, 100);
	assert_int_equal(iv_buf_adds(&b, "abc"), IV_OK);
	assert_ptr_not_equal(b.buf, iv_buf_empty);
	assert_int_equal(b.len, 3);
	assert_int_equal(b.buf[3], '\0');
	iv_buf_reset(&b);
	assert_int_equal(b.len, 0);
	assert_string_equal(b.buf, "");
	iv_buf_release(&b);
	assert_ptr_equal(b.buf, iv_buf_empty);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.cap_limit, 100);

	/* a zeroed struct behaves like an empty buffer */
	memset(&z, 0, sizeof(z));
	iv_buf_release(&z);
	assert_ptr_equal(z.buf, iv_buf_empty);
	memset(&z, 0, sizeof(z));
	assert_int_equal(iv_buf_addf(&z, "%d", 42), IV_OK);
	assert_string_equal(z.buf, "42");
	iv_buf_release(&z);
}

static void test_buf_add(void **state)
{
	struct iv_buf b = IV_BUF_INIT;
	size_t last_alloc = 0;

	(void)state;
	for (int i = 0; i < 1000; i++) {
		assert_int_equal(iv_buf_addch(&b, (char)('a' + i % 26)), IV_OK);
		assert_int_equal(b.buf[b.len], '\0');
		assert_true(b.len < b.alloc);
		/* growth doubles */
		if (b.alloc != last_alloc) {
			if (last_alloc)
				assert_int_equal(b.alloc, last_alloc * 2);
			last_alloc = b.alloc;
		}
	}
	assert_int_equal(b.len, 1000);
	assert_int_equal(b.buf[26], 'a');
	assert_int_equal(iv_buf_add(&b, NULL, 0), IV_OK);
	assert_int_equal(iv_buf_add(&b, "x\0y", 3), IV_OK);
	assert_int_equal(b.len, 1003);
	assert_memory_equal(b.buf + 1000, "x\0y", 4);
	iv_buf_truncate(&b, 5);
	assert_string_equal(b.buf, "abcde");
	iv_buf_truncate(&b, 10); /* past the end: nothing happens */
	assert_int_equal(b.len, 5);

	/* appending the buffer to itself survives the move on growth */
	for (int i = 0; i < 8; i++)
		assert_int_equal(iv_buf_add(&b, b.buf, b.len), IV_OK);
	assert_int_equal(b.len, 5 * 256);
	for (size_t i = 0; i < b.len; i++)
		assert_int_equal(b.buf[i], "abcde"[i % 5]);
	assert_int_equal(iv_buf_grow(&b, 100000), IV_OK);
	assert_true(b.alloc >= b.len + 100001);
	iv_buf_release(&b);
}

static void test_buf_cap(void **state)
{
	struct iv_buf b;

	(void)state;
	iv_buf_init(&b, 10);
	assert_int_equal(iv_buf_adds(&b, "0123456789"), IV_OK);
	assert_int_equal(b.len, 10);
	assert_true(b.alloc <= 11);

	assert_int_equal(iv_buf_adds(&b, "x"), IV_ERR_TOOBIG);
	assert_int_equal(iv_buf_addch(&b, 'x'), IV_ERR_TOOBIG);
	assert_int_equal(iv_buf_addf(&b, "%d", 7), IV_ERR_TOOBIG);
	assert_int_equal(iv_buf_grow(&b, 1), IV_ERR_TOOBIG);
	assert_int_equal(iv_buf_grow(&b, SIZE_MAX), IV_ERR_TOOBIG);
	assert_int_equal(b.len, 10);
	assert_string_equal(b.buf, "0123456789");
	assert_int_equal(iv_buf_grow(&b, 0), IV_OK);

	iv_buf_truncate(&b, 4);
	assert_int_equal(iv_buf_addf(&b, "%s", "abcdefg"), IV_ERR_TOOBIG);
	assert_string_equal(b.buf, "0123");
	assert_int_equal(iv_buf_addf(&b, "%s", "abcdef"), IV_OK);
	assert_string_equal(b.buf, "0123abcdef");
	iv_buf_release(&b);
	assert_int_equal(b.cap_limit, 10);

	/* the cap holds from an empty buffer too */
	assert_int_equal(iv_buf_add(&b, "0123456789A", 11), IV_ERR_TOOBIG);
	assert_ptr_equal(b.buf, iv_buf_empty);
	assert_int_equal(b.len, 0);
	iv_buf_release(&b);

	/* cap 0 means the default cap */
	iv_buf_init(&b, 0);
	assert_int_equal(iv_buf_grow(&b, IV_BUF_DEFAULT_CAP + 1), IV_ERR_TOOBIG);
	assert_int_equal(iv_buf_adds(&b, "fine"), IV_OK);
	iv_buf_release(&b);
}

static void test_buf_addf(void **state)
{
	struct iv_buf b = IV_BUF_INIT;
	char expect[512];

	(void)state;
	assert_int_equal(iv_buf_addf(&b, "%s=%d", "n", 5), IV_OK);
	assert_string_equal(b.buf, "n=5");
	assert_int_equal(iv_buf_addf(&b, "%s", ""), IV_OK);
	assert_string_equal(b.buf, "n=5");
	/* longer than the free room: forces the second vsnprintf after growth */
	memset(expect, 'q', 300);
	expect[300] = '\0';
	assert_int_equal(iv_buf_addf(&b, "[%s]", expect), IV_OK);
	assert_int_equal(b.len, 3 + 302);
	assert_int_equal(b.buf[3], '[');
	assert_int_equal(b.buf[304], ']');
	assert_int_equal(b.buf[305], '\0');
	for (int i = 0; i < 100; i++)
		assert_int_equal(iv_buf_addf(&b, "%03d", i), IV_OK);
	assert_int_equal(b.len, 305 + 300);
	assert_memory_equal(b.buf + 305, "000001002", 9);
	assert_string_equal(b.buf + b.len - 3, "099");
	iv_buf_release(&b);
}

static void test_buf_setf_seterr(void **state)
{
	struct iv_buf b = IV_BUF_INIT;
	char longmsg[200];

	(void)state;
	assert_int_equal(iv_buf_adds(&b, "old contents"), IV_OK);
	iv_buf_setf(&b, "bad %s at %d", "thing", 3);
	assert_string_equal(b.buf, "bad thing at 3");

	assert_int_equal(iv_seterr(NULL, IV_ERR_NOTFOUND, "no %s", "x"), IV_ERR_NOTFOUND);
	assert_int_equal(iv_seterr(&b, IV_ERR_INVALID, "line %d", 12), IV_ERR_INVALID);
	assert_string_equal(b.buf, "line 12");

	/* without memory the message is cut to the room already held */
	memset(longmsg, 'm', sizeof(longmsg) - 1);
	longmsg[sizeof(longmsg) - 1] = '\0';
	iv_alloc_fail_after(1);
	iv_buf_setf(&b, "%s", longmsg);
	iv_alloc_fail_after(0);
	assert_int_equal(b.len, b.alloc - 1);
	assert_int_equal(strlen(b.buf), b.len);
	assert_memory_equal(b.buf, longmsg, b.len);
	iv_buf_release(&b);

	/* and with nothing held, an empty message */
	iv_alloc_fail_after(1);
	iv_buf_setf(&b, "%s", "lost");
	iv_alloc_fail_after(0);
	assert_string_equal(b.buf, "");

	/* the cap bounds the truncated message too */
	iv_buf_init(&b, 8);
	assert_int_equal(iv_buf_adds(&b, "1"), IV_OK);
	iv_buf_setf(&b, "%s", "0123456789");
	assert_string_equal(b.buf, "01234567");
	iv_buf_release(&b);
}

static void test_buf_detach(void **state)
{
	struct iv_buf b;
	char *s;
	size_t len = 99;

	(void)state;
	iv_buf_init(&b, 50);
	s = iv_buf_detach(&b, &len);
	assert_non_null(s);
	assert_ptr_not_equal(s, iv_buf_empty);
	assert_string_equal(s, "");
	assert_int_equal(len, 0);
	iv_free(s);

	assert_int_equal(iv_buf_adds(&b, "payload"), IV_OK);
	s = iv_buf_detach(&b, &len);
	assert_string_equal(s, "payload");
	assert_int_equal(len, 7);
	assert_ptr_equal(b.buf, iv_buf_empty);
	assert_int_equal(b.len, 0);
	assert_int_equal(b.alloc, 0);
	assert_int_equal(b.cap_limit, 50);
	iv_free(s);

	assert_int_equal(iv_buf_adds(&b, "again"), IV_OK);
	s = iv_buf_detach(&b, NULL);
	assert_string_equal(s, "again");
	iv_free(s);

	iv_alloc_fail_after(1);
	s = iv_buf_detach(&b, &len);
	iv_alloc_fail_after(0);
	assert_null(s);
	assert_ptr_equal(b.buf, iv_buf_empty);
	iv_buf_release(&b);
}

static enum iv_err buf_sequence(void)
{
	struct iv_buf b = IV_BUF_INIT;
	enum iv_err rc;
	char *out = NULL;
	size_t len;

	rc = iv_buf_adds(&b, "header:");
	if (rc)
		goto out;
	for (int i = 0; i < 50; i++) {
		rc = iv_buf_addf(&b, " field%d=%s", i, "value");
		if (rc)
			goto out;
	}
	rc = iv_buf_addch(&b, '\n');
	if (rc)
		goto out;
	out = iv_buf_detach(&b, &len);
	if (!out) {
		rc = IV_ERR_NOMEM;
		goto out;
	}
	assert_int_equal(len, strlen(out));
	assert_memory_equal(out, "header: field0=value field1=value", 33);
	rc = iv_buf_adds(&b, out);
out:
	/* contents stay valid after any failure */
	assert_int_equal(b.buf[b.len], '\0');
	assert_int_equal(strlen(b.buf), b.len);
	iv_free(out);
	iv_buf_release(&b);
	return rc;
}

/* iv_buf_add_json_str writes what jansson's json_dumps writes for the same string. */
static void test_buf_add_json(void **state)
{
	static const char *const cases[] = {
	        "",
	        "plain",
	        "say \"hi\"",
	        "back\\slash",
	        "a/b",
	        "tab\tnew\nline\r",
	        "\b\f\x01\x1f\x7f",
	        "محمد الحسن",
	        "Nguyễn Văn Thành",
	        "ሃብታይ",
	        "€ and 𝄞",
	};
	struct iv_buf b = IV_BUF_INIT;

	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		json_t *j = json_string(cases[i]);
		char *want = json_dumps(j, JSON_ENCODE_ANY | JSON_COMPACT);

		assert_non_null(want);
		iv_buf_reset(&b);
		assert_int_equal(iv_buf_adds(&b, "x"), IV_OK);
		assert_int_equal(iv_buf_add_json_str(&b, cases[i]), IV_OK);
		assert_string_equal(b.buf + 1, want);
		assert_int_equal(b.len, strlen(want) + 1);
		free(want);
		json_decref(j);
	}
	/* not UTF-8: refused, the buffer as it was */
	iv_buf_reset(&b);
	assert_int_equal(iv_buf_adds(&b, "kept"), IV_OK);
	assert_int_equal(iv_buf_add_json_str(&b, "bad \xc3\x28 byte"), IV_ERR_INVALID);
	assert_int_equal(iv_buf_add_json_str(&b, "\xed\xa0\x80 surrogate"), IV_ERR_INVALID);
	assert_string_equal(b.buf, "kept");
	iv_buf_release(&b);
	/* past the cap: an error, never a write beyond it */
	iv_buf_init(&b, 8);
	assert_int_equal(iv_buf_add_json_str(&b, "1234567"), IV_ERR_TOOBIG);
	assert_true(b.len <= 8);
	assert_int_equal(iv_buf_add_json_str(&b, "12345"), IV_OK);
	assert_string_equal(b.buf, "\"12345\"");
	iv_buf_release(&b);
}

static void test_buf_alloc_failures(void **state)
{
	(void)state;
	run_with_failures(buf_sequence);
}

/* ---- struct iv_vec -------------------------------------------------------- */

static void test_vec(void **state)
{
	struct iv_vec v = IV_VEC_INIT;
	int items[1000];

	(void)state;
	iv_vec_release(&v);
	for (int i = 0; i < 1000; i++) {
		items[i] = i;
		assert_int_equal(iv_vec_push(&v, &items[i]), IV_OK);
	}
	assert_int_equal(v.len, 1000);
	assert_true(v.alloc >= 1000);
	for (int i = 0; i < 1000; i++)
		assert_ptr_equal(v.items[i], &items[i]);
	assert_int_equal(iv_vec_push(&v, NULL), IV_OK);
	assert_null(v.items[1000]);
	iv_vec_release(&v);
	assert_null(v.items);
	assert_int_equal(v.len, 0);
	assert_int_equal(v.alloc, 0);
}

static enum iv_err vec_sequence(void)
{
	struct iv_vec v = IV_VEC_INIT;
	enum iv_err rc = IV_OK;

	for (int i = 0; i < 40; i++) {
		char *s = iv_strdup("item");

		if (!s) {
			rc = IV_ERR_NOMEM;
			goto out;
		}
		rc = iv_vec_push(&v, s);
		if (rc) {
			iv_free(s);
			goto out;
		}
		assert_int_equal(v.len, (size_t)i + 1);
	}
out:
	iv_vec_release_all(&v);
	return rc;
}

static void test_vec_alloc_failures(void **state)
{
	(void)state;
	run_with_failures(vec_sequence);
}

/* An array of any element type grows by doubling, keeps its contents, refuses overflow. */
static void test_array_grow(void **state)
{
	struct pt {
		int x, y;
	} *a = NULL;
	size_t alloc = 0;

	(void)state;
	assert_int_equal(iv_array_grow(&a, &alloc, 1, sizeof(*a), 4), IV_OK);
	assert_int_equal(alloc, 4);
	for (int i = 0; i < 4; i++)
		a[i] = (struct pt){i, -i};
	assert_int_equal(iv_array_grow(&a, &alloc, 4, sizeof(*a), 4), IV_OK); /* enough: no-op */
	assert_int_equal(alloc, 4);
	assert_int_equal(iv_array_grow(&a, &alloc, 9, sizeof(*a), 4), IV_OK);
	assert_int_equal(alloc, 16);
	for (int i = 0; i < 4; i++)
		assert_true(a[i].x == i && a[i].y == -i);
	assert_int_equal(iv_array_grow(&a, &alloc, SIZE_MAX / 2, sizeof(*a), 4), IV_ERR_NOMEM);
	assert_int_equal(alloc, 16); /* left as it was */
	assert_true(a[3].x == 3);
	iv_free(a);
}

/* ---- struct iv_map -------------------------------------------------------- */

static void test_hash64(void **state)
{
	(void)state;
	/* reference values of 64-bit FNV-1a */
	assert_true(iv_hash64("", 0) == 0xcbf29ce484222325ULL);
	assert_true(iv_hash64("a", 1) == 0xaf63dc4c8601ec8cULL);
	assert_true(iv_hash64("foobar", 6) == 0x85944171f73967e8ULL);
}

static void test_map_basic(void **state)
{
	struct iv_map m = IV_MAP_INIT;
	int one = 1, two = 2, three = 3, four = 4;
	char key[8];
	const char *k;
	void *v;
	size_t pos = 0, seen = 0;

	(void)state;
	assert_null(iv_map_get(&m, "missing"));
	assert_false(iv_map_has(&m, "missing"));
	assert_false(iv_map_next(&m, &pos, &k, &v));
	iv_map_release(&m);

	iv_strlcpy(key, "alpha", sizeof(key));
	assert_int_equal(iv_map_put(&m, key, &one), IV_OK);
	key[0] = 'X'; /* the map keeps its own copy */
	assert_ptr_equal(iv_map_get(&m, "alpha"), &one);
	assert_null(iv_map_get(&m, "Xlpha"));
	assert_int_equal(iv_map_put(&m, "beta", &two), IV_OK);
	assert_int_equal(iv_map_put(&m, "", &three), IV_OK);
	assert_int_equal(iv_map_put(&m, "nothing", NULL), IV_OK);
	assert_int_equal(m.len, 4);
	assert_ptr_equal(iv_map_get(&m, ""), &three);
	assert_true(iv_map_has(&m, "nothing"));
	assert_null(iv_map_get(&m, "nothing"));

	/* putting again replaces the value */
	assert_int_equal(iv_map_put(&m, "beta", &four), IV_OK);
	assert_int_equal(m.len, 4);
	assert_ptr_equal(iv_map_get(&m, "beta"), &four);

	/* explicit lengths: prefixes and embedded NULs are distinct keys */
	assert_int_equal(iv_map_putn(&m, "alphabet", 5, &two), IV_OK);
	assert_ptr_equal(iv_map_get(&m, "alpha"), &two);
	assert_int_equal(iv_map_putn(&m, "a\0b", 3, &one), IV_OK);
	assert_ptr_equal(iv_map_getn(&m, "a\0b", 3), &one);
	assert_null(iv_map_get(&m, "a"));
	assert_ptr_equal(iv_map_getn(&m, "betamax", 4), &four);

	while (iv_map_next(&m, &pos, &k, &v)) {
		assert_non_null(k);
		seen++;
	}
	assert_int_equal(seen, m.len);
	assert_int_equal(seen, 5);
	assert_false(iv_map_next(&m, &pos, &k, &v));
	iv_map_release(&m);
	assert_int_equal(m.len, 0);
	assert_int_equal(m.cap, 0);
}

static void test_map_100k(void **state)
{
	struct iv_map m = IV_MAP_INIT;
	char key[32];
	const char *k;
	void *v;
	size_t pos = 0, seen = 0;
	const int n = 100000;
	unsigned char *hit = calloc((size_t)n, 1);

	(void)state;
	assert_non_null(hit);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "entity-%d", i);
		assert_int_equal(iv_map_put(&m, key, (void *)(uintptr_t)(i + 1)), IV_OK);
		assert_true(m.len * 10 <= m.cap * 7);
	}
	assert_int_equal(m.len, n);
	assert_int_equal(m.cap & (m.cap - 1), 0);
	for (int i = 0; i < n; i++) {
		snprintf(key, sizeof(key), "entity-%d", i);
		assert_true((uintptr_t)iv_map_get(&m, key) == (uintptr_t)(i + 1));
	}
	for (int i = n; i < n + 1000; i++) {
		snprintf(key, sizeof(key), "entity-%d", i);
		assert_false(iv_map_has(&m, key));
	}
	while (iv_map_next(&m, &pos, &k, &v)) {
		uintptr_t i = (uintptr_t)v - 1;

		assert_true(i < (uintptr_t)n);
		assert_int_equal(hit[i], 0);
		hit[i] = 1;
		snprintf(key, sizeof(key), "entity-%d", (int)i);
		assert_string_equal(k, key);
		seen++;
	}
	assert_int_equal(seen, n);
	free(hit);
	iv_map_release(&m);
}

static void test_map_collisions(void **state)
{
	struct iv_map m = IV_MAP_INIT;
	char keys[300][16];
	int found = 0;

	(void)state;
	/* keys whose hashes agree in the low 12 bits all start probing at the
	 * last slot of the table (so every probe wraps round to slot 0) while
	 * the table has at most 4096 slots */
	for (unsigned i = 0; found < 300; i++) {
		char key[16];

		snprintf(key, sizeof(key), "k%u", i);
		if ((iv_hash64(key, strlen(key)) & 0xfff) == 0xfff)
			memcpy(keys[found++], key, sizeof(key));
	}
	for (int i = 0; i < 300; i++)
		assert_int_equal(iv_map_put(&m, keys[i], keys[i]), IV_OK);
	assert_int_equal(m.len, 300);
	for (int i = 0; i < 300; i++)
		assert_ptr_equal(iv_map_get(&m, keys[i]), keys[i]);
	assert_true(m.cap <= 4096);
	assert_false(iv_map_has(&m, "k-not-there"));
	for (int i = 0; i < 300; i++)
		assert_int_equal(iv_map_put(&m, keys[i], NULL), IV_OK);
	assert_int_equal(m.len, 300);
	assert_null(iv_map_get(&m, keys[299]));
	iv_map_release(&m);
}

static enum iv_err map_sequence(void)
{
	struct iv_map m = IV_MAP_INIT;
	enum iv_err rc = IV_OK;
	char key[32];

	for (int i = 0; i < 60; i++) {
		char *value;

		snprintf(key, sizeof(key), "key%d", i);
		value = iv_strdup(key);
		if (!value) {
			rc = IV_ERR_NOMEM;
			goto out;
		}
		rc = iv_map_put(&m, key, value);
		if (rc) {
			iv_free(value);
			goto out;
		}
	}
out:
	/* a failed put leaves every earlier entry in place */
	for (size_t i = 0; i < m.len; i++) {
		snprintf(key, sizeof(key), "key%zu", i);
		assert_string_equal(iv_map_get(&m, key), key);
	}
	iv_map_release_all(&m);
	return rc;
}

static void test_map_alloc_failures(void **state)
{
	(void)state;
	run_with_failures(map_sequence);
}

/* ---- struct iv_arena ------------------------------------------------------ */

static void test_arena(void **state)
{
	struct iv_arena a = IV_ARENA_INIT;
	unsigned char *prev = NULL;
	char *s, *big;

	(void)state;
	iv_arena_release(&a);
	for (size_t i = 0; i < 20000; i++) {
		size_t n = i % 37;
		unsigned char *p = iv_arena_alloc(&a, n);

		assert_non_null(p);
		assert_int_equal((uintptr_t)p % 16, 0);
		memset(p, (int)(i & 0xff), n);
		if (prev)
			assert_ptr_not_equal(p, prev);
		prev = p;
	}
	big = iv_arena_alloc(&a, 1 << 20);
	assert_non_null(big);
	assert_int_equal((uintptr_t)big % 16, 0);
	memset(big, 'b', 1 << 20);
	/* small requests keep using the current block after an oversized one */
	s = iv_arena_strdup(&a, "after big");
	assert_string_equal(s, "after big");
	assert_true((unsigned char *)s > prev && (unsigned char *)s < prev + 64 * 1024);
	s = iv_arena_strndup(&a, "truncated", 5);
	assert_string_equal(s, "trunc");
	s = iv_arena_strndup(&a, "ab", 10);
	assert_string_equal(s, "ab");
	assert_int_equal(big[(1 << 20) - 1], 'b');
	iv_arena_release(&a);
	assert_null(a.head);

	/* a chosen block size above the minimum is honoured */
	a.block_size = 256 * 1024;
	for (int i = 0; i < 10; i++)
		assert_non_null(iv_arena_alloc(&a, 60 * 1024));
	iv_arena_release(&a);
	assert_int_equal(a.block_size, 256 * 1024);
	assert_null(iv_arena_alloc(&a, SIZE_MAX));
	assert_null(iv_arena_alloc(&a, SIZE_MAX - 8));
	iv_arena_release(&a);
}

static enum iv_err arena_sequence(void)
{
	struct iv_arena a = IV_ARENA_INIT;
	enum iv_err rc = IV_OK;

	for (int i = 0; i < 3000; i++) {
		size_t n = i % 500 == 0 ? 100000 : 100;
		char *p = iv_arena_alloc(&a, n);

		if (!p) {
			rc = IV_ERR_NOMEM;
			goto out;
		}
		memset(p, 0, n);
	}
	if (!iv_arena_strdup(&a, "end"))
		rc = IV_ERR_NOMEM;
out:
	iv_arena_release(&a);
	return rc;
}

static void test_arena_alloc_failures(void **state)
{
	(void)state;
	run_with_failures(arena_sequence);
}

/* ---- content hashing ------------------------------------------------------ */

static void hash_fields(unsigned char out[IV_HASH_BYTES], const char *a, const char *b)
{
	struct iv_hasher h;

	iv_hasher_init(&h);
	iv_hasher_field(&h, a);
	iv_hasher_field(&h, b);
	iv_hasher_final(&h, out);
}

static void test_hash_fields(void **state)
{
	unsigned char d1[IV_HASH_BYTES], d2[IV_HASH_BYTES];

	(void)state;
	assert_int_equal(iv_crypto_init(), IV_OK);
	assert_int_equal(iv_crypto_init(), IV_OK);

	hash_fields(d1, "ab", "c");
	hash_fields(d2, "a", "bc");
	assert_memory_not_equal(d1, d2, IV_HASH_BYTES);
	hash_fields(d2, "ab", "c");
	assert_memory_equal(d1, d2, IV_HASH_BYTES);
	hash_fields(d1, "abc", "");
	hash_fields(d2, "", "abc");
	assert_memory_not_equal(d1, d2, IV_HASH_BYTES);
	/* a missing field is not an empty one */
	hash_fields(d1, "x", NULL);
	hash_fields(d2, "x", "");
	assert_memory_not_equal(d1, d2, IV_HASH_BYTES);
}

static void test_hash_known_digest(void **state)
{
	static const char *const fields[] = {"invigor", "", "statement"};
	unsigned char expect[IV_HASH_BYTES], got[IV_HASH_BYTES];
	unsigned char msg[64];
	char hex[IV_HASH_HEX];
	struct iv_hasher h;
	size_t n = 0;
	char *odd;

	(void)state;
	/* the same bytes fed to libsodium in one call */
	for (int i = 0; i < 3; i++) {
		size_t len = strlen(fields[i]);

		for (int k = 0; k < 8; k++)
			msg[n++] = (unsigned char)((uint64_t)len >> (8 * k));
		memcpy(msg + n, fields[i], len);
		n += len;
	}
	assert_int_equal(crypto_generichash(expect, sizeof(expect), msg, n, NULL, 0), 0);

	iv_hasher_init(&h);
	for (int i = 0; i < 3; i++)
		iv_hasher_field(&h, fields[i]);
	iv_hasher_final(&h, got);
	assert_memory_equal(got, expect, IV_HASH_BYTES);
	/* content ids must never change: pin the digest itself */
	iv_hash_hex(got, hex);
	assert_string_equal(hex, "58a066438a7205114a7844281bceded1");

	/* fieldn is field with an explicit length */
	iv_hasher_init(&h);
	iv_hasher_fieldn(&h, "invigor!", 7);
	iv_hasher_fieldn(&h, NULL, 0);
	iv_hasher_fieldn(&h, "statement", 9);
	iv_hasher_final(&h, got);
	assert_memory_equal(got, expect, IV_HASH_BYTES);

	/* the hasher works at any address and survives being copied */
	odd = malloc(sizeof(struct iv_hasher) + 1);
	assert_non_null(odd);
	{
		struct iv_hasher *mis = (struct iv_hasher *)(void *)(odd + 1);
		struct iv_hasher copy;

		iv_hasher_init(mis);
		iv_hasher_field(mis, "invigor");
		memcpy(&copy, mis, sizeof(copy));
		iv_hasher_field(mis, "");
		iv_hasher_field(mis, "statement");
		iv_hasher_final(mis, got);
		assert_memory_equal(got, expect, IV_HASH_BYTES);
		iv_hasher_field(&copy, "");
		iv_hasher_field(&copy, "statement");
		iv_hasher_final(&copy, got);
		assert_memory_equal(got, expect, IV_HASH_BYTES);
	}
	free(odd);

	/* BLAKE2b-128 of nothing at all */
	iv_hasher_init(&h);
	iv_hasher_final(&h, got);
	iv_hash_hex(got, hex);
	assert_string_equal(hex, "cae66941d9efbd404e4d88758ea67670");
}

static void test_hash_key(void **state)
{
	unsigned char d[IV_HASH_BYTES] = {0};

	(void)state;
	d[0] = 0x01;
	d[1] = 0x02;
	assert_true(iv_hash_key(d) == 0x0201);
	memset(d, 0xff, sizeof(d));
	assert_true(iv_hash_key(d) == INT64_MAX);
	d[7] = 0x80;
	memset(d, 0, 7);
	assert_true(iv_hash_key(d) == 0);
	d[7] = 0x7f;
	d[8] = 0xaa; /* bytes past the eighth do not count */
	assert_true(iv_hash_key(d) == (int64_t)0x7f00000000000000LL);
	for (int i = 0; i < 1000; i++) {
		unsigned char digest[IV_HASH_BYTES];
		char s[16];

		snprintf(s, sizeof(s), "%d", i);
		hash_fields(digest, s, s);
		assert_true(iv_hash_key(digest) >= 0);
	}
}

static void test_hash_hex(void **state)
{
	unsigned char d[IV_HASH_BYTES];
	char hex[IV_HASH_HEX];

	(void)state;
	for (int i = 0; i < IV_HASH_BYTES; i++)
		d[i] = (unsigned char)(i * 17);
	memset(hex, 'X', sizeof(hex));
	iv_hash_hex(d, hex);
	assert_string_equal(hex, "00112233445566778899aabbccddeeff");
}

/* ---- UTF-8 ---------------------------------------------------------------- */

static void assert_utf8_bad(const char *s, size_t n, size_t offset)
{
	size_t bad = 12345;

	assert_false(iv_utf8_valid(s, n, &bad));
	assert_int_equal(bad, offset);
}

static void test_utf8(void **state)
{
	size_t bad = 777;

	(void)state;
	assert_true(iv_utf8_valid("", 0, &bad));
	assert_true(iv_utf8_valid("plain ascii", 11, &bad));
	assert_int_equal(bad, 777); /* untouched when valid */
	assert_true(iv_utf8_valid("a\0b", 3, NULL));
	assert_true(iv_utf8_valid("\xc2\x80", 2, NULL));         /* U+0080 */
	assert_true(iv_utf8_valid("\xdf\xbf", 2, NULL));         /* U+07FF */
	assert_true(iv_utf8_valid("\xe0\xa0\x80", 3, NULL));     /* U+0800 */
	assert_true(iv_utf8_valid("\xed\x9f\xbf", 3, NULL));     /* U+D7FF */
	assert_true(iv_utf8_valid("\xee\x80\x80", 3, NULL));     /* U+E000 */
	assert_true(iv_utf8_valid("\xef\xbf\xbf", 3, NULL));     /* U+FFFF */
	assert_true(iv_utf8_valid("\xf0\x90\x80\x80", 4, NULL)); /* U+10000 */
	assert_true(iv_utf8_valid("\xf4\x8f\xbf\xbf", 4, NULL)); /* U+10FFFF */
	assert_true(iv_utf8_valid("Za\xc5\xbc\xc3\xb3\xc5\x82\xc4\x87 \xe6\x97\xa5", 14, NULL));

	/* overlong forms */
	assert_utf8_bad("\xc0\x80", 2, 0);
	assert_utf8_bad("ab\xc1\xbf", 4, 2);
	assert_utf8_bad("\xe0\x80\x80", 3, 0);
	assert_utf8_bad("\xe0\x9f\xbf", 3, 0);
	assert_utf8_bad("\xf0\x80\x80\x80", 4, 0);
	assert_utf8_bad("\xf0\x8f\xbf\xbf", 4, 0);
	/* surrogates */
	assert_utf8_bad("\xed\xa0\x80", 3, 0);
	assert_utf8_bad("x\xed\xbf\xbf", 4, 1);
	/* above U+10FFFF */
	assert_utf8_bad("\xf4\x90\x80\x80", 4, 0);
	assert_utf8_bad("\xf5\x80\x80\x80", 4, 0);
	assert_utf8_bad("\xff", 1, 0);
	/* truncated sequences */
	assert_utf8_bad("abc\xe2\x82", 5, 3);
	assert_utf8_bad("\xc3", 1, 0);
	assert_utf8_bad("\xf0\x9f\x98", 3, 0);
	/* a valid sequence cut by n even though more bytes follow in memory */
	assert_utf8_bad("\xc3\xa9", 1, 0);
	/* stray or missing continuation bytes */
	assert_utf8_bad("\x80", 1, 0);
	assert_utf8_bad("ok\xc3\xa9\xbf", 5, 4);
	assert_utf8_bad("\xe2\x28\xa1", 3, 0);
	assert_utf8_bad("\xf0\x9f\x98\x28", 4, 0);
	assert_false(iv_utf8_valid("\xc0\x80", 2, NULL));

	/* cleaning: each byte that is not UTF-8 becomes U+FFFD, the rest is kept */
	struct iv_buf clean = IV_BUF_INIT;
	assert_int_equal(iv_utf8_clean(&clean, "ok \xff\xc3\xa9 \xe2\x82", 9), IV_OK);
	assert_string_equal(clean.buf, "ok \xef\xbf\xbd\xc3\xa9 \xef\xbf\xbd\xef\xbf\xbd");
	assert_true(iv_utf8_valid(clean.buf, clean.len, NULL));
	iv_buf_reset(&clean);
	assert_int_equal(iv_utf8_clean(&clean, "", 0), IV_OK);
	assert_int_equal(clean.len, 0);
	iv_buf_release(&clean);
}

/* ---- dates ---------------------------------------------------------------- */

static struct iv_date parse_ok(const char *s)
{
	struct iv_date d;

	memset(&d, 0xee, sizeof(d));
	if (iv_date_parse(s, &d) != IV_OK)
		fail_msg("rejected a good date: \"%s\"", s);
	return d;
}

static void parse_bad(const char *s)
{
	struct iv_date d = {1, 2, 3, 4, 5, 6, IV_DATE_DAY};

	if (iv_date_parse(s, &d) != IV_ERR_INVALID)
		fail_msg("accepted a bad date: \"%s\"", s);
	/* untouched on failure */
	assert_int_equal(d.year, 1);
	assert_int_equal(d.prec, IV_DATE_DAY);
}

static void test_date_parse(void **state)
{
	struct iv_date d;

	(void)state;
	d = parse_ok("1974");
	assert_int_equal(d.prec, IV_DATE_YEAR);
	assert_int_equal(d.year, 1974);
	assert_int_equal(d.month, 0);
	assert_int_equal(d.day, 0);
	assert_int_equal(d.hour, 0);
	d = parse_ok("1974-08");
	assert_int_equal(d.prec, IV_DATE_MONTH);
	assert_int_equal(d.month, 8);
	assert_int_equal(d.day, 0);
	d = parse_ok("1974-08-12");
	assert_int_equal(d.prec, IV_DATE_DAY);
	assert_int_equal(d.day, 12);
	d = parse_ok("1974-08-12T10:30");
	assert_int_equal(d.prec, IV_DATE_MINUTE);
	assert_int_equal(d.hour, 10);
	assert_int_equal(d.minute, 30);
	assert_int_equal(d.second, 0);
	d = parse_ok("1974-08-12T10:30:05");
	assert_int_equal(d.prec, IV_DATE_SECOND);
	assert_int_equal(d.second, 5);
	d = parse_ok("1974-08-12 23:59:59Z");
	assert_int_equal(d.prec, IV_DATE_SECOND);
	assert_int_equal(d.hour, 23);
	d = parse_ok("1974-08-12T00:00Z");
	assert_int_equal(d.prec, IV_DATE_MINUTE);

	d = parse_ok("2000-02-29");
	assert_int_equal(d.day, 29);
	parse_ok("2024-02-29");
	parse_ok("0001-01-01");
	parse_ok("9999-12-31T23:59:59");
	parse_ok("1989-01-31");
	parse_ok("1989-04-30");

	parse_bad("");
	parse_bad("0000");
	parse_bad("0000-01-01");
	parse_bad("10000");
	parse_bad("197");
	parse_bad("74");
	parse_bad("-1974");
	parse_bad("+1974");
	parse_bad("1974-");
	parse_bad("1974-8");
	parse_bad("1974-00");
	parse_bad("1974-13");
	parse_bad("1974-08-");
	parse_bad("1974-08-1");
	parse_bad("1974-08-00");
	parse_bad("1974-08-32");
	parse_bad("1989-02-31");
	parse_bad("1989-04-31");
	parse_bad("1900-02-29");
	parse_bad("2023-02-29");
	parse_bad("1974-08-12T");
	parse_bad("1974-08-12T10");
	parse_bad("1974-08-12T10:3");
	parse_bad("1974-08-12T24:00");
	parse_bad("1974-08-12T25:00");
	parse_bad("1974-08-12T10:60");
	parse_bad("1974-08-12T10:30:60");
	parse_bad("1974-08-12T10:30:5");
	parse_bad("1974-08-12T10:30:05.5");
	parse_bad("1974-08-12T10:30:05+01:00");
	parse_bad("1974-08-12T10:30:05ZZ");
	parse_bad("1974-08-12X10:30");
	parse_bad("1974-08-12Z");
	parse_bad("1974Z");
	parse_bad("1974-08-12 ");
	parse_bad(" 1974");
	parse_bad("19a4");
	parse_bad("1974/08/12");
	parse_bad("19740812");
}

/* A date's first and last second: partial dates cover their whole year, month or day. */
static void test_date_seconds(void **state)
{
	static const struct {
		const char *date;
		int64_t start, end;
	} cases[] = {
	        {"1970", 0, 31535999},
	        {"2024-02", 1706745600, 1709251199}, /* a leap February */
	        {"2024-03-31", 1711843200, 1711929599},
	        {"2024-01-18T14:04", 1705586640, 1705586699},
	        {"2024-01-18T14:04:05Z", 1705586645, 1705586645},
	};
	(void)state;
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		struct iv_date d;

		assert_int_equal(iv_date_parse(cases[i].date, &d), IV_OK);
		assert_int_equal(iv_date_seconds(&d, false), cases[i].start);
		assert_int_equal(iv_date_seconds(&d, true), cases[i].end);
	}
}

static void test_date_format(void **state)
{
	static const char *const round[] = {"1974", "1974-08", "1974-08-12", "0001-01-01T00:00",
	                                    "2000-02-29T23:59:59"};
	struct iv_date d;
	char out[20];

	(void)state;
	for (size_t i = 0; i < sizeof(round) / sizeof(round[0]); i++) {
		d = parse_ok(round[i]);
		iv_date_format(&d, out, sizeof(out));
		assert_string_equal(out, round[i]);
	}
	d = parse_ok("1974-08-12 10:30Z");
	iv_date_format(&d, out, sizeof(out));
	assert_string_equal(out, "1974-08-12T10:30");

	memset(&d, 0, sizeof(d));
	iv_date_format(&d, out, sizeof(out));
	assert_string_equal(out, "");

	d = parse_ok("1974-08-12");
	iv_date_format(&d, out, 5);
	assert_string_equal(out, "1974");

	assert_int_equal(iv_days_in_month(2023, 1), 31);
	assert_int_equal(iv_days_in_month(2023, 2), 28);
	assert_int_equal(iv_days_in_month(2024, 2), 29);
	assert_int_equal(iv_days_in_month(1900, 2), 28);
	assert_int_equal(iv_days_in_month(2000, 2), 29);
	assert_int_equal(iv_days_in_month(2023, 4), 30);
	assert_int_equal(iv_days_in_month(2023, 12), 31);
	assert_int_equal(iv_days_in_month(2023, 0), 0);
	assert_int_equal(iv_days_in_month(2023, 13), 0);
}

static int cmp_str(const char *a, const char *b)
{
	struct iv_date da = parse_ok(a), db = parse_ok(b);
	int c = iv_date_cmp(&da, &db);

	/* antisymmetric whatever the inputs */
	assert_int_equal(iv_date_cmp(&db, &da), -c);
	return c;
}

static void test_date_cmp(void **state)
{
	struct iv_date none = {0}, d;

	(void)state;
	assert_int_equal(cmp_str("1974", "1974-08-12"), 0);
	assert_int_equal(cmp_str("1974-08", "1974-08-12T10:30:05"), 0);
	assert_int_equal(cmp_str("1974-08-12", "1974-08-12T10:30"), 0);
	assert_int_equal(cmp_str("1974-08-12T10:30", "1974-08-12T10:30:59"), 0);
	assert_int_equal(cmp_str("1974-08-12 10:30:05", "1974-08-12T10:30:05Z"), 0);
	assert_true(cmp_str("1973", "1974-01-01") < 0);
	assert_true(cmp_str("1974-07", "1974-08-01") < 0);
	assert_true(cmp_str("1974-08-11", "1974-08-12") < 0);
	assert_true(cmp_str("1974-08-12T09:59", "1974-08-12T10:00") < 0);
	assert_true(cmp_str("1974-08-12T10:00:01", "1974-08-12T10:00:02") < 0);
	assert_true(cmp_str("1975", "1974-12-31") > 0);
	assert_true(cmp_str("1974-12", "1974-02") > 0);

	/* a date known to no precision matches any date */
	d = parse_ok("1974-08-12");
	assert_int_equal(iv_date_cmp(&none, &d), 0);
	assert_int_equal(iv_date_cmp(&d, &none), 0);
}

static void test_time(void **state)
{
	char out[32];

	(void)state;
	iv_time_format(0, out, sizeof(out));
	assert_string_equal(out, "1970-01-01T00:00:00Z");
	iv_time_format(951782400, out, sizeof(out)); /* 2000-02-29 */
	assert_string_equal(out, "2000-02-29T00:00:00Z");
	iv_time_format(1700000000, out, 21);
	assert_string_equal(out, "2023-11-14T22:13:20Z");
	iv_time_format(1700000000, out, 11);
	assert_string_equal(out, "2023-11-14");
	assert_true(iv_now() > 1700000000);
}

/* ---- restart with huge-page malloc ---------------------------------------------- */

/*
 * In a child: set the environment, call iv_prefer_huge_pages with /bin/sh writing
 * $GLIBC_TUNABLES to a file; exit 3 when it returned instead.  The file's text, or
 * "returned".
 */
static void restart_sees(const char *exe, const char *tunables, const char *huge, char *out,
                         size_t n)
{
	char path[256], script[512];
	const char *tmp = getenv("IV_TEST_TMP");
	pid_t pid;
	int status = 0;
	FILE *f;

	snprintf(path, sizeof(path), "%s/huge-%d.txt", tmp ? tmp : "/tmp", (int)getpid());
	snprintf(script, sizeof(script),
	         "printf '%%s|%%s' \"$GLIBC_TUNABLES\" \"$INVIGOR_HUGE_PAGES\" > '%s'", path);
	unlink(path);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		char *argv[] = {(char *)"sh", (char *)"-c", script, NULL};

		if (tunables)
			setenv("GLIBC_TUNABLES", tunables, 1);
		else
			unsetenv("GLIBC_TUNABLES");
		if (huge)
			setenv("INVIGOR_HUGE_PAGES", huge, 1);
		else
			unsetenv("INVIGOR_HUGE_PAGES");
		iv_prefer_huge_pages(exe, argv);
		/* it returned: the environment must be as it was */
		if ((tunables ? !getenv("GLIBC_TUNABLES") ||
		                        strcmp(getenv("GLIBC_TUNABLES"), tunables) != 0
		              : getenv("GLIBC_TUNABLES") != NULL) ||
		    (huge ? !getenv("INVIGOR_HUGE_PAGES") ||
		                     strcmp(getenv("INVIGOR_HUGE_PAGES"), huge) != 0
		          : getenv("INVIGOR_HUGE_PAGES") != NULL))
			_exit(4);
		_exit(3);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	if (WEXITSTATUS(status) == 3) {
		snprintf(out, n, "returned");
		return;
	}
	assert_int_equal(WEXITSTATUS(status), 0);
	f = fopen(path, "r");
	assert_non_null(f);
	out[0] = '\0';
	if (!fgets(out, (int)n, f))
		out[0] = '\0';
	fclose(f);
	unlink(path);
}

static void test_prefer_huge_pages(void **state)
{
	static char big[1100]; /* tunables too long to extend */
	const struct {
		const char *exe, *tunables, *huge, *seen;
	} cases[] = {
	        /* the restarted program sees the tunable, and the marker that stops a second
	         * restart; other tunables are kept */
	        {"/bin/sh", NULL, NULL, "glibc.malloc.hugetlb=1|0"},
	        {"/bin/sh", "glibc.malloc.arena_max=2", NULL,
	         "glibc.malloc.arena_max=2:glibc.malloc.hugetlb=1|0"},
	        {"/bin/sh", NULL, "1", "glibc.malloc.hugetlb=1|0"},
	        /* set already (the user's own choice), switched off (also the restarted
	         * program), or too long: no restart, nothing changed */
	        {"/bin/sh", "glibc.malloc.hugetlb=0", NULL, "returned"},
	        {"/bin/sh", "glibc.malloc.hugetlb=1", NULL, "returned"},
	        {"/bin/sh", NULL, "0", "returned"},
	        {"/bin/sh", big, NULL, "returned"},
	        /* the exec fails: carry on, the environment restored */
	        {"/nonexistent/invigor", "glibc.malloc.arena_max=2", NULL, "returned"},
	        {"/nonexistent/invigor", NULL, "1", "returned"},
	};
	char seen[256];

	(void)state;
	memset(big, 'x', sizeof(big) - 1);
	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		restart_sees(cases[i].exe, cases[i].tunables, cases[i].huge, seen, sizeof(seen));
		if (strcmp(seen, cases[i].seen) != 0)
			fail_msg("case %zu: saw '%s', want '%s'", i, seen, cases[i].seen);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	        cmocka_unit_test(test_err_names),
	        cmocka_unit_test(test_alloc_basic),
	        cmocka_unit_test(test_alloc_fail_after),
	        cmocka_unit_test(test_alloc_fail_once),
	        cmocka_unit_test(test_alloc_count_threads),
	        cmocka_unit_test(test_strlcpy),
	        cmocka_unit_test(test_buf_invariants),
	        cmocka_unit_test(test_buf_add),
	        cmocka_unit_test(test_buf_cap),
	        cmocka_unit_test(test_buf_addf),
	        cmocka_unit_test(test_buf_setf_seterr),
	        cmocka_unit_test(test_buf_detach),
	        cmocka_unit_test(test_buf_add_json),
	        cmocka_unit_test(test_buf_alloc_failures),
	        cmocka_unit_test(test_vec),
	        cmocka_unit_test(test_vec_alloc_failures),
	        cmocka_unit_test(test_array_grow),
	        cmocka_unit_test(test_hash64),
	        cmocka_unit_test(test_map_basic),
	        cmocka_unit_test(test_map_100k),
	        cmocka_unit_test(test_map_collisions),
	        cmocka_unit_test(test_map_alloc_failures),
	        cmocka_unit_test(test_arena),
	        cmocka_unit_test(test_arena_alloc_failures),
	        cmocka_unit_test(test_hash_fields),
	        cmocka_unit_test(test_hash_known_digest),
	        cmocka_unit_test(test_hash_key),
	        cmocka_unit_test(test_hash_hex),
	        cmocka_unit_test(test_utf8),
	        cmocka_unit_test(test_date_parse),
	        cmocka_unit_test(test_date_seconds),
	        cmocka_unit_test(test_date_format),
	        cmocka_unit_test(test_date_cmp),
	        cmocka_unit_test(test_time),
	        cmocka_unit_test(test_prefer_huge_pages),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
