// reviews.mjs FILE...: what STIG Manager's own review parser
// (@nuwcdivnpt/stig-manager-client-modules, installed by tests/interop/run.sh)
// reads from each checklist, one JSON line per file:
//   {"file": F, "target": {...}, "checklists": [{"benchmark", "revision",
//    "reviews": [{"rule", "result", "detail", "comment"}]}]}
// or {"file": F, "error": MESSAGE}. Reviews are sorted by rule id; texts
// lose trailing white space (STIG Manager trims values as it parses).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(process.env.SD_INTEROP_MODULES + '/');
const { reviewsFromCkl, reviewsFromCklb } =
	require('@nuwcdivnpt/stig-manager-client-modules');

// Keep every review the file holds: no status or field requirement
// of a STIG Manager collection drops or rewrites one.
const importOptions = {
	autoStatus: 'saved', unreviewed: 'always',
	unreviewedCommented: 'informational', emptyDetail: 'ignore',
	emptyComment: 'ignore', allowCustom: true,
};
const fieldSettings = {
	detail: { enabled: 'always', required: 'optional' },
	comment: { enabled: 'always', required: 'optional' },
};
const trim = (s) => (typeof s === 'string' ? s.replace(/\s+$/, '') : s ?? null);

for (const file of process.argv.slice(2)) {
	const out = { file };
	try {
		const data = readFileSync(file, 'utf8');
		const parse = file.endsWith('.cklb') ? reviewsFromCklb : reviewsFromCkl;
		const r = parse({ data, importOptions, fieldSettings,
				  allowAccept: true, sourceRef: file });
		out.target = { name: r.target.name, ip: r.target.ip ?? null,
			       fqdn: r.target.fqdn ?? null, mac: r.target.mac ?? null };
		out.checklists = r.checklists.map((c) => ({
			benchmark: c.benchmarkId,
			revision: c.revisionStr ?? null,
			reviews: (c.reviews ?? []).map((v) => ({
				rule: v.ruleId, result: v.result ?? null,
				detail: trim(v.detail), comment: trim(v.comment),
			})).sort((a, b) => (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0)),
		}));
		if (r.errors?.length)
			out.warnings = r.errors.map(String);
	} catch (e) {
		out.error = String(e && e.message ? e.message : e);
	}
	process.stdout.write(JSON.stringify(out) + '\n');
}
