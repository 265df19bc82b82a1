/* fuzz.c — libFuzzer target for both loaders: the input is parsed as YAML
 * (ytree) and as Markdown (md_parse), as a content file would be.
 * make fuzz (clang) runs it for a minute; crashes land in build/fuzz-*. */
#include <stddef.h>
#include <stdint.h>

#include "diag.h"
#include "load.h"
#include "ytree.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *text = (const char *)data;
	int f = diag_file_add("fuzz", text, size);
	ytree_free(ytree_parse(f, text, size));
	md_free(md_parse(f, text, size, size % 2));
	diag_reset();
	return 0;
}
