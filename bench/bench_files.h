/*
 * bench_files.h - the file helpers the benchmarks share: whether a file
 * is readable, dir/name joined with a length check, removing a folder tree
 * (a generated world, a work folder) and a store with its WAL companions.
 * Header-only (static functions): each benchmark is its own program.
 */
#ifndef IV_BENCH_FILES_H
#define IV_BENCH_FILES_H

#include <dirent.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static bool readable(const char *path)
{
	return access(path, R_OK) == 0;
}

/* dir/name into out; false when it does not fit. */
static bool join(char *out, size_t size, const char *dir, const char *name)
{
	int n = snprintf(out, size, "%s/%s", dir, name);

	return n >= 0 && (size_t)n < size;
}

/* Remove a folder and everything in it. */
static void remove_tree(const char *path)
{
	DIR *d = opendir(path);
	const struct dirent *de;
	char child[4096];
	struct stat sb;

	if (!d)
		return;
	while ((de = readdir(d))) {
		if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
			continue;
		if (!join(child, sizeof(child), path, de->d_name))
			continue;
		if (lstat(child, &sb) == 0 && S_ISDIR(sb.st_mode))
			remove_tree(child);
		else
			unlink(child);
	}
	closedir(d);
	rmdir(path);
}

/* A store is the SQLite file and its WAL companions; a fresh run starts without them. */
static void remove_store(const char *path)
{
	static const char *const suffix[] = {"", "-wal", "-shm", "-journal"};
	char name[4096];

	for (size_t i = 0; i < sizeof(suffix) / sizeof(*suffix); i++)
		if (snprintf(name, sizeof(name), "%s%s", path, suffix[i]) < (int)sizeof(name))
			unlink(name);
}

#endif
