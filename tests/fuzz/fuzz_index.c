/*
 * libFuzzer target for the index parser.  Any input must either be
 * refused with a "FILE:LINE: ..." message or yield objects that obey
 * the format: valid unique names, lengths 1..65537, offsets without
 * gaps, the total their sum.  Anything else aborts.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "shm/shm.h"

#define FILE_NAME "fuzz.index"

static void require(int ok)
{
	if (!ok)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct shm_obj *objs;
	struct shmib_err err;
	uint64_t total, off = 0;
	char *names;
	int n;

	n = shm_index_parse(FILE_NAME, (const char *)data, size, &objs, &names,
			    &total, &err);
	if (n < 0) {
		require(strncmp(err.msg, FILE_NAME ":", strlen(FILE_NAME ":")) == 0);
		return 0;
	}
	require(n <= SHM_OBJECTS_MAX);
	for (int i = 0; i < n; i++) {
		size_t len = strlen(objs[i].name);

		require(len >= 1 && len <= SHM_NAME_MAX);
		require(strpbrk(objs[i].name, ":/ \t\n") == NULL);
		require(objs[i].length >= 1 && objs[i].length <= SHM_OCTETSTR_MAX + 2);
		require(objs[i].offset == off);
		off += objs[i].length;
		for (int j = 0; j < i; j++)
			require(strcmp(objs[i].name, objs[j].name) != 0);
	}
	require(off == total);
	free(objs);
	free(names);
	return 0;
}
