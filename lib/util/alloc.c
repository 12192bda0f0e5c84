/*
 * alloc.c - the one allocation path of libinvigor, with a failure hook.
 *
 * Every allocation goes through iv_malloc/iv_calloc/iv_realloc so that a
 * test can make the Nth one and every one after it fail (iv_alloc_fail_after),
 * or the Nth alone (iv_alloc_fail_once, memory short for a moment), and
 * check that the caller unwinds cleanly.  The hook costs one relaxed atomic increment and
 * one branch per call.  The counter counts calls, including ones that the
 * hook made fail.  A request for 0 bytes is served as 1 byte so that NULL
 * always means failure.
 *
 * iv_prefer_huge_pages restarts a long batch run with glibc's huge-page
 * malloc (docs/benchmarks.md: resolving a million mentions faults 2 MiB at
 * a time instead of 4 KiB, about a tenth faster on this machine).
 */
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <unistd.h>

#include "iv/util.h"

static _Atomic unsigned long alloc_calls;   /* calls since the last iv_alloc_fail_after() */
static _Atomic unsigned long alloc_fail_at; /* 0 = never fail */
static _Atomic bool alloc_fail_once;        /* fail the call alloc_fail_at only */

/* Count this call and say whether the hook makes it fail. */
static inline bool alloc_should_fail(void)
{
	unsigned long call = atomic_fetch_add_explicit(&alloc_calls, 1, memory_order_relaxed) + 1;
	unsigned long fail_at = atomic_load_explicit(&alloc_fail_at, memory_order_relaxed);

	if (fail_at == 0)
		return false;
	if (atomic_load_explicit(&alloc_fail_once, memory_order_relaxed))
		return call == fail_at;
	return call >= fail_at;
}

static void alloc_fail_set(unsigned long n, bool once)
{
	atomic_store_explicit(&alloc_fail_at, 0, memory_order_relaxed);
	atomic_store_explicit(&alloc_calls, 0, memory_order_relaxed);
	atomic_store_explicit(&alloc_fail_once, once, memory_order_relaxed);
	atomic_store_explicit(&alloc_fail_at, n, memory_order_relaxed);
}

void iv_alloc_fail_after(unsigned long n)
{
	alloc_fail_set(n, false);
}

void iv_alloc_fail_once(unsigned long n)
{
	alloc_fail_set(n, true);
}

unsigned long iv_alloc_count(void)
{
	return atomic_load_explicit(&alloc_calls, memory_order_relaxed);
}

void *iv_malloc(size_t n)
{
	if (alloc_should_fail())
		return NULL;
	return malloc(n ? n : 1);
}

void *iv_calloc(size_t n)
{
	if (alloc_should_fail())
		return NULL;
	return calloc(1, n ? n : 1);
}

void *iv_realloc(void *p, size_t n)
{
	if (alloc_should_fail())
		return NULL;
	return realloc(p, n ? n : 1);
}

void iv_free(void *p)
{
	free(p);
}

char *iv_strndup(const char *s, size_t n)
{
	size_t len = strnlen(s, n);
	char *copy = iv_malloc(len + 1);

	if (!copy)
		return NULL;
	memcpy(copy, s, len);
	copy[len] = '\0';
	return copy;
}

char *iv_strdup(const char *s)
{
	return iv_strndup(s, SIZE_MAX);
}

size_t iv_strlcpy(char *dst, const char *src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}

void iv_prefer_huge_pages(const char *exe, char **argv)
{
	static const char tunable[] = "glibc.malloc.hugetlb=1";
	const char *env = getenv("GLIBC_TUNABLES"), *want = getenv("INVIGOR_HUGE_PAGES");
	char was[1024], value[1024];
	int n;

	/* off, restarted already (the marker below), set by the user, or a secure-mode
	 * process (glibc drops the tunables there: restarting would never end) */
	if ((want && strcmp(want, "0") == 0) || (env && strstr(env, "glibc.malloc.hugetlb")) ||
	    getauxval(AT_SECURE))
		return;
	n = snprintf(was, sizeof(was), "%s", env ? env : "");
	if (n < 0 || (size_t)n >= sizeof(was))
		return;
	n = snprintf(value, sizeof(value), "%s%s%s", was, *was ? ":" : "", tunable);
	if (n < 0 || (size_t)n >= sizeof(value) || setenv("GLIBC_TUNABLES", value, 1) != 0)
		return;
	if (setenv("INVIGOR_HUGE_PAGES", "0", 1) == 0) /* the restarted program does not restart */
		execv(exe, argv);
	/* the exec failed: carry on as started, with the environment as it was */
	if (env)
		(void)setenv("GLIBC_TUNABLES", was, 1);
	else
		(void)unsetenv("GLIBC_TUNABLES");
	if (want)
		(void)setenv("INVIGOR_HUGE_PAGES", want, 1);
	else
		(void)unsetenv("INVIGOR_HUGE_PAGES");
}
