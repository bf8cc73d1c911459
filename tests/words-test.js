// node tests/words-test.js SEARCH_JS CASES: the site script's tokenizer
// (SEARCH_JS run outside a browser exports it) on the cases the C
// tokenizer is tested on (tests/fixtures/words/cases.tsv, see
// tests/util/check_words.c). Prints one line per case that differs, then the
// count of cases that agree; exit status 1 when any differs.
const fs = require('fs');
const { words } = require(require('path').resolve(process.argv[2]));
const unescape = (s) => s.replace(/\\(.)/g, (m, c) =>
  ({ t: '\t', n: '\n', r: '\r', '\\': '\\' })[c]);
let agree = 0, differ = 0;
for (const line of fs.readFileSync(process.argv[3], 'utf8').split('\n')) {
  if (!line || line[0] === '#') continue;
  const [text, want] = line.split('\t');
  const got = words(unescape(text)).join(' ');
  if (got === want) agree++;
  else { differ++; console.log('differs: ' + JSON.stringify(text) + ': ' + JSON.stringify(got) + ', not ' + JSON.stringify(want)); }
}
console.log(agree + ' cases agree with the C tokenizer');
process.exit(differ ? 1 : 0);
