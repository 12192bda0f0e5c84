/*
 * bench_sim.c - generation rate of invigor sim against its limit.
 *
 *   bench_sim [--scale N] [--dir DIR]
 *
 * Generates a world of N person mentions (default 1,000,000) into DIR
 * (default a fresh folder under /tmp), and prints the time, the rate in
 * person mentions per second, the bytes written and the peak RSS.
 * Targets (issue 3): 1M person mentions in under 60 s, peak RSS under 1 GB.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "iv/sim.h"

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	struct iv_sim_opts o;
	struct iv_sim_report rep;
	struct iv_buf err = IV_BUF_INIT;
	struct rusage ru;
	char dir[256];
	double t0, secs, rss_mb;
	enum iv_err rc;

	iv_sim_opts_init(&o);
	o.scale = IV_SIM_SCALE_LARGE;
	snprintf(dir, sizeof(dir), "/tmp/bench_sim.%d", (int)getpid());
	o.out_dir = dir;
	for (int i = 1; i + 1 < argc; i += 2) {
		if (!strcmp(argv[i], "--scale") &&
		    iv_sim_scale_parse(argv[i + 1], &o.scale) == IV_OK)
			continue;
		if (!strcmp(argv[i], "--dir")) {
			o.out_dir = argv[i + 1];
			continue;
		}
		fprintf(stderr, "usage: bench_sim [--scale N] [--dir DIR]\n");
		return 1;
	}
	t0 = now();
	rc = iv_sim_run(&o, &rep, &err);
	secs = now() - t0;
	if (rc) {
		fprintf(stderr, "bench_sim: %s\n", err.buf);
		iv_buf_release(&err);
		return 2;
	}
	getrusage(RUSAGE_SELF, &ru);
	rss_mb = (double)ru.ru_maxrss / 1024.0;
	printf("bench_sim: %llu person mentions (%llu mentions, %llu records, %.1f MB) in %.2f s\n",
	       (unsigned long long)rep.person_mentions, (unsigned long long)rep.mentions,
	       (unsigned long long)rep.records, (double)rep.bytes / 1e6, secs);
	printf("bench_sim: %.0f person mentions/s; 1M would take %.1f s (limit 60 s, ratio %.2f)\n",
	       (double)rep.person_mentions / secs, 1e6 * secs / (double)rep.person_mentions,
	       (1e6 * secs / (double)rep.person_mentions) / 60.0);
	printf("bench_sim: peak RSS %.1f MB (limit 1024 MB, ratio %.3f); output in %s\n", rss_mb,
	       rss_mb / 1024.0, o.out_dir);
	iv_buf_release(&err);
	return 0;
}
