# The lineage of Exchange 2003's EMG2-803 across the embedded corpus: the
# curated hop to Exchange 2010, then content hops to 2013, 2016 and 2019
# (V-259642).
"$STIGDIFF" lineage EMG2-803
echo "exit=$?"
