#!/bin/sh
# Peak memory (maximum resident set) and time of lint against the floor, parsing the same bytes
# into yaml.Node alone, for the generated flow of N nodes (BenchmarkLint in flows/lint_bench_test.go),
# each side in a process of its own, interleaved, ROUNDS times; it prints the medians and the median
# of the per-round ratios. With BEFORE set to a flows test binary of an earlier build, that build's
# lint is measured in the same rounds.
#
#   sh bench/lintmem.sh                 # 100000 nodes, 5 rounds
#   N=10000 ROUNDS=9 sh bench/lintmem.sh
#   BEFORE=/tmp/flows-before.test sh bench/lintmem.sh
set -eu
N=${N:-100000}
ROUNDS=${ROUNDS:-5}
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
go test -c -o "$dir/flows.test" ./flows
cd flows
one() { # binary side -> "kB seconds"
  /usr/bin/time -f "%M %e" -o "$dir/t" "$1" -test.run '^$' -test.bench "^BenchmarkLint\$/^nodes=$N\$/^$2\$" -test.benchtime 1x >/dev/null
  cat "$dir/t"
}
for r in $(seq "$ROUNDS"); do
  echo "floor $(one "$dir/flows.test" floor-yaml-node)" >> "$dir/all"
  echo "lint $(one "$dir/flows.test" lint)" >> "$dir/all"
  if [ -n "${BEFORE:-}" ]; then echo "before $(one "$BEFORE" lint)" >> "$dir/all"; fi
done
awk -v n="$N" '
  { kb[$1, ++c[$1]] = $2; s[$1, c[$1]] = $3 }
  function med(a, k, m,   i, j, t, v) { for (i = 1; i <= m; i++) v[i] = a[k, i]
    for (i = 1; i <= m; i++) for (j = i + 1; j <= m; j++) if (v[j] < v[i]) { t = v[i]; v[i] = v[j]; v[j] = t }
    return v[int((m + 1) / 2)] }
  END {
    m = c["floor"]
    printf "| %d nodes | peak RSS, median | time, median | peak / floor, median of rounds | time / floor |\n| --- | --- | --- | --- | --- |\n", n
    split("floor lint before", sides, " ")
    for (k = 1; k <= 3; k++) { side = sides[k]; if (!(side in c)) continue
      for (i = 1; i <= m; i++) { rk[side, i] = kb[side, i] / kb["floor", i]; rs[side, i] = s[side, i] / s["floor", i] }
      printf "| %s | %.0f MB | %.2f s | %.2fx | %.2fx |\n", side, med(kb, side, m) / 1024, med(s, side, m), med(rk, side, m), med(rs, side, m)
    }
  }' "$dir/all"
