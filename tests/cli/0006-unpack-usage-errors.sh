# Usage errors exit 2 with a hint.
"$STIGDIFF" unpack; echo "exit=$?"
"$STIGDIFF" unpack --bogus x; echo "exit=$?"
"$STIGDIFF" unpack --max-bytes lots x; echo "exit=$?"
"$STIGDIFF" unpack -o; echo "exit=$?"
