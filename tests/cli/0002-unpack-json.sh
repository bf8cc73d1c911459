# --json: the same rows as a JSON array; an XCCDF 1.2 data stream and a 1.1 file.
"$STIGDIFF" unpack --json tests/fixtures/xccdf; echo "exit=$?"
