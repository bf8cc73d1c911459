"""A small element tree over Python's html.parser, shared by the site
checkers in tests/browser/ (standard library only).

parse(text) returns the document node; every Node has tag, attrs (a dict,
names lowercased, valueless attributes as ""), children, parent and line.
Void elements never take children; an end tag closes the nearest open
element of that name (an end tag with no open element is ignored), so
the tree is usable even on HTML that a validator would reject -- the
validator is a separate check.
"""
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs=None, parent=None, line=0):
        self.tag = tag
        self.attrs = attrs or {}
        self.parent = parent
        self.children = []
        self.line = line

    def iter(self, tag=None):
        """Every element below this one in document order."""
        for c in self.children:
            if isinstance(c, Node):
                if tag is None or c.tag == tag:
                    yield c
                yield from c.iter(tag)

    def text(self):
        out = []
        for c in self.children:
            out.append(c.text() if isinstance(c, Node) else c)
        return "".join(out)

    def by_id(self, ident):
        for e in self.iter():
            if e.attrs.get("id") == ident:
                return e
        return None

    def ancestors(self):
        p = self.parent
        while p is not None:
            yield p
            p = p.parent

    def describe(self):
        """The start tag as a reader would search for it in the file."""
        keys = [k for k in ("id", "href", "src", "name", "type", "class")
                if k in self.attrs]
        attrs = "".join(' %s="%s"' % (k, self.attrs[k]) for k in keys)
        return "<%s%s> (line %d)" % (self.tag, attrs, self.line)


class _Builder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document")
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, {k: (v if v is not None else "") for k, v in attrs},
                    self.cur, self.getpos()[0])
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID:
            self.cur = self.cur.parent

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse(text):
    b = _Builder()
    b.feed(text)
    b.close()
    return b.root


def parse_file(path):
    with open(path, encoding="utf-8", errors="replace") as f:
        return parse(f.read())
