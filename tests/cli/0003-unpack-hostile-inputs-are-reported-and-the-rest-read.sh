# Each broken input gets one line naming archive and member; the good ones
# are still listed; the exit status is 1.
Z=tests/fixtures/zips
"$STIGDIFF" unpack $Z/truncated.zip $Z/bad-crc.zip $Z/bomb.zip $Z/too-deep.zip \
	$Z/encrypted.zip $Z/wrong-types.zip $Z/empty-file.zip $Z/not-a-zip.zip \
	tests/fixtures/xml/xxe.xml tests/fixtures/xml/billion-laughs.xml \
	tests/fixtures/nothing-here.zip $Z/nested.zip
echo "exit=$?"
"$STIGDIFF" unpack --max-entries 10 $Z/many-entries.zip; echo "exit=$?"
"$STIGDIFF" unpack --max-ratio 2000 --max-bytes 1M $Z/bomb.zip; echo "exit=$?"
"$STIGDIFF" unpack --max-depth 8 $Z/too-deep.zip | cut -f1; echo "exit=$?"
