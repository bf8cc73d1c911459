// node tests/compare-test.js SITE_DIR BENCH_SLUG COMPARE_JS FROM TO: runs
// the compare page's script against a minimal stand-in for the DOM and
// the benchmark's real compare-data.js (run when the page adds its
// <script>, as a browser does), with ?from=FROM&to=TO in the URL,
// and prints the status line, each list's heading and its links (page
// and text), and the link to a prepared page. The browser itself is
// tested by make test-browser.
const fs = require('fs');
const vm = require('vm');
const dir = process.argv[2] + '/stig/' + process.argv[3];
const els = {};
function node(tag) {
  return { tag, children: [], textContent: '', className: '', href: '',
    get firstChild() { return this.children[0] || null; },
    appendChild(c) {
      this.children.push(c);
      if (c.tag === 'script') setTimeout(() => vm.runInThisContext(fs.readFileSync(dir + '/' + c.src, 'utf8')), 0);
    },
    removeChild() { this.children.shift(); },
    addEventListener() {} };
}
function el(id) { return els[id] || (els[id] = Object.assign(node('div'), { id, value: '' })); }
global.window = global;
global.document = { getElementById: el, createElement: node, createTextNode: (t) => ({ text: t }), head: node('head') };
global.location = { search: '?from=' + encodeURIComponent(process.argv[5]) + '&to=' + encodeURIComponent(process.argv[6]) };
global.history = { replaceState() {} };
require(require('path').resolve(process.argv[4]));
setTimeout(() => {
  console.log(els.status.textContent);
  console.log('form:', els.from.value, els.to.value);
  for (const c of els['compare-result'].children) {
    if (c.tag === 'h2') console.log('## ' + c.textContent);
    else if (c.tag === 'p') console.log('prepared: ' + c.children[0].href);
    else for (const li of c.children) console.log(li.children[0].href, li.children[0].textContent);
  }
}, 200);
