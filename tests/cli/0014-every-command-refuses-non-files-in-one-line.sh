# A FIFO, a directory named .xml and an unreadable file given where a
# command reads a file: one error line naming it, exit 2 (1 for walkers
# that go on), never a wait on the FIFO. tests/faults.sh, section inputs.
sh tests/faults.sh "$STIGDIFF" inputs
echo "exit=$?"
