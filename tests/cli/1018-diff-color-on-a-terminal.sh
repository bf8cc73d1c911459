# On a terminal the text output is coloured (auto), unless NO_COLOR is set
# or TERM is dumb. script(1) provides the terminal.
command -v script >/dev/null || { echo "SKIP: script(1) is absent"; exit 77; }
CMD="'$STIGDIFF' diff --only changed --fields fix tests/fixtures/diff/old.xml tests/fixtures/diff/new.xml"
TERM=xterm script -qec "$CMD" /dev/null | tr -d '\r' | sed 's/\x1b\[\([0-9;]*\)m/<\1>/g' | grep 'PKI'
TERM=xterm NO_COLOR=1 script -qec "$CMD" /dev/null | tr -d '\r' | grep 'PKI'
TERM=dumb script -qec "$CMD" /dev/null | tr -d '\r' | grep 'PKI'
