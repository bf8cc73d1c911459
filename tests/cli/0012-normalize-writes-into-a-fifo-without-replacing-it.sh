# -o naming a FIFO (or a device such as /dev/null) writes into it; it is
# never replaced by a regular file.
mkfifo "$TMP/pipe"
cat "$TMP/pipe" > "$TMP/got" &
"$STIGDIFF" normalize -o "$TMP/pipe" corpus/reconstructed; echo "exit=$?"
wait
test -p "$TMP/pipe" && echo "still a FIFO"
grep -c '<rule ' "$TMP/got"
