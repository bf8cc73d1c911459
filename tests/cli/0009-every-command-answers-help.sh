# Every command and subcommand answers --help with its usage (exit 0), the
# same text as 'stigdiff help COMMAND [SUBCOMMAND]'; --version names the
# version; results that cannot be written are trouble (exit 2).
cmds=$("$STIGDIFF" help | awk '/^Commands:/ { on = 1; next } on && !NF { exit } on { print $1 }')
for c in $cmds; do
	case $c in
	corpus) subs="init import list log show search diff" ;;
	checklist) subs="new merge set convert stats check diff" ;;
	*) subs="-" ;;
	esac
	for s in $subs; do
		[ "$s" = - ] && s=
		"$STIGDIFF" $c $s --help > "$TMP/a" 2>&1; rc=$?
		"$STIGDIFF" help $c $s > "$TMP/b" 2>&1
		cmp -s "$TMP/a" "$TMP/b" && same=same || same=DIFFERS
		echo "$c${s:+ $s}: exit=$rc, help $same: $(head -n 1 "$TMP/a")"
	done
done
"$STIGDIFF" --version | sed 's/[0-9][0-9.]*/N/'; echo "exit=$?"
"$STIGDIFF" unpack tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml > /dev/full; echo "exit=$?"
"$STIGDIFF" normalize tests/fixtures/xccdf/exch19-edge-3rules-xccdf.xml > /dev/full; echo "exit=$?"
"$STIGDIFF" --version > /dev/full; echo "exit=$?"
