#!/bin/sh
# deb.sh BUILD VERSION MAINTAINER MAKE...: a Debian package of what
# `make install PREFIX=/usr` installs, built with dpkg-deb into
# BUILD/stigdiff_<version>_<arch>.deb. Its Depends name the packages of
# the shared libraries the binary links (dpkg-shlibdeps, from dpkg-dev;
# without it, the packages owning those libraries, unversioned). Run by
# `make deb` (docs/install.md).
set -e
build=$1 version=$2 maintainer=$3
shift 3
work=$build/deb
root=$work/root
rm -rf "$work"
mkdir -p "$work/debian"
"$@" --no-print-directory install DESTDIR="$(pwd)/$root" PREFIX=/usr > "$work/install.log"
# dpkg keeps the list of files: no manifest of make install's.
rm -f "$root/usr/share/stigdiff/install-manifest"
strip --strip-unneeded "$root/usr/bin/stigdiff"
gzip -9n "$root"/usr/share/man/man1/*.1

arch=$(dpkg --print-architecture)
# Debian orders 0.1.0~dev before 0.1.0.
debversion=$(echo "$version" | sed 's/-/~/')
if command -v dpkg-shlibdeps > /dev/null; then
	printf 'Source: stigdiff\n\nPackage: stigdiff\nArchitecture: any\n' \
		> "$work/debian/control"
	depends=$(cd "$work" && dpkg-shlibdeps -O root/usr/bin/stigdiff 2>/dev/null |
		sed -n 's/^shlibs:Depends=//p')
else
	depends=$(objdump -p "$root/usr/bin/stigdiff" | awk '/NEEDED/ { print $2 }' |
		while read -r lib; do
			path=$(ldd "$root/usr/bin/stigdiff" | awk -v l="$lib" '$1 == l { print $3 }')
			[ -n "$path" ] && dpkg -S "$(readlink -f "$path")" 2>/dev/null |
				sed -n '1s/:.*//p'
		done | sort -u | paste -sd, - | sed 's/,/, /g')
fi
[ -n "$depends" ] || { echo "deb: cannot name the libraries' packages" >&2; exit 1; }
size=$(du -sk "$root" | cut -f1)
mkdir -p "$root/DEBIAN"
cat > "$root/DEBIAN/control" <<EOF
Package: stigdiff
Version: $debversion
Architecture: $arch
Maintainer: $maintainer
Installed-Size: $size
Depends: $depends
Section: utils
Priority: optional
Description: DISA STIG content: diff releases, follow rules, carry checklists over
 stigdiff reads DISA STIG releases (zips, XCCDF, SCAP data streams) and
 STIG Viewer checklists: what changed between two releases rule by rule,
 where a rule went across releases and products, a checklist carried over
 to a new release with a report of what could not be carried, a git-backed
 corpus of every release, and a static site of it.
EOF
deb=$build/stigdiff_${debversion}_$arch.deb
dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" > /dev/null
echo "$deb"
