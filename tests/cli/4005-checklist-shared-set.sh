# Every checklist of ../shared/checklists either reads (stats exit 0) or
# fails with one line naming the file.
[ -d "$SHARED/checklists" ] || { echo "SKIP: $SHARED/checklists is absent"; exit 77; }
cd "$SHARED/checklists"
for f in ckl/* cklb/*; do
	"$STIGDIFF" checklist stats "$f" > /dev/null 2> "$TMP/err"
	rc=$?
	[ $rc = 0 ] || { echo "$f: exit=$rc"; cat "$TMP/err"; }
done
echo done
