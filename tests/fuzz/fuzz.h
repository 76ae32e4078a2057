/* Shared by the fuzz targets: each defines LLVMFuzzerTestOneInput; built
 * with -Dfuzz=true and clang it is a libFuzzer target, otherwise replay.c
 * gives it a main that runs it over files (the seed corpus and every crash
 * found so far), so the corpus is a regression test in every build. */
#ifndef SITREP_FUZZ_H
#define SITREP_FUZZ_H

#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* A NUL-terminated copy of the input; the caller frees it. */
char *fuzz_string(const uint8_t *data, size_t size);

/* Aborts (so the fuzzer reports it) when a property does not hold. */
#define FUZZ_ASSERT(cond)                                                    \
	do {                                                                 \
		if (!(cond))                                                 \
			fuzz_fail(#cond, __FILE__, __LINE__);                \
	} while (0)
_Noreturn void fuzz_fail(const char *what, const char *file, int line);

#endif
