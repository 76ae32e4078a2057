/* The YAML config loader: any input either loads or fails with a message
 * that names where (NAME:LINE:COLUMN), and never crashes or leaks. */
#include <string.h>

#include "fuzz.h"
#include "sitrep/config.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sr_error err = {0};
	struct config *cfg = config_load_buffer("fuzz.yaml", (const char *)data,
						size, &err);

	if (cfg) {
		FUZZ_ASSERT(cfg->nsites > 0);
		FUZZ_ASSERT(cfg->stranded_days < cfg->super_stranded_days);
		config_free(cfg);
	} else {
		FUZZ_ASSERT(strncmp(err.msg, "fuzz.yaml", 9) == 0);
	}
	return 0;
}
