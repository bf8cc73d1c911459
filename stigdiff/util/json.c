/* JSON through jansson; see json.h. */
#include "json.h"
#include "error.h"
#include "util.h"
#include "utf8.h"

#include <jansson.h>
#include <string.h>

#define J(x) ((json_t *)(x))
#define S(x) ((struct sd_json *)(x))

static json_t *must(json_t *j)
{
	if (!j)
		sd_die_oom();
	return j;
}

struct sd_json *sd_json_object_new(void) { return S(must(json_object())); }
struct sd_json *sd_json_array_new(void) { return S(must(json_array())); }

struct sd_json *sd_json_string_new(const char *s)
{
	if (!s)
		return S(json_null());
	/* Invalid UTF-8 is replaced rather than dropped by jansson. */
	json_t *j = json_string(s);

	if (!j) {
		char *fixed = sd_utf8_fix(s);

		j = fixed ? json_string(fixed) : NULL;
		free(fixed);
		if (!j)
			j = json_string("");
	}
	return S(must(j));
}

struct sd_json *sd_json_int_new(long long v) { return S(must(json_integer(v))); }
struct sd_json *sd_json_real_new(double v) { return S(must(json_real(v))); }
struct sd_json *sd_json_bool_new(int v) { return S(json_boolean(v)); }
struct sd_json *sd_json_null_new(void) { return S(json_null()); }
struct sd_json *sd_json_incref(struct sd_json *j) { return S(json_incref(J(j))); }
void sd_json_free(struct sd_json *j) { json_decref(J(j)); }

struct sd_json *sd_json_copy(const struct sd_json *j)
{
	return S(must(json_deep_copy(J(j))));
}

void sd_json_set(struct sd_json *obj, const char *key, struct sd_json *val)
{
	if (json_object_set_new(J(obj), key, J(val)) < 0)
		sd_die_oom();
}

void sd_json_set_str(struct sd_json *obj, const char *key, const char *s)
{
	if (s)
		sd_json_set(obj, key, sd_json_string_new(s));
}

void sd_json_set_int(struct sd_json *obj, const char *key, long long v)
{
	sd_json_set(obj, key, sd_json_int_new(v));
}

void sd_json_del(struct sd_json *obj, const char *key)
{
	json_object_del(J(obj), key);
}

void sd_json_append(struct sd_json *arr, struct sd_json *val)
{
	if (json_array_append_new(J(arr), J(val)) < 0)
		sd_die_oom();
}

enum sd_json_type sd_json_type(const struct sd_json *j)
{
	switch (json_typeof(J(j))) {
	case JSON_OBJECT: return SD_JSON_OBJECT;
	case JSON_ARRAY: return SD_JSON_ARRAY;
	case JSON_STRING: return SD_JSON_STRING;
	case JSON_INTEGER: return SD_JSON_INTEGER;
	case JSON_REAL: return SD_JSON_REAL;
	case JSON_TRUE: return SD_JSON_TRUE;
	case JSON_FALSE: return SD_JSON_FALSE;
	default: return SD_JSON_NULL;
	}
}

struct sd_json *sd_json_get(const struct sd_json *obj, const char *key)
{
	return obj && json_is_object(J(obj)) ? S(json_object_get(J(obj), key))
					     : NULL;
}

const char *sd_json_str(const struct sd_json *j)
{
	return j && json_is_string(J(j)) ? json_string_value(J(j)) : NULL;
}

const char *sd_json_get_str(const struct sd_json *obj, const char *key)
{
	return sd_json_str(sd_json_get(obj, key));
}

long long sd_json_int(const struct sd_json *j)
{
	return j && json_is_integer(J(j)) ? json_integer_value(J(j)) : 0;
}

double sd_json_number(const struct sd_json *j)
{
	return j ? json_number_value(J(j)) : 0;
}

int sd_json_is_true(const struct sd_json *j)
{
	return j && json_is_true(J(j));
}

size_t sd_json_size(const struct sd_json *j)
{
	if (!j)
		return 0;
	if (json_is_array(J(j)))
		return json_array_size(J(j));
	if (json_is_object(J(j)))
		return json_object_size(J(j));
	return 0;
}

struct sd_json *sd_json_at(const struct sd_json *arr, size_t i)
{
	return arr && json_is_array(J(arr)) ? S(json_array_get(J(arr), i))
					    : NULL;
}

void sd_json_insert_at(struct sd_json *arr, size_t i, struct sd_json *val)
{
	if (json_array_insert_new(J(arr), i, J(val)) < 0)
		sd_die_oom();
}

void sd_json_remove_at(struct sd_json *arr, size_t i)
{
	json_array_remove(J(arr), i);
}

void *sd_json_iter(const struct sd_json *obj)
{
	return obj && json_is_object(J(obj)) ? json_object_iter(J(obj)) : NULL;
}

void *sd_json_iter_next(const struct sd_json *obj, void *it)
{
	return json_object_iter_next(J(obj), it);
}

const char *sd_json_iter_key(void *it)
{
	return json_object_iter_key(it);
}

struct sd_json *sd_json_iter_value(void *it)
{
	return S(json_object_iter_value(it));
}

static size_t dump_flags(int flags)
{
	size_t f = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY;

	if (flags & SD_JSON_SHORT_REALS)
		f |= JSON_REAL_PRECISION(6);
	if (flags & SD_JSON_COMPACT)
		f |= JSON_COMPACT;
	else if (flags & SD_JSON_INDENT4)
		f |= JSON_INDENT(4);
	else
		f |= JSON_INDENT(2);
	return f;
}

int sd_json_dump(const struct sd_json *j, FILE *fp, int flags)
{
	if (json_dumpf(J(j), fp, dump_flags(flags)) < 0 || fputc('\n', fp) < 0)
		return sd_write_failed("JSON output");
	return 0;
}

char *sd_json_dumps(const struct sd_json *j, int flags)
{
	char *s = json_dumps(J(j), dump_flags(flags));

	if (!s)
		sd_die_oom();
	return s;
}

int sd_json_parse(const char *data, size_t len, const char *source,
		  struct sd_json **out)
{
	json_error_t e;
	json_t *j;

	*out = NULL;
	j = json_loadb(data, len, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY,
		       &e);
	if (!j)
		return sd_error_set(SD_EPARSE, "%s:%d:%d: %s", source, e.line,
				    e.column, e.text);
	*out = S(j);
	return 0;
}
