#!/usr/bin/env bash
# Turns the steps.tsv that scripts/bench.sh writes into its Markdown tables (printed on stdout), so a table can be
# made again from the steps of an earlier sitting:  scripts/bench-table.sh target/bench-DATE/steps.tsv
#
# Ladders (rooms10, rooms100, ack1): one row per topology and scenario: the highest step that passed with its p99,
# the next step's p99, the bare broadcaster's highest passing step of the same sitting and the row's fraction of
# it, the gateways' CPU per message and per delivery and the generator's CPU per frame at the highest passing step
# (at the first step when none passed), and the load average when the ladder began.
set -euo pipefail
[ $# -eq 1 ] && [ -f "$1" ] || { echo "usage: scripts/bench-table.sh STEPS.tsv" >&2; exit 2; }

awk -F'\t' '
function num(x,   s, out) { # 12500 -> "12 500"
  if (x == "" || x !~ /^[0-9]+$/) return x
  s = x; out = ""
  while (length(s) > 3) { out = " " substr(s, length(s) - 2) out; s = substr(s, 1, length(s) - 3) }
  return s out
}
function dash(x) { return x == "" ? "—" : x }
NR == 1 { for (i = 1; i <= NF; i++) col[$i] = i; next }
{
  t = $col["topology"]; s = $col["scenario"]; key = t SUBSEP s
  if (!(key in seen)) { seen[key] = 1; order[++rows] = key; first_load[key] = $col["load"] }
  steps[key]++
  if (s == "join" || s == "idle") { other[key] = $0; next }
  if ($col["result"] == "pass") {
    best[key] = $col["step"]; best_line[key] = $0
  } else if (!(key in next_line)) {
    next_line[key] = $0
  }
  if (!(key in first_line)) first_line[key] = $0
}
function field(line, name,   f) { split(line, f, "\t"); return f[col[name]] }
END {
  for (r = 1; r <= rows; r++) { split(order[r], k, SUBSEP); if (k[2] == "join" || k[2] == "idle") others++; else ladders++ }
  unit["rooms10"] = "deliveries/s"; unit["rooms100"] = "deliveries/s"; unit["ack1"] = "messages/s (acked)"
  metric["rooms10"] = "fan-out p99"; metric["rooms100"] = "fan-out p99"; metric["ack1"] = "ack p99"
  if (ladders) {
  print "| topology | scenario | highest passing step | its p99 ms | next step: p99 ms | bare broadcaster, same sitting | ratio | gateway µs/message | gateway µs/delivery | generator µs/frame | load at start |"
  print "|---|---|---:|---:|---|---:|---:|---:|---:|---:|---:|"
  }
  for (r = 1; r <= rows; r++) {
    key = order[r]; split(key, k, SUBSEP); t = k[1]; s = k[2]
    if (s == "join" || s == "idle") continue
    line = (key in best_line) ? best_line[key] : first_line[key]
    highest = (key in best) ? num(best[key]) " " unit[s] : "none (below " num(field(first_line[key], "step")) ")"
    its = (key in best) ? field(best_line[key], "p99_ms") : "—"
    nxt = (key in next_line) ? num(field(next_line[key], "step")) ": " dash(field(next_line[key], "p99_ms")) \
          (field(next_line[key], "result") == "failed" ? " (run failed)" : "") \
          (field(next_line[key], "lost") + 0 > 0 ? ", " field(next_line[key], "lost") " lost" : "") \
          (field(next_line[key], "given_up") + 0 > 0 ? ", " field(next_line[key], "given_up") " refused" : "") \
          : (steps[key] > 0 ? "none: every step passed" : "—")
    bkey = "baseline" SUBSEP s
    base = (bkey in best) ? best[bkey] : ""
    ratio = (t != "baseline" && base != "" && (key in best)) ? sprintf("%.2f", best[key] / base) : "—"
    gen = field(line, "generator_us_per_frame") (field(line, "generator_saturated") == "true" ? " (saturated)" : "")
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", t, s, highest, its, nxt,
      (base == "" ? "—" : num(base)), ratio, dash(field(line, "gateway_us_per_message")),
      dash(field(line, "gateway_us_per_delivery")), dash(gen), first_load[key]
  }
  if (!others) exit
  if (ladders) print ""
  print "| topology | scenario | connections | connect p99 ms | result | heap per connection | RSS per connection | generator µs/frame | load at start |"
  print "|---|---|---:|---:|---|---:|---:|---:|---:|"
  for (r = 1; r <= rows; r++) {
    key = order[r]; split(key, k, SUBSEP); t = k[1]; s = k[2]
    if (s != "join" && s != "idle") continue
    line = other[key]
    heap = field(line, "heap_per_connection"); rss = field(line, "rss_per_connection")
    printf "| %s | %s | %s | %s | %s | %s | %s | %s | %s |\n", t, s, num(field(line, "step")),
      dash(field(line, "p99_ms")), field(line, "result"), (heap == "" ? "—" : num(heap) " B"),
      (rss == "" ? "—" : num(rss) " B"), dash(field(line, "generator_us_per_frame")), field(line, "load")
  }
}' "$1"
