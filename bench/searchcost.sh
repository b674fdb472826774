#!/usr/bin/env bash
# What search costs app.wasm (issue 11: at most 25 kB brotli): app.wasm of
# REV as it is, and of the same code with the search box, the search
# page's content, the first search page's takeover and kept results (and
# the slot Source.kept hands them out of), the query the page's navigation
# puts in the box (showQuery), the results drawn at once from kept files
# (and the address the search box names for it) and the client's searcher
# taken out (app/search's searcher is then left out by the linker), both
# built with the Makefile's flags and compressed by tools/precompress.
#
#   bash bench/searchcost.sh [REV [PAIRS]]    (default HEAD and 5; run from the repository)
#
# Brotli's size of Go's wasm moves by kilobytes with changes that have
# nothing to do with search (a function more shifts every call's index, a
# string more every address after it): the same two builds differed by
# 25.7 kB, and by 32.2 kB after a change that took 12 kB of raw code out
# of the full build alone. So the two are built PAIRS times, each pair with
# the same few bytes of padding added to both (pairs 2 and on: a string and
# a function of growing size, kept by an init), and the cost reported is
# the median of the pairs' differences, with their range.
#
# It works in a throwaway worktree and fails loudly when an edit no longer
# applies (the code it edits has moved): fix the edit, never the figure.
set -euo pipefail

root=$(git rev-parse --show-toplevel)
rev=$(git -C "$root" rev-parse --short "${1:-HEAD}")
pairs=${2:-5}
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add --detach "$tmp/src" "$rev" >/dev/null
cd "$tmp/src"

build() {
	GOOS=js GOARCH=wasm go build -trimpath -buildvcs=false -ldflags="-s -w" -o "$1" .
}

# edit FILE PATTERN REPLACEMENT: one line matching PATTERN becomes
# REPLACEMENT (indentation kept), or the script stops.
edit() {
	local n
	n=$(grep -c -E "$2" "$1" || true)
	if [ "$n" != 1 ]; then
		echo "searchcost: $1: want one line matching '$2', found $n" >&2
		exit 1
	fi
	sed -i -E "s/^([[:space:]]*)$2\$/\\1$3/" "$1"
}

cp -r "$tmp/src" "$tmp/full"
edit components/shell.go 'searchForm\(t, s\.Query, s\.Searching\),' 'nil,'
edit components/page.go 'content = searchContent\(site, ref, d\.Found\)' 'content = nil'
edit app/client/client.go 'if f := d\.Found; err == nil \&\& r\.Kind == page\.Search \&\& r\.Slug != "" \&\& f != nil \{' 'if f := d.Found; false \&\& f != nil {'
edit app/client/client.go 'if f := s\.first; f != nil \{' 'if f := (*firstSearch)(nil); f != nil {'
edit app/client/client.go 'if r\.Kind\.HasData\(\) \|\| r\.Kind == page\.Search \{' 'if r.Kind.HasData() {'
edit app/client/client.go 'if r\.Kind == page\.Search \&\& !drawnResults\(main, r\) \{' 'if false {'
n=$(grep -c '^func (s \*Source) search(r page.Ref) (page.Data, error) {$' app/client/client.go || true)
if [ "$n" != 1 ]; then
	echo "searchcost: app/client/client.go: the searcher is not where this script expects it" >&2
	exit 1
fi
sed -i '/^func (s \*Source) search(r page.Ref) (page.Data, error) {$/,/^}$/c\
func (s *Source) search(r page.Ref) (page.Data, error) { return page.Data{Found: \&page.Found{}}, nil }' app/client/client.go
n=$(grep -c '^func (s \*Source) searchAtHand(r page.Ref) (page.Data, bool) {$' app/client/client.go || true)
if [ "$n" != 1 ]; then
	echo "searchcost: app/client/client.go: the searcher's kept answers are not where this script expects them" >&2
	exit 1
fi
sed -i '/^func (s \*Source) searchAtHand(r page.Ref) (page.Data, bool) {$/,/^}$/c\
func (s *Source) searchAtHand(r page.Ref) (page.Data, bool) { return page.Data{}, false }' app/client/client.go
n=$(grep -c '^func showQuery(query string) {$' components/search.go || true)
if [ "$n" != 1 ]; then
	echo "searchcost: components/search.go: showQuery is not where this script expects it" >&2
	exit 1
fi
sed -i '/^func showQuery(query string) {$/,/^}$/c\
func showQuery(query string) {}' components/search.go # the box's query, put in by the page's navigation
edit components/page.go 'newPage := func\(\) app\.Composer \{ return \&Page\{Site: site, Source: src, Next: takeNext\(\)\} \}' 'newPage := func() app.Composer { return \&Page{Site: site, Source: src} }'
edit app/client/client.go 'searcher \*search\.Searcher' ''
edit app/client/client.go '"dateline\/app\/search"' ''
edit app/client/client.go '"github.com\/maxence-charriere\/go-app\/v10\/pkg\/app"' '' # search logged its errors

# pad K: the same padding in both trees, none for K = 0.
pad() {
	local k=$1 dir
	for dir in "$tmp/full" "$tmp/src"; do
		if [ "$k" = 0 ]; then
			rm -f "$dir/searchcost_pad.go"
			continue
		fi
		{
			echo 'package main'
			echo
			printf 'var searchcostPadText = "%s"\n' "$(head -c $((k * 300)) /dev/zero | tr '\0' 'x' | fold -w 7 | nl -ba -w1 -s: | tr -d '\n')"
			echo
			echo '//go:noinline'
			echo 'func searchcostPad(n int) int {'
			echo '	switch n {'
			for i in $(seq "$k"); do
				echo "	case $i:"
				echo "		return len(searchcostPadText) * $((i * 7 + 3))"
			done
			echo '	}'
			echo '	return 0'
			echo '}'
			echo
			echo 'func init() { _ = searchcostPad(len(searchcostPadText)) }'
		} >"$dir/searchcost_pad.go"
	done
}

costs=()
for k in $(seq 0 $((pairs - 1))); do
	pad "$k"
	(cd "$tmp/full" && build "$tmp/full$k.wasm")
	build "$tmp/none$k.wasm"
	(cd "$root" && go run ./tools/precompress "$tmp/full$k.wasm" "$tmp/none$k.wasm" >/dev/null)
	full=$(stat -c %s "$tmp/full$k.wasm.br")
	none=$(stat -c %s "$tmp/none$k.wasm.br")
	rawfull=$(stat -c %s "$tmp/full$k.wasm")
	rawnone=$(stat -c %s "$tmp/none$k.wasm")
	cost=$((full - none))
	costs+=("$cost")
	echo "pair $((k + 1)): app.wasm $full B brotli ($rawfull B raw); without search $none B ($rawnone B): search $cost B brotli, $((rawfull - rawnone)) B raw"
done
printf '%s\n' "${costs[@]}" | sort -n | awk -v rev="$rev" '
	{ c[NR] = $1 }
	END {
		m = (NR % 2) ? c[(NR + 1) / 2] : (c[NR / 2] + c[NR / 2 + 1]) / 2
		printf "search costs app.wasm at %s %.1f kB brotli, median of %d pairs (%.1f-%.1f kB); the target is at most 25 kB\n", rev, m / 1000, NR, c[1] / 1000, c[NR] / 1000
	}'
