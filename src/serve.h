/* serve.h — `plangen serve`: a preview that rebuilds on every save.
 *
 * Builds the content into the output folder (as `plangen build` does, in a
 * process of its own), serves that folder on http://127.0.0.1:PORT/ only
 * (GNU libmicrohttpd), watches the content and the theme folders (inotify)
 * and builds again a tenth of a second after the last change.  The pages
 * served load /__plangen/reload.js, which reloads them after a build, or
 * shows the build's messages over the page when it failed; the last good
 * output stays served.  Runs until SIGINT or SIGTERM. */
#ifndef PLANGEN_SERVE_H
#define PLANGEN_SERVE_H

#include <stdbool.h>

/* Returns the exit status: 0 when stopped, 2 when it could not start. */
int serve(const char *content, const char *theme, const char *output, int port, bool strict, bool verbose,
	  const char *lang);

#endif
