/*
 * JSON values, read and written by jansson (the only module including
 * it). A struct sd_json is a reference-counted jansson value: functions
 * named _new return a new reference, sd_json_set() and sd_json_append()
 * steal the value given to them, getters return borrowed references.
 * Objects keep keys in insertion order, and dumping preserves it.
 */
#ifndef SD_JSON_H
#define SD_JSON_H

#include <stddef.h>
#include <stdio.h>

struct sd_json;

enum sd_json_type {
	SD_JSON_OBJECT, SD_JSON_ARRAY, SD_JSON_STRING, SD_JSON_INTEGER,
	SD_JSON_REAL, SD_JSON_TRUE, SD_JSON_FALSE, SD_JSON_NULL
};

struct sd_json *sd_json_object_new(void);
struct sd_json *sd_json_array_new(void);
/* A string value; NULL gives a JSON null. */
struct sd_json *sd_json_string_new(const char *s);
struct sd_json *sd_json_int_new(long long v);
struct sd_json *sd_json_real_new(double v);
struct sd_json *sd_json_bool_new(int v);
struct sd_json *sd_json_null_new(void);
struct sd_json *sd_json_incref(struct sd_json *j);
/* Drop a reference; NULL is fine. */
void sd_json_free(struct sd_json *j);
/* A deep copy. */
struct sd_json *sd_json_copy(const struct sd_json *j);

/* Set obj[key] = val, stealing `val`. */
void sd_json_set(struct sd_json *obj, const char *key, struct sd_json *val);
/* obj[key] = string, or nothing when s is NULL. */
void sd_json_set_str(struct sd_json *obj, const char *key, const char *s);
void sd_json_set_int(struct sd_json *obj, const char *key, long long v);
void sd_json_del(struct sd_json *obj, const char *key);
/* Append `val` to an array, stealing it. */
void sd_json_append(struct sd_json *arr, struct sd_json *val);

enum sd_json_type sd_json_type(const struct sd_json *j);
/* obj[key] or NULL (borrowed). */
struct sd_json *sd_json_get(const struct sd_json *obj, const char *key);
/* The string value, or NULL when `j` is not a string. */
const char *sd_json_str(const struct sd_json *j);
/* obj[key] as a string, or NULL. */
const char *sd_json_get_str(const struct sd_json *obj, const char *key);
long long sd_json_int(const struct sd_json *j);
double sd_json_number(const struct sd_json *j);
int sd_json_is_true(const struct sd_json *j);
/* Length of an array or object. */
size_t sd_json_size(const struct sd_json *j);
struct sd_json *sd_json_at(const struct sd_json *arr, size_t i);
void sd_json_insert_at(struct sd_json *arr, size_t i, struct sd_json *val);
void sd_json_remove_at(struct sd_json *arr, size_t i);

/* Iterate an object's keys in order: for (it = first; it; it = next). */
void *sd_json_iter(const struct sd_json *obj);
void *sd_json_iter_next(const struct sd_json *obj, void *it);
const char *sd_json_iter_key(void *it);
struct sd_json *sd_json_iter_value(void *it);

enum {
	SD_JSON_PRETTY = 1,  /* two-space indent, newline at the end */
	SD_JSON_COMPACT = 2, /* one line, no spaces, newline at the end */
	SD_JSON_INDENT4 = 4, /* four-space indent (STIG Viewer's own) */
	SD_JSON_SHORT_REALS = 8 /* reals with 6 significant digits: 0.872 */
};
int sd_json_dump(const struct sd_json *j, FILE *fp, int flags);
/* Serialized text the caller frees. */
char *sd_json_dumps(const struct sd_json *j, int flags);

/*
 * Parse a JSON text. On failure returns SD_EPARSE with
 * "source:line:column: message" in the error slot. Duplicate keys are an
 * error; NUL bytes inside strings are refused.
 */
int sd_json_parse(const char *data, size_t len, const char *source,
		  struct sd_json **out);

#endif
