# stigdiff help, --help on a command, help for an unknown command.
"$STIGDIFF" help; echo "exit=$?"
"$STIGDIFF" help unpack; echo "exit=$?"
"$STIGDIFF" normalize --help; echo "exit=$?"
"$STIGDIFF" help frobnicate; echo "exit=$?"
"$STIGDIFF"; echo "exit=$?"
