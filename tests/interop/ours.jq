# stigdiff's own reading of a checklist (its .cklb rewrite on stdin), in
# the shape reviews.mjs gives STIG Manager's: per STIG the benchmark and
# the reviews STIG Manager's import options in reviews.mjs keep (a rule
# with a status outside the vocabulary, or none, is no review; an
# unreviewed rule with details or a comment is "informational"), texts
# without trailing white space, empty ones null.
def text: if . == null then null else sub("\\s+$"; "") | if . == "" then null else . end end;
def result:
	{ "not_a_finding": "pass", "open": "fail", "not_applicable": "notapplicable" }[.status]
	// (if .status == "not_reviewed" then
		(if ((.finding_details | text) != null or (.comments | text) != null)
		 then "informational" else "notchecked" end)
	    else null end);
{ checklists: [ .stigs[] | {
	benchmark: (.stig_id // "" | sub("^xccdf_mil.disa.stig_benchmark_"; "")),
	reviews: ([ .rules[] | { rule: .rule_id_src, result: result,
		detail: (.finding_details | text), comment: (.comments | text) }
		| select(.result != null) ] | sort_by(.rule)) } ] }
