# A convert killed while writing (kill -9) leaves its hidden temporary
# beside the output, named after its process; the next convert to the same
# file removes it. A temporary of a process still running is left alone.
# (Dead pid: a shell that has exited.)
dead=$(sh -c 'echo $$')
mkdir "$TMP/o"
: > "$TMP/o/.x.cklb.tmp-$dead-AbCdEf"
: > "$TMP/o/.x.cklb.tmp-$$-AbCdEf"
: > "$TMP/o/.other.cklb.tmp-$dead-AbCdEf"
"$STIGDIFF" checklist convert --force --format cklb -o "$TMP/o/x.cklb" \
	tests/fixtures/checklist/html-decode.ckl
echo "exit=$?"
ls -A "$TMP/o" | sed "s/$$/LIVE/; s/$dead/DEAD/"
