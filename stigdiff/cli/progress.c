/* The progress line of progress.h. */
#include "progress.h"

#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

static enum sd_progress_mode mode;
static struct {
	const char *what, *unit;
	size_t total, done;
	double start, drawn;
	int active, shown;
} line;

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

void sd_progress_configure(int progress, int quiet)
{
	mode = quiet ? SD_PROGRESS_OFF
		     : progress ? SD_PROGRESS_ON : SD_PROGRESS_AUTO;
}

int sd_progress_wanted(void)
{
	return mode == SD_PROGRESS_ON ||
	       (mode == SD_PROGRESS_AUTO && isatty(STDERR_FILENO));
}

void sd_progress_start(const char *what, size_t total, const char *unit)
{
	line.what = what;
	line.unit = unit;
	line.total = total;
	line.done = 0;
	line.start = now();
	line.drawn = 0;
	line.shown = 0;
	line.active = sd_progress_wanted();
}

static void draw(double t)
{
	double rate = t > line.start ? (double)line.done / (t - line.start) : 0;

	fprintf(stderr, "\r%s: %zu", line.what, line.done);
	if (line.total)
		fprintf(stderr, "/%zu", line.total);
	fprintf(stderr, " %s", line.unit);
	if (rate > 0)
		fprintf(stderr, ", %.*f/s", rate < 10 ? 1 : 0, rate);
	if (line.total && rate > 0 && line.done < line.total)
		fprintf(stderr, ", %.0fs left",
			(double)(line.total - line.done) / rate);
	fputs("\033[K", stderr);
	fflush(stderr);
	line.drawn = t;
	line.shown = 1;
}

void sd_progress_add(size_t n)
{
	double t;

	if (!line.active)
		return;
	line.done += n;
	t = now();
	if (t - line.drawn >= 0.1)
		draw(t);
}

void sd_progress_tick(const char *what, size_t done, size_t total,
		      const char *unit, void *ctx)
{
	(void)ctx;
	if (!line.what || strcmp(line.what, what)) {
		sd_progress_end();
		sd_progress_start(what, total, unit);
	}
	line.total = total;
	if (done > line.done)
		sd_progress_add(done - line.done);
}

void sd_progress_clear(void)
{
	if (line.active && line.shown) {
		fputs("\r\033[K", stderr);
		fflush(stderr);
		line.shown = 0;
		line.drawn = 0;
	}
}

void sd_progress_end(void)
{
	sd_progress_clear();
	line.active = 0;
	line.what = NULL;
}
