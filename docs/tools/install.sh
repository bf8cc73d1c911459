#!/bin/sh
# install.sh install DESTDIR PREFIX < LIST: copy each "MODE SOURCE PATH"
# line of LIST to DESTDIR/PATH, and write what it installed and every
# directory it had to create to PREFIX/share/stigdiff/install-manifest.
# install.sh uninstall DESTDIR PREFIX: remove what that manifest names,
# then the directories it created once they are empty, so that nothing
# the install added is left and nothing that was there before is taken.
# Run by `make install` and `make uninstall` (README "Install").
set -e
action=$1 destdir=$2 prefix=$3
manifest=$prefix/share/stigdiff/install-manifest
case $action in install|uninstall) ;; *)
	echo "usage: install.sh install|uninstall DESTDIR PREFIX" >&2; exit 2 ;;
esac
case $prefix in /*) ;; *)
	echo "error: PREFIX must be an absolute path, not '$prefix'" >&2; exit 2 ;;
esac

if [ "$action" = uninstall ]; then
	if [ ! -f "$destdir$manifest" ]; then
		echo "error: nothing to uninstall: no '$destdir$manifest'" \
		     "(the same PREFIX and DESTDIR as make install?)" >&2
		exit 1
	fi
	# Files first (the manifest last), then the directories deepest
	# first, each only when empty.
	dirs=$(sed -n 's/^dir //p' "$destdir$manifest" | sort -r)
	sed -n 's/^file //p' "$destdir$manifest" | while IFS= read -r f; do
		[ "$f" = "$manifest" ] && continue
		rm -f "$destdir$f"
		echo "remove $f"
	done
	rm -f "$destdir$manifest"
	echo "$dirs" | while IFS= read -r d; do
		[ -n "$d" ] && rmdir "$destdir$d" 2>/dev/null || :
	done
	exit 0
fi

tmp=$(mktemp)
trap 'rm -f "$tmp" "$tmp.dirs"' EXIT
: > "$tmp.dirs"
# A reinstall keeps the directories the first install created.
[ -f "$destdir$manifest" ] && sed -n '/^dir /p' "$destdir$manifest" > "$tmp.dirs"

# mkdir -p, noting each directory that did not exist.
make_dir() {
	d=$1
	while [ "$d" != / ] && [ ! -d "$destdir$d" ]; do
		echo "dir $d" >> "$tmp.dirs"
		d=$(dirname "$d")
	done
	mkdir -p "$destdir$1"
}

while read -r mode src path; do
	[ -n "$path" ] || continue
	make_dir "$(dirname "$path")"
	# Through a temporary name: a half-copied file is never in place.
	cp "$src" "$destdir$path.tmp$$"
	chmod "$mode" "$destdir$path.tmp$$"
	mv -f "$destdir$path.tmp$$" "$destdir$path"
	echo "file $path" >> "$tmp"
	echo "install $path"
done
make_dir "$(dirname "$manifest")"
echo "file $manifest" >> "$tmp"
sort -u "$tmp.dirs" >> "$tmp"
cp "$tmp" "$destdir$manifest"
chmod 644 "$destdir$manifest"
