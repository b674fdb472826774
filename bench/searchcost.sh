#!/usr/bin/env bash
# What search costs app.wasm (issue 11: at most 25 kB brotli): app.wasm of
# REV as it is, and of the same code with the search box, the search
# page's content, the first search's kept results and the client's searcher
# taken out (app/search's searcher is then left out by the linker), both
# built with the Makefile's flags and compressed by tools/precompress.
#
#   bash bench/searchcost.sh [REV]    (default HEAD; run from the repository)
#
# It works in a throwaway worktree and fails loudly when an edit no longer
# applies (the code it edits has moved): fix the edit, never the figure.
set -euo pipefail

rev=${1:-HEAD}
root=$(git rev-parse --show-toplevel)
tmp=$(mktemp -d)
trap 'git -C "$root" worktree remove --force "$tmp/src" >/dev/null 2>&1 || true; rm -rf "$tmp"' EXIT
git -C "$root" worktree add --detach "$tmp/src" "$rev" >/dev/null
cd "$tmp/src"

build() {
	GOOS=js GOARCH=wasm go build -trimpath -ldflags="-s -w" -o "$1" .
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

build "$tmp/full.wasm"
edit components/shell.go 'searchForm\(t, s\.Query, s\.Searching\),' 'nil,'
edit components/page.go 'content = searchContent\(site, ref, d\.Found\)' 'content = nil'
edit main_wasm.go 'src\.KeepFirstSearch\(ref, d\)' '_ = d'
n=$(grep -c '^func (s \*Source) search(r page.Ref) page.Data {$' app/client/client.go || true)
if [ "$n" != 1 ]; then
	echo "searchcost: app/client/client.go: the searcher is not where this script expects it" >&2
	exit 1
fi
sed -i '/^func (s \*Source) search(r page.Ref) page.Data {$/,/^}$/c\
func (s *Source) search(r page.Ref) page.Data { return page.Data{Found: \&page.Found{}} }' app/client/client.go
edit app/client/client.go 'searcher \*search\.Searcher' ''
edit app/client/client.go '"dateline\/app\/search"' ''
build "$tmp/none.wasm"
(cd "$root" && go run ./tools/precompress "$tmp/full.wasm" "$tmp/none.wasm" >/dev/null)
full=$(stat -c %s "$tmp/full.wasm.br")
none=$(stat -c %s "$tmp/none.wasm.br")
rawfull=$(stat -c %s "$tmp/full.wasm")
rawnone=$(stat -c %s "$tmp/none.wasm")
echo "app.wasm at $(git rev-parse --short "$rev"): $full B brotli ($rawfull B raw); without search: $none B ($rawnone B)"
awk -v f="$full" -v n="$none" -v rf="$rawfull" -v rn="$rawnone" \
	'BEGIN { printf "search costs %.1f kB brotli (%.1f kB raw); the target is at most 25 kB\n", (f-n)/1000, (rf-rn)/1000 }'
