# kill -9 at two random moments (fixed seed) of corpus import, corpus link
# and site, and at every checkpoint of corpus link: git fsck --strict is
# clean and the next run completes to the refs (the files) of a run never
# interrupted. `make faults` runs 20 moments each on every embedded release.
sh tests/faults.sh "$STIGDIFF" kill 2 2>/dev/null
echo "exit=$?"
