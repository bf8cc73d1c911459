# Every option `stigdiff <command> --help` prints (and each corpus and
# checklist subcommand's) has its definition in the OPTIONS section of
# docs/stigdiff-<command>.md: a line starting with the option in
# backquotes (`--output=FILE`), its short form on the same line.
defs() { awk '/^## OPTIONS/ { f = 1; next } /^## / { f = 0 } f && /^`/' "$1"; }
check() {
	page=docs/stigdiff-$1.md; shift
	"$STIGDIFF" "$@" --help | grep -E '^ +(-[A-Za-z], )?--[a-z]' |
	sed -E 's/^ +((-[A-Za-z]), )?(--[a-z0-9-]+).*/\2 \3/' | {
		n=0
		while read -r a b; do
			if [ -n "$b" ]; then short=$a long=$b; else short= long=$a; fi
			n=$((n + 1))
			line=$(defs "$page" | grep -E "\`$long[\`=]" | head -n 1)
			if [ -z "$line" ]; then
				echo "$page: $* $long: not in OPTIONS"
			elif [ -n "$short" ] && ! printf '%s\n' "$line" | grep -q "\`$short\`"; then
				echo "$page: $* $long: $short not on its line"
			fi
		done
		echo "$page: $* --help: $n options"
	}
}
for c in unpack normalize diff notes map lineage migrate cci controls site export; do
	check $c $c
done
for s in init import link list log show search diff; do check corpus corpus $s; done
for s in new set convert stats check; do check checklist checklist $s; done
# Every page has the sections of docs/README.md, in order.
for p in docs/stigdiff.md docs/stigdiff-*.md; do
	grep -E '^## (SYNOPSIS|DESCRIPTION|OPTIONS|EXIT STATUS|EXAMPLES|SEE ALSO)$' "$p" |
	tr '\n' ',' | grep -qx '## SYNOPSIS,## DESCRIPTION,## OPTIONS,## EXIT STATUS,## EXAMPLES,## SEE ALSO,' ||
	echo "$p: sections missing or out of order"
done
# The check fails on a page that lacks an option.
sed '/^`--strict`/,+1d' docs/stigdiff-diff.md > "$TMP/stigdiff-diff.md"
defs "$TMP/stigdiff-diff.md" | grep -c '`--strict' 
