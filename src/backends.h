/* backends.h — everything `build` writes, from one loaded plan.
 *
 * Each back-end writes its files into the new output folder and returns
 * false after reporting a problem through diag. */
#ifndef PLANGEN_BACKENDS_H
#define PLANGEN_BACKENDS_H

#include "model.h"
#include "output.h"

bool backends_write(const plan_t *p, const char *theme, outdir_t *out);

#endif
