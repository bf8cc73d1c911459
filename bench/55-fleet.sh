# migrate over a fleet: 200 checklists (bench/mkfleet.sh: four STIGs, a
# few multi-STIG, four broken) migrated to the next releases in one run;
# milliseconds of CPU per checklist, and peak RSS for 50 and for 200
# checklists (it must not grow with their number).
bench_fleet() {
	L=$SHARED/disa/library/xccdf
	if [ ! -d "$L" ]; then
		echo "fleet: $L is absent; skipped"
		return 0
	fi
	TO="--to $L/U_MS_Windows_10_STIG_V2R5_Manual-xccdf__96614f89.zip
	    --to $L/U_MS_IE11_STIG_V2R5_Manual-xccdf__1b456416.zip
	    --to $L/U_Google_Chrome_STIG_V2R7_Manual-xccdf__23c1151b.zip
	    --to $L/U_MS_DotNet_Framework_4-0_STIG_V2R6_Manual-xccdf__0d9d20ba.zip"
	for n in 50 200; do
		rm -rf "$WORK/fleet$n"
		sh bench/mkfleet.sh "$SD" "$L" "$WORK/fleet$n" "$n"
		# shellcheck disable=SC2086
		printf '"%s" migrate %s -f -o "%s" --report "%s" "%s" 2>/dev/null\nexit 0\n' \
			"$SD" "$(echo $TO)" "$WORK/out$n" "$WORK/fleet$n.md" \
			"$WORK/fleet$n" > "$WORK/fleet$n.sh"
		eval "rss$n=\$(peak_rss sh \"\$WORK/fleet$n.sh\")"
		eval "cpu$n=\$(RUNS=3 cpu_time sh \"\$WORK/fleet$n.sh\")"
	done
	migrated=$(find "$WORK/out200" -name '*.ckl' | wc -l)
	echo "migrate, a fleet of 200 checklists (4 STIGs, multi-STIG, 4 broken) in one run:"
	report "checklists migrated" "$migrated" "(196 expected)"
	report "CPU (user+sys), 200 checklists" "${cpu200}s"
	report "  per checklist" "$(printf '%.1f ms' "$(echo "$cpu200 * 1000 / 200" | bc -l)")" "(target < 50)"
	report "peak RSS, 50 checklists" "${rss50} MB"
	report "peak RSS, 200 checklists" "${rss200} MB" "(target: as for 50)"
}
bench_fleet
