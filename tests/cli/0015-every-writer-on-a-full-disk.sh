# Every writer on a full disk (a 1 MiB tmpfs, 0 and a few KiB free): one
# error line naming ENOSPC and nothing half-written; the corpus and the
# site as they were, completed once there is room. Needs mount (root).
sh tests/faults.sh "$STIGDIFF" disk
rc=$?
[ $rc -eq 77 ] && exit 77
echo "exit=$rc"
