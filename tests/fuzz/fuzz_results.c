/*
 * Scan results (input/results.c, checklist/fill.c): the input as an XCCDF
 * results document (a TestResult, a Benchmark holding one, an ARF
 * report); what reads is applied to a checklist of three rules. Beyond
 * no crash: a refused document leaves nothing behind, every rule result
 * has a rule id and a result, and the report counts each result once.
 * Seeds: tests/fuzz/corpus/results (trimmed tests/fixtures/results).
 */
#include "checklist.h"
#include "fill.h"
#include "fuzz.h"
#include "results.h"

static struct sd_benchmark *three_rules(void)
{
	static const char *const ids[][3] = {
		{ "V-221558", "SV-221558r769351_rule", "DTBC-0001" },
		{ "V-221559", "SV-221559r615937_rule", "DTBC-0002" },
		{ "V-235720", "SV-235720r879550_rule", "EDGE-00-000002" },
	};
	struct sd_benchmark *b = calloc(1, sizeof(*b));

	if (!b)
		abort();
	b->id = sd_xstrdup("Google_Chrome_Current_Windows");
	for (size_t i = 0; i < 3; i++) {
		struct sd_rule *r = sd_benchmark_add_rule(b);

		r->vuln_id = sd_xstrdup(ids[i][0]);
		r->rule_id = sd_xstrdup(ids[i][1]);
		r->stig_id = sd_xstrdup(ids[i][2]);
		r->title = sd_xstrdup("t");
		sd_rule_derive_ids(r);
	}
	return b;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct sd_results res = SD_RESULTS_INIT;
	int n = sd_results_parse_memory((const char *)data, size, "fuzz.xml",
					0, &res);

	SD_FUZZ_ASSERT(n >= 0 || res.n == 0, "a refused document left %zu",
		       res.n);
	if (n > 0) {
		struct sd_benchmark *b = three_rules();
		struct sd_checklist *cl = sd_checklist_from_benchmark(b);
		struct sd_res_report rep;
		size_t total = 0, counted = 0;

		for (size_t i = 0; i < res.n; i++)
			for (size_t k = 0; k < res.v[i].nrules; k++) {
				const struct sd_rule_result *r =
					&res.v[i].rules[k];

				SD_FUZZ_ASSERT(r->rule_id && r->result &&
						       *r->result,
					       "rule result %zu without id or result",
					       k);
				total++;
			}
		memset(&rep, 0, sizeof(rep));
		if (sd_results_apply(cl, &res, NULL, &rep) == 0) {
			for (int d = 0; d < SD_RES_NDECISIONS; d++)
				counted += rep.count[d];
			SD_FUZZ_ASSERT(counted == total && rep.nrows == total,
				       "%zu results, %zu counted", total,
				       counted);
		}
		sd_res_report_release(&rep);
		sd_checklist_free(cl);
		sd_benchmark_free(b);
	}
	sd_results_release(&res);
	sd_error_clear();
	return 0;
}
