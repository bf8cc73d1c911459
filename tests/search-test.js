// node tests/search-test.js SITE_DIR SEARCH_JS QUERY [FAMILY [SEVERITY]]:
// runs the site's search script against a minimal stand-in for the DOM
// and the site's real index, with ?q=QUERY (and &family=, &severity=) in
// the URL; a <script> the page adds runs the file it names, as a browser
// does. Prints the status line, the first results (link and text), the
// input's value and the index files loaded, with their bytes. The
// browser itself is tested by make test-browser.
const fs = require('fs');
const vm = require('vm');
const dir = process.argv[2];
const els = {};
const loaded = [];
function node(tag) {
  return { tag, children: [], textContent: '', value: '', hidden: false, options: [],
    get firstChild() { return this.children[0] || null; },
    appendChild(c) {
      this.children.push(c);
      if (tag === 'select') this.options.push(c);
      if (c.tag === 'script') setTimeout(() => {
        let text;
        try { text = fs.readFileSync(dir + '/' + c.src, 'utf8'); } catch (e) { c.onerror(); return; }
        loaded.push([c.src, Buffer.byteLength(text)]);
        vm.runInThisContext(text, { filename: c.src });
      }, 0);
    },
    removeChild(c) { this.children.splice(this.children.indexOf(c), 1); },
    addEventListener() {} };
}
function el(id) { return els[id] || (els[id] = Object.assign(node(id === 'family' || id === 'severity' ? 'select' : 'div'), { id })); }
global.window = global;
global.document = { getElementById: el, createElement: node, createTextNode: (t) => ({ text: t }), head: node('head') };
let search = '?q=' + encodeURIComponent(process.argv[4]);
if (process.argv[5]) search += '&family=' + encodeURIComponent(process.argv[5]);
if (process.argv[6]) search += '&severity=' + encodeURIComponent(process.argv[6]);
global.location = { search };
global.history = { replaceState() {} };
require(require('path').resolve(process.argv[3]));
setTimeout(() => {
  const r = els.results;
  console.log(els.status.textContent);
  for (const li of r.children.slice(0, 5)) console.log(li.children[0].href, li.children[0].textContent);
  console.log('input:', els.q.value);
  console.log('loaded: ' + loaded.length + ' files, ' + loaded.reduce((a, f) => a + f[1], 0) + ' bytes');
  if (process.env.SEARCH_TEST_FILES) for (const f of loaded) console.log('  ' + f[0] + ' ' + f[1]);
}, 500);
