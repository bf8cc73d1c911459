# An import started while another holds the corpus lock says it waits and
# then finds every release present; with --no-wait it fails with one line.
sh tests/faults.sh "$STIGDIFF" lock 2>/dev/null
echo "exit=$?"
