/* diff.h — `plangen diff OLD NEW`: what changed between two editions.
 *
 * Each side is a content folder or a published indicators.json.  The
 * indicators are compared as the open data states them (data_records():
 * the same records, keyed by id and part): those added and removed, and
 * each value, year, state, status and name that changed.  Between two
 * content folders, the Markdown texts that were added, removed or changed
 * too.  Written in the language of the messages, or as CSV (kind, id,
 * part, item, old, new) for a spreadsheet. */
#ifndef PLANGEN_DIFF_H
#define PLANGEN_DIFF_H

#include <stdbool.h>

/* Returns the exit status: 0, 1 when a side has content errors, 2 when a
 * side cannot be read. */
int diff(const char *old_side, const char *new_side, const char *theme, bool csv);

#endif
