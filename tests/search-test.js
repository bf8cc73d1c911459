// node tests/search-test.js SITE_DIR SEARCH_JS QUERY: runs the site's
// search script against a minimal stand-in for the DOM and the site's real
// index, with ?q=QUERY in the URL, and prints the status line, the first
// results (link and text) and the input's value. The browser itself is
// tested by make test-browser.
const fs = require('fs');
const dir = process.argv[2];
const els = {};
function el(id) { return els[id] || (els[id] = { id, value: '', textContent: '', children: [], firstChild: null,
  appendChild(c) { this.children.push(c); this.firstChild = this.children[0]; },
  removeChild(c) { this.children.shift(); this.firstChild = this.children[0] || null; },
  addEventListener() {} }); }
global.document = { getElementById: el, createElement: (t) => ({ tag: t, children: [], appendChild(c) { this.children.push(c); }, textContent: '' }),
  createTextNode: (t) => ({ text: t }) };
global.location = { search: '?q=' + encodeURIComponent(process.argv[4]) };
global.history = { replaceState() {} };
global.fetch = (u) => Promise.resolve({ ok: true, json: () => Promise.resolve(JSON.parse(fs.readFileSync(dir + "/" + u, "utf8"))) });
require(process.argv[3]);
setTimeout(() => {
  const r = els.results;
  console.log(els.status.textContent);
  for (const li of r.children.slice(0, 5)) console.log(li.children[0].href, li.children[0].textContent);
  console.log('input:', els.q.value);
}, 200);
