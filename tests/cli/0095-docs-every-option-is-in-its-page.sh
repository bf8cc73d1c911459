# Every command in `stigdiff help` has its man page source
# docs/stigdiff-COMMAND.md, which describes every option its --help (and
# each subcommand's --help) prints; docs/stigdiff.md names every command;
# every page converts to a man page groff renders without a warning
# (tests/docs-check.py, docs/man-pages.md).
python3 tests/docs-check.py "$STIGDIFF" docs; echo "exit=$?"
