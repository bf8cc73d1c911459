/* Option parsing and --help from one table; see opt.h. */
#include "opt.h"
#include "error.h"
#include "util.h"

#include <errno.h>
#include <string.h>

static const struct sd_opt *find_long(const struct sd_opt *opts,
				      const char *name, size_t len)
{
	for (; opts->type != SD_OPT_END; opts++)
		if (opts->long_name && strlen(opts->long_name) == len &&
		    !strncmp(opts->long_name, name, len))
			return opts;
	return NULL;
}

static const struct sd_opt *find_short(const struct sd_opt *opts, char c)
{
	for (; opts->type != SD_OPT_END; opts++)
		if (opts->short_name && opts->short_name == c)
			return opts;
	return NULL;
}

/* "--name" or "-n", for messages; `tmp` holds at least 64 bytes. */
static const char *opt_name(const struct sd_opt *o, char *tmp)
{
	if (o->long_name)
		snprintf(tmp, 64, "--%s", o->long_name);
	else
		snprintf(tmp, 64, "-%c", o->short_name);
	return tmp;
}

static int parse_size(const char *s, size_t *out)
{
	unsigned long long v;
	char *end;

	errno = 0;
	v = strtoull(s, &end, 10);
	if (errno || end == s || *s == '-')
		return -1;
	switch (*end) {
	case 'k': case 'K': v <<= 10; end++; break;
	case 'm': case 'M': v <<= 20; end++; break;
	case 'g': case 'G': v <<= 30; end++; break;
	default: break;
	}
	if (*end)
		return -1;
	*out = (size_t)v;
	return 0;
}

static int set_value(const struct sd_opt *o, const char *arg)
{
	char tmp[64];

	switch (o->type) {
	case SD_OPT_FLAG:
		*(int *)o->value = 1;
		return 0;
	case SD_OPT_STRING:
		*(const char **)o->value = arg;
		return 0;
	case SD_OPT_LIST: {
		const char *p = arg;

		for (;;) {
			const char *comma = strchr(p, ',');
			size_t n = comma ? (size_t)(comma - p) : strlen(p);

			if (n)
				sd_strv_push_owned(o->value,
						   sd_xstrndup(p, n));
			if (!comma)
				break;
			p = comma + 1;
		}
		return 0;
	}
	case SD_OPT_MULTI:
		sd_strv_push(o->value, arg);
		return 0;
	case SD_OPT_SIZE:
		if (parse_size(arg, o->value) < 0)
			return sd_error_set(SD_EUSAGE,
					    "option '%s' expects a size, not '%s'",
					    opt_name(o, tmp), arg);
		return 0;
	case SD_OPT_DOUBLE: {
		char *end;

		errno = 0;
		*(double *)o->value = strtod(arg, &end);
		if (errno || end == arg || *end)
			return sd_error_set(SD_EUSAGE,
					    "option '%s' expects a number, not '%s'",
					    opt_name(o, tmp), arg);
		return 0;
	}
	default:
		return 0;
	}
}

int sd_opt_parse(int argc, char **argv, const struct sd_opt *opts,
		 const char *usage, struct sd_strv *args)
{
	int i, only_operands = 0;

	for (i = 1; i < argc; i++) {
		const char *a = argv[i];
		const struct sd_opt *o;
		const char *val = NULL;
		int err;

		if (only_operands || a[0] != '-' || !a[1]) {
			sd_strv_push(args, a);
			continue;
		}
		if (!strcmp(a, "--")) {
			only_operands = 1;
			continue;
		}
		if (!strcmp(a, "--help") || !strcmp(a, "-h")) {
			sd_opt_usage(stdout, usage, opts);
			return 1;
		}
		if (a[1] == '-') {
			const char *eq = strchr(a + 2, '=');
			size_t len = eq ? (size_t)(eq - a - 2) : strlen(a + 2);

			o = find_long(opts, a + 2, len);
			if (!o)
				return sd_error_set(SD_EUSAGE,
						    "unknown option '%s'", a);
			if (eq)
				val = eq + 1;
			if (o->type == SD_OPT_FLAG) {
				if (val)
					return sd_error_set(SD_EUSAGE,
						"option '--%s' takes no value",
						o->long_name);
			} else if (!val) {
				if (i + 1 >= argc)
					return sd_error_set(SD_EUSAGE,
						"option '--%s' requires a value",
						o->long_name);
				val = argv[++i];
			}
			if ((err = set_value(o, val)) < 0)
				return err;
			continue;
		}
		/* Short options, possibly bundled: -lj, -oDIR, -o DIR. */
		for (const char *p = a + 1; *p; p++) {
			o = find_short(opts, *p);
			if (!o)
				return sd_error_set(SD_EUSAGE,
						    "unknown option '-%c'", *p);
			if (o->type == SD_OPT_FLAG) {
				set_value(o, NULL);
				continue;
			}
			if (p[1])
				val = p + 1;
			else if (i + 1 < argc)
				val = argv[++i];
			else
				return sd_error_set(SD_EUSAGE,
						    "option '-%c' requires a value",
						    *p);
			if ((err = set_value(o, val)) < 0)
				return err;
			break;
		}
	}
	return 0;
}

void sd_opt_usage(FILE *fp, const char *usage, const struct sd_opt *opts)
{
	fprintf(fp, "usage: %s\n", usage);
	for (; opts->type != SD_OPT_END; opts++) {
		char left[64];
		int n = 0;

		if (opts->type == SD_OPT_GROUP) {
			fprintf(fp, "\n%s\n", opts->help);
			continue;
		}
		if (opts->short_name && opts->long_name)
			n = snprintf(left, sizeof(left), "-%c, --%s",
				     opts->short_name, opts->long_name);
		else if (opts->short_name)
			n = snprintf(left, sizeof(left), "-%c",
				     opts->short_name);
		else
			n = snprintf(left, sizeof(left), "    --%s",
				     opts->long_name);
		if (opts->type != SD_OPT_FLAG && opts->argh && n > 0 &&
		    (size_t)n < sizeof(left))
			snprintf(left + n, sizeof(left) - (size_t)n, " %s",
				 opts->argh);
		fprintf(fp, "    %-26s %s\n", left, opts->help);
	}
}
