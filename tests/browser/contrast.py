#!/usr/bin/env python3
"""contrast.py CSS_FILE...: WCAG 2 contrast of the site's palette.

Reads the stylesheets (comments dropped, @media blocks kept apart),
resolves custom properties (var(--x, fallback)) and computes the contrast
ratio of every text colour against the background it is drawn on: a rule
that sets `color` is paired with its own background, else with the page
background (`body`, `html` or `:root`); a rule that sets only a background
is paired with the page's text colour. Each @media block (a dark scheme)
is checked again with its own custom properties and rules on top of the
top-level ones. Ratios below 4.5:1 fail (WCAG 2.x AA, normal text).

What it cannot know: the nesting of the DOM (a coloured badge inside a
shaded table cell is paired with the page background, not the cell's).
Translucent colours are composed over the background they sit on.
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
PAGE_SELECTORS = {"body", "html", ":root"}


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
            if v.strip() in ("transparent", "inherit", "none", "initial",
                             "unset", "currentcolor"):
                return None
    return None


def check(rules, label):
    """rules: [(selector, decls)] in cascade order. Returns (checked,
    problems)."""
    variables = {}
    for sel, decls in rules:
        for k, v in decls.items():
            if k.startswith("--"):
                variables[k] = v
    page_fg, page_bg = (0, 0, 0, 1.0), (255, 255, 255, 1.0)
    for sel, decls in rules:
        if {s.strip() for s in sel.split(",")} & PAGE_SELECTORS:
            if "color" in decls:
                c = parse_color(resolve(decls["color"], variables))
                page_fg = c or page_fg
            b = background_of(decls, variables)
            if b not in (None, "skip"):
                page_bg = b
    checked, problems = [], []
    pairs = [("page", page_fg, page_bg)]
    for sel, decls in rules:
        fg = bg = None
        if "color" in decls:
            fg = parse_color(resolve(decls["color"], variables))
        b = background_of(decls, variables)
        if b == "skip":
            continue
        bg = b
        if fg is None and bg is None:
            continue
        pairs.append((sel, fg or page_fg, over(bg, page_bg) if bg else page_bg))
    for sel, fg, bg in pairs:
        r = ratio(fg, bg)
        line = "%s: %s: %s on %s: %.2f:1" % (label, sel, hexof(over(fg, bg)),
                                            hexof(bg), r)
        checked.append(line)
        if r < 4.5:
            problems.append(line + " (below 4.5:1)")
    return checked, problems


def check_css(texts):
    rules = []
    for t in texts:
        rules.extend(blocks(t))
    top = [(s, d) for c, s, d in rules if c is None]
    contexts = []
    for c, _, _ in rules:
        if c is not None and c not in contexts:
            contexts.append(c)
    checked, problems = check(top, "default")
    for ctx in contexts:
        # Only media blocks that change colours are a palette of their own.
        extra = [(s, d) for c, s, d in rules if c == ctx]
        if not any(k.startswith("--") or k in ("color", "background",
                   "background-color") for _, d in extra for k in d):
            continue
        c2, p2 = check(top + extra, "@media " + ctx)
        checked += c2
        problems += p2
    return checked, problems


def main():
    files = [a for a in sys.argv[1:] if a != "-v"]
    if not files:
        sys.exit("usage: contrast.py [-v] CSS_FILE...")
    texts = []
    for p in files:
        with open(p, encoding="utf-8") as f:
            texts.append(f.read())
    checked, problems = check_css(texts)
    for p in problems:
        print("contrast: " + p)
    print("contrast: %d text/background pairs, %d below 4.5:1"
          % (len(checked), len(problems)))
    if "-v" in sys.argv:
        print("\n".join(checked))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
