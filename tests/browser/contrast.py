#!/usr/bin/env python3
"""contrast.py SITE_DIR: WCAG 2 contrast of the site's palette as used.

Reads the site's stylesheets and <style> blocks (comments dropped, @media
blocks kept apart), resolves custom properties (var(--x, fallback)), and
for every element of every page that has text of its own computes the
colour its text gets (the cascade by specificity and order, inherited
from its ancestors; style attributes too) and the background it is drawn
on (its own or its nearest ancestors', translucent ones composed, over a
white canvas). Each look a state pseudo-class gives (a:visited, :hover,
:focus) is checked too, and so is each @media block that changes colours
(a dark scheme), on top of the top-level rules. Ratios below 4.5:1 fail
(WCAG 2.x AA, normal text); one line per distinct failing combination.

What it does not read: attribute and sibling selectors, ::before/::after
content, background images and gradients (skipped), and the browser's
own styles for form controls.
"""
import re
import sys

NAMED = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000",
    "green": "#008000", "blue": "#0000ff", "yellow": "#ffff00",
    "gray": "#808080", "grey": "#808080", "silver": "#c0c0c0",
    "maroon": "#800000", "navy": "#000080", "purple": "#800080",
    "teal": "#008080", "olive": "#808000", "lime": "#00ff00",
    "aqua": "#00ffff", "fuchsia": "#ff00ff", "orange": "#ffa500",
    "darkred": "#8b0000", "darkgreen": "#006400", "darkblue": "#00008b",
    "darkgray": "#a9a9a9", "darkgrey": "#a9a9a9", "lightgray": "#d3d3d3",
    "lightgrey": "#d3d3d3", "whitesmoke": "#f5f5f5", "gainsboro": "#dcdcdc",
    "dimgray": "#696969", "dimgrey": "#696969", "firebrick": "#b22222",
    "crimson": "#dc143c", "darkorange": "#ff8c00", "gold": "#ffd700",
    "goldenrod": "#daa520", "darkgoldenrod": "#b8860b", "brown": "#a52a2a",
    "steelblue": "#4682b4", "slategray": "#708090", "slategrey": "#708090",
    "ivory": "#fffff0", "beige": "#f5f5dc", "linen": "#faf0e6",
    "aliceblue": "#f0f8ff", "ghostwhite": "#f8f8ff", "seashell": "#fff5ee",
    "snow": "#fffafa", "honeydew": "#f0fff0", "mintcream": "#f5fffa",
    "lightyellow": "#ffffe0", "lightblue": "#add8e6", "darkslategray":
    "#2f4f4f", "darkslategrey": "#2f4f4f", "midnightblue": "#191970",
}


def strip_comments(css):
    return re.sub(r"/\*.*?\*/", "", css, flags=re.S)


def blocks(css):
    """(context, selector, declarations) for every rule; context is None at
    top level, else the @media condition."""
    out = []

    def walk(text, ctx):
        i = 0
        while i < len(text):
            j = text.find("{", i)
            if j < 0:
                break
            head = text[i:j].strip()
            # Find the matching close brace.
            depth, k = 1, j + 1
            while k < len(text) and depth:
                if text[k] == "{":
                    depth += 1
                elif text[k] == "}":
                    depth -= 1
                k += 1
            body = text[j + 1:k - 1]
            # Statements such as @charset or @import end with ';' before us.
            head = head.split(";")[-1].strip()
            if head.startswith("@media"):
                walk(body, head[len("@media"):].strip())
            elif head.startswith("@"):
                pass  # @font-face, @keyframes, @supports...: no palette
            else:
                decls = {}
                for d in body.split(";"):
                    if ":" in d:
                        name, val = d.split(":", 1)
                        decls[name.strip().lower()] = \
                            val.replace("!important", "").strip()
                out.append((ctx, head, decls))
            i = k
    walk(strip_comments(css), None)
    return out


def resolve(value, variables, depth=0):
    if depth > 10:
        return value

    def sub(m):
        name, fallback = m.group(1), m.group(2)
        if name in variables:
            return resolve(variables[name], variables, depth + 1)
        return fallback.strip() if fallback else ""
    return re.sub(r"var\(\s*(--[\w-]+)\s*(?:,\s*([^()]*(?:\([^()]*\))?))?\)",
                  sub, value)


def parse_color(value):
    """(r, g, b, a) with r, g, b in 0..255 and a in 0..1, or None."""
    v = value.strip().lower()
    m = re.search(r"#([0-9a-f]{3,8})\b", v)
    if m:
        h = m.group(1)
        if len(h) in (3, 4):
            h = "".join(c * 2 for c in h)
        if len(h) not in (6, 8):
            return None
        a = int(h[6:8], 16) / 255 if len(h) == 8 else 1.0
        return (int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16), a)
    m = re.search(r"rgba?\(([^)]*)\)", v)
    if m:
        parts = [p for p in re.split(r"[\s,/]+", m.group(1).strip()) if p]
        if len(parts) < 3:
            return None

        def chan(p):
            return float(p[:-1]) * 2.55 if p.endswith("%") else float(p)
        a = 1.0
        if len(parts) > 3:
            a = float(parts[3][:-1]) / 100 if parts[3].endswith("%") \
                else float(parts[3])
        return (chan(parts[0]), chan(parts[1]), chan(parts[2]), a)
    m = re.search(r"hsla?\(([^)]*)\)", v)
    if m:
        import colorsys
        parts = [p for p in re.split(r"[\s,/]+", m.group(1).strip()) if p]
        h = float(parts[0].replace("deg", "")) / 360
        s = float(parts[1].rstrip("%")) / 100
        ll = float(parts[2].rstrip("%")) / 100
        r, g, b = colorsys.hls_to_rgb(h, ll, s)
        a = 1.0
        if len(parts) > 3:
            a = float(parts[3][:-1]) / 100 if parts[3].endswith("%") \
                else float(parts[3])
        return (r * 255, g * 255, b * 255, a)
    for word in re.findall(r"[a-z]+", v):
        if word in NAMED:
            return parse_color(NAMED[word])
    return None


def over(fg, bg):
    a = fg[3]
    return tuple(fg[i] * a + bg[i] * (1 - a) for i in range(3)) + (1.0,)


def luminance(c):
    def lin(x):
        x /= 255
        return x / 12.92 if x <= 0.03928 else ((x + 0.055) / 1.055) ** 2.4
    return 0.2126 * lin(c[0]) + 0.7152 * lin(c[1]) + 0.0722 * lin(c[2])


def ratio(fg, bg):
    bg = over(bg, (255, 255, 255, 1.0))
    fg = over(fg, bg)
    l1, l2 = luminance(fg), luminance(bg)
    hi, lo = max(l1, l2), min(l1, l2)
    return (hi + 0.05) / (lo + 0.05)


def hexof(c):
    return "#%02x%02x%02x" % tuple(int(round(x)) for x in c[:3])


def background_of(decls, variables):
    for k in ("background-color", "background"):
        if k in decls:
            v = resolve(decls[k], variables)
            if "gradient" in v or "url(" in v:
                return "skip"
            c = parse_color(v)
            if c is not None:
                return c
            return "none"
    return None


# Selectors: type, .class, #id, compounds of them, descendant and child
# combinators (both read as descendant), :root; the state pseudo-classes
# (:visited, :hover, :focus...) count as the element's other looks; any
# other selector (attributes, siblings, :target, ::before) is skipped.
STATES = {"visited", "hover", "focus", "active", "focus-visible",
          "focus-within", "link"}
COMPOUND = re.compile(r"^([a-z][a-z0-9-]*|\*)?((?:[.#][\w-]+)*)((?::[\w-]+)*)$",
                      re.I)


def parse_selector(sel):
    """[(tag, id, classes)] from outermost to innermost, and the state
    pseudo-classes, or None when the selector is outside what we read."""
    sel = sel.replace(">", " ")
    if re.search(r"[\[~+]|::|\(", sel):
        return None
    out, states = [], set()
    for part in sel.split():
        if part == ":root":
            out.append(("html", None, frozenset()))
            continue
        m = COMPOUND.match(part)
        if not m:
            return None
        tag = m.group(1) if m.group(1) not in (None, "*") else None
        ident, classes = None, set()
        for kind, name in re.findall(r"([.#])([\w-]+)", m.group(2)):
            if kind == "#":
                ident = name
            else:
                classes.add(name)
        for ps in m.group(3).split(":")[1:]:
            if ps.lower() not in STATES:
                return None
            states.add(ps.lower())
        out.append((tag and tag.lower(), ident, frozenset(classes)))
    return (out, frozenset(states)) if out else None


def specificity(compounds, states):
    return (sum(1 for c in compounds if c[1]),
            sum(len(c[2]) for c in compounds) + len(states),
            sum(1 for c in compounds if c[0]))


def _matches_one(c, node):
    tag, ident, classes = c
    return (tag is None or node.tag == tag) and \
        (ident is None or node.attrs.get("id") == ident) and \
        classes <= set(node.attrs.get("class", "").split())


def matches(compounds, node):
    if not _matches_one(compounds[-1], node):
        return False
    i, n = len(compounds) - 2, node.parent
    while i >= 0 and n is not None and n.tag != "#document":
        if _matches_one(compounds[i], n):
            i -= 1
        n = n.parent
    return i < 0


class Palette:
    """The rules of one context (screen, or an @media block on top), read
    for colour and background."""

    def __init__(self, rules):
        self.variables = {}
        for _, decls in rules:
            for k, v in decls.items():
                if k.startswith("--"):
                    self.variables[k] = v
        self.rules = []
        for order, (sel, decls) in enumerate(rules):
            fg = parse_color(resolve(decls["color"], self.variables)) \
                if "color" in decls else None
            bg = background_of(decls, self.variables)
            if fg is None and bg is None:
                continue
            for one in sel.split(","):
                p = parse_selector(one.strip())
                if p:
                    self.rules.append((specificity(*p), order, p[0], p[1],
                                       one.strip(), fg, bg))

    def computed(self, node, state=None):
        """(colour, own background or None, selector that set the colour)."""
        fg = bg = None
        best_fg = best_bg = None
        for spec, order, comp, states, sel, c, b in self.rules:
            if states and (state is None or state not in states):
                continue
            if not matches(comp, node):
                continue
            key = (spec, order)
            if c is not None and (best_fg is None or key >= best_fg[0]):
                best_fg = (key, c, sel)
            if b is not None and (best_bg is None or key >= best_bg[0]):
                best_bg = (key, b)
        if best_fg:
            fg = best_fg
        if best_bg:
            bg = best_bg[1]
        style = node.attrs.get("style", "")
        if style:
            decls = dict((k.strip().lower(), v.strip()) for k, v in
                         (d.split(":", 1) for d in style.split(";")
                          if ":" in d))
            if "color" in decls:
                c = parse_color(resolve(decls["color"], self.variables))
                if c:
                    fg = ((9, 9, 9), c, 'style="%s"' % style)
            b = background_of(decls, self.variables)
            if b is not None:
                bg = b
        return fg, (bg if bg not in ("none", "skip") else None)


def signature(node):
    out = []
    n = node
    while n is not None and n.tag != "#document":
        out.append((n.tag, n.attrs.get("id"), n.attrs.get("class"),
                    n.attrs.get("style")))
        n = n.parent
    return tuple(out)


def element_pairs(palette, node, state=None):
    """The colour and background an element's text is drawn with."""
    chain = [node] + list(a for a in node.ancestors() if a.tag != "#document")
    fg, fg_sel = None, None
    bgs = []
    for i, n in enumerate(chain):
        c, b = palette.computed(n, state if i == 0 else None)
        if fg is None and c is not None:
            fg, fg_sel = c[1], c[2]
        if b is not None:
            bgs.append((b, n))
    fg = fg or (0, 0, 0, 1.0)
    bg = (255, 255, 255, 1.0)
    bg_of = "canvas"
    for b, n in reversed(bgs):
        bg = over(b, bg)
        bg_of = n
    return fg, bg, fg_sel or "default", bg_of


def check_pages(texts, pages):
    """texts: the CSS in cascade order; pages: [(name, tree)]. Every
    element with text of its own, in every look its state rules give it,
    in every palette. Returns (pairs checked, problems)."""
    rules = []
    for t in texts:
        rules.extend(blocks(t))
    contexts = [None]
    for c, _, d in rules:
        if c is not None and c not in contexts and any(
                k.startswith("--") or k in ("color", "background",
                                            "background-color") for k in d):
            contexts.append(c)
    seen, checked, problems = {}, 0, {}
    for ctx in contexts:
        pal = Palette([(s, d) for c, s, d in rules if c in (None, ctx)])
        states = sorted({st for r in pal.rules for st in r[3]})
        label = "@media " + ctx if ctx else "default"
        for name, tree in pages:
            for e in tree.iter():
                if e.tag in ("script", "style", "title", "head") or not any(
                        isinstance(c, str) and c.strip() for c in e.children):
                    continue
                sig = signature(e)
                for st in [None] + [x for x in states]:
                    key = (ctx, sig, st)
                    if key in seen:
                        continue
                    fg, bg, fg_sel, bg_of = element_pairs(pal, e, st)
                    r = ratio(fg, bg)
                    seen[key] = r
                    checked += 1
                    if r < 4.5:
                        where = bg_of.tag + ("." + ".".join(
                            bg_of.attrs.get("class", "").split())
                            if bg_of.attrs.get("class") else "") \
                            if bg_of != "canvas" else "the page"
                        what = e.tag + ("." + ".".join(e.attrs.get(
                            "class", "").split()) if e.attrs.get("class")
                            else "") + (":" + st if st else "")
                        msg = ("%s: <%s> text %s (color from %s) on %s "
                               "(background of %s): %.2f:1, below 4.5:1" % (
                                   label, what, hexof(over(fg, bg)), fg_sel,
                                   hexof(bg), where, r))
                        if msg not in problems:
                            problems[msg] = [0, "%s line %d" % (name, e.line)]
                        problems[msg][0] += 1
    problems = ["%s; %d elements, first %s" % (m, n, first)
                for m, (n, first) in problems.items()]
    return checked, problems


def main():
    import os
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    import htmltree
    if len(sys.argv) != 2:
        sys.exit("usage: contrast.py SITE_DIR")
    site, css, pages = sys.argv[1], [], []
    for d, dirs, files in os.walk(site):
        dirs.sort()
        for name in sorted(files):
            path = os.path.join(d, name)
            if name.endswith(".css"):
                with open(path, encoding="utf-8") as f:
                    css.append(f.read())
            elif name.endswith(".html"):
                t = htmltree.parse_file(path)
                pages.append((os.path.relpath(path, site), t))
                css += [e.text() for e in t.iter("style")]
    checked, problems = check_pages(list(dict.fromkeys(css)), pages)
    for p in problems:
        print("contrast: " + p)
    print("contrast: %d element looks checked, %d below 4.5:1"
          % (checked, len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
