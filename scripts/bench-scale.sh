# shellcheck shell=bash disable=SC2154,SC2034  # shares scripts/bench's variables
# `scripts/bench --scale`: memory, load time and GET throughput as the number of stored
# functions grows. Sourced by scripts/bench (it uses its start_emulator, run_wrk, median, …).
#
# Fixtures: one project with 1k, 10k and 100k functions (BENCH_SCALE_SIZES), each with one
# async-invoke-config of its latest and no code package, and 1M functions over 10 projects
# (BENCH_SCALE_MILLION=0 skips it). Every emulator runs with --journal-size 0.
#   load ms       exec to the first answered GET (the fixtures load before the port opens)
#   RSS MB        VmRSS once ready; bytes/function = (RSS - RSS of an empty emulator) / N
#   GET req/s     wrk GETs the async config of a random function of the set (every answer
#                 must be 200); the sizes run back to back each round, every other round in
#                 reverse order (so the rounds are rounded up to an even number)
#   vs 1k%        per pair of rounds (one in each order), the geometric mean of the two
#                 rounds' req/s ratios; the column is the median of the pairs (goal: 100k
#                 within 5% of 1k)
#   CPU us/GET    the emulator's CPU time (user + system) per GET, median of the rounds
#   CPU vs 1k%    as vs 1k%, of 1k's CPU per GET over the set's: the same comparison without
#                 wrk's share of the two cores (a busy VM moves it about as much)

scale_project() { printf '%032x' "$((0x5ca1e0000 + $1))"; }

# write_scale_fixtures DIR PROJECTS PER_PROJECT — one fixture file per project.
write_scale_fixtures() {
  mkdir -p "$1"
  python3 - "$1" "$2" "$3" <<'EOF'
import sys
out, projects, per = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
config = ('{"qualifier":"latest","max_async_event_age_in_seconds":3600,'
          '"max_async_retry_attempts":2,"enable_async_status_log":true,'
          '"destination_config":{"on_success":{"destination":"OBS",'
          '"param":"{\\"bucket\\":\\"results\\",\\"prefix\\":\\"ok/\\",\\"expires\\":0}"}}}')
for p in range(projects):
    project = '%032x' % (0x5ca1e0000 + p)
    with open('%s/project-%02d.json' % (out, p), 'w') as f:
        f.write('{"projects":[{"project_id":"%s","functions":[\n' % project)
        f.write(',\n'.join(
            '{"func_name":"f%07d","package":"default","runtime":"Python3.9",'
            '"handler":"index.handler","memory_size":128,"timeout":30,"code_type":"inline",'
            '"async_invoke_configs":[%s]}' % (i, config) for i in range(per)))
        f.write('\n]}]}\n')
EOF
}

# write_scale_script FILE PROJECTS PER_PROJECT — wrk GETs a random function's config.
write_scale_script() {
  cat >"$1" <<EOF
wrk.method = "GET"
wrk.headers["X-Auth-Token"] = "anything"
wrk.headers["Content-Type"] = "application/json"
local projects, per = $2, $3
math.randomseed(42)
request = function()
  local p = string.format("%032x", 0x5ca1e0000 + math.random(0, projects - 1))
  return wrk.format(nil, string.format(
    "/v2/%s/fgs/functions/urn:fss:cn-north-4:%s:function:default:f%07d:latest/async-invoke-config",
    p, p, math.random(0, per - 1)))
end
EOF
}

declare -A scale_load_ms=() scale_rss=() scale_base=() scale_pid=()

# scale_start NAME PROJECTS PER_PROJECT — starts an emulator on that fixture set.
scale_start() {
  local name=$1 dir=$tmp/fixtures-$1
  if [ "$2" -gt 0 ]; then
    write_scale_fixtures "$dir" "$2" "$3"
  else
    mkdir -p "$dir"
  fi
  write_scale_script "$tmp/scale-$name.lua" "$2" "$3"
  emu_name=scale-$name
  functions_path="/v2/$(scale_project 0)/fgs/functions"
  # The quota switch allows at most 100k functions per project (hence 10 projects for 1M).
  start_emulator --journal-size 0 --set function_quota=100000 --fixtures "$dir" "${scale_args[@]}"
  scale_load_ms[$name]=$startup_ms
  scale_rss[$name]=$(rss_mb "$emu_pid")
  scale_base[$name]=$emu_base
  scale_pid[$name]=$emu_pid
  emu_pid=''
  rm -rf "$dir"
}

scale_stop() {
  stop_process "${scale_pid[$1]}" || fgs_log "warning: the $1 emulator did not exit 0"
  scale_pid[$1]=''
}

# scale_per_function NAME FUNCTIONS — bytes of RSS per function over the empty emulator.
scale_per_function() {
  awk -v a="${scale_rss[$1]}" -v b="${scale_rss[empty]}" -v n="$2" \
    'BEGIN { if (n > 0) printf "%.0f", (a - b) * 1048576 / n; else print "n/a" }'
}

# median_or_dash LIST — the median of a space-separated list, or - when it is empty.
median_or_dash() {
  # shellcheck disable=SC2086  # the list splits into its figures
  if [ -n "${1:-}" ]; then median $1; else echo -; fi
}

scale_header() {
  printf '%-6s %9s %8s %8s %7s %10s %10s %7s %10s %10s\n' "$@"
}

# scale_row NAME FUNCTIONS PROJECTS — one line of the table.
scale_row() {
  scale_header "$1" "$2" "$3" "${scale_load_ms[$1]}" "${scale_rss[$1]}" \
    "$(scale_per_function "$1" "$2")" "$(median_or_dash "${rps_runs[$1]:-}")" \
    "$(median_or_dash "${ratio_runs[$1]:-}")" "$(median_or_dash "${cpu_runs[$1]:-}")" \
    "$(median_or_dash "${cpu_ratio_runs[$1]:-}")"
}

# pair_ratio A1 A2 B1 B2 — the geometric mean of A1/B1 and A2/B2, in %.
pair_ratio() {
  awk -v a="$1" -v b="$2" -v c="$3" -v d="$4" 'BEGIN { printf "%.1f", 100 * sqrt(a * b / (c * d)) }'
}

bench_scale() {
  scale_args=("$@")
  start_timeout_s=${BENCH_SCALE_TIMEOUT:-300}
  local clk_tck
  clk_tck=$(getconf CLK_TCK)
  local -a sizes
  read -r -a sizes <<<"${BENCH_SCALE_SIZES:-1000 10000 100000}"
  local million=${BENCH_SCALE_MILLION:-1}
  local size round name
  case " ${sizes[*]} " in *" 1000 "*) ;; *) fgs_die "BENCH_SCALE_SIZES must include 1000 (the reference)" ;; esac
  local pair_rounds=$(((rounds + 1) / 2 * 2))
  echo "bench: scale, GET ${seconds}s per size and round, $pair_rounds rounds, wrk -t2 -c$connections," \
    "$(nproc) cores"
  scale_start empty 0 0
  for size in "${sizes[@]}"; do scale_start "$size" 1 "$size"; done
  local -A round_rps=() pair_rps=() round_ratios=() round_cpu=() pair_cpu=()
  declare -gA cpu_ratio_runs=()
  local -a order
  # Rounds come in pairs, the second in reverse order: on this VM, two identical emulators run
  # back to back differed by ~5% with their place in the round (the first faster in one
  # session, the second in another), and a pair cancels that; an odd round alone would not.
  for ((round = 1; round <= pair_rounds; round++)); do
    order=("${sizes[@]}")
    if ((round % 2 == 0)); then
      local i
      for ((i = 0; i < ${#sizes[@]}; i++)); do order[i]=${sizes[${#sizes[@]} - 1 - i]}; done
    fi
    for size in "${order[@]}"; do
      cpu_run "$size" "${scale_pid[$size]}" "${scale_base[$size]}" "$tmp/scale-$size.lua"
      round_rps[$size]=$rps
      round_cpu[$size]=${cpu_runs[$size]##* }
    done
    for size in "${sizes[@]}"; do
      round_ratios["$size"]+=" $(ratio "${round_rps[$size]}" "${round_rps[1000]}")"
      if ((round % 2 == 1)); then
        pair_rps[$size]=${round_rps[$size]}
        pair_cpu[$size]=${round_cpu[$size]}
      else
        ratio_runs["$size"]+=" $(pair_ratio "${pair_rps[$size]}" "${round_rps[$size]}" \
          "${pair_rps[1000]}" "${round_rps[1000]}")"
        cpu_ratio_runs["$size"]+=" $(pair_ratio "${pair_cpu[1000]}" "${round_cpu[1000]}" \
          "${pair_cpu[$size]}" "${round_cpu[$size]}")"
      fi
    done
  done
  for name in empty "${sizes[@]}"; do scale_stop "$name"; done
  if [ "$million" = 1 ]; then
    scale_start 1M 10 100000
    for ((round = 1; round <= rounds; round++)); do
      cpu_run 1M "${scale_pid[1M]}" "${scale_base[1M]}" "$tmp/scale-1M.lua"
    done
    scale_stop 1M
    # shellcheck disable=SC2086  # the list splits into its figures
    scale_million_summary="; 1M over 10 projects: load ${scale_load_ms[1M]} ms, RSS ${scale_rss[1M]} MB, GET $(median ${rps_runs[1M]}) req/s, $(median ${cpu_runs[1M]}) us CPU per GET"
  fi
  scale_header set functions projects 'load ms' 'RSS MB' 'B/function' 'GET req/s' 'vs 1k%' \
    'CPU us/GET' 'CPU vs 1k%'
  scale_row empty 0 0
  for size in "${sizes[@]}"; do scale_row "$size" "$size" 1; done
  [ "$million" != 1 ] || scale_row 1M 1000000 10
  for size in "${sizes[@]}"; do
    [ "$size" = 1000 ] || echo "$size vs 1k per round (%):${round_ratios[$size]}; per pair:${ratio_runs[$size]}; CPU per pair:${cpu_ratio_runs[$size]}"
  done
  local top=${sizes[-1]}
  # shellcheck disable=SC2086  # the list splits into its figures
  echo "bench: scale: $top functions: $(scale_per_function "$top" "$top") B/function," \
    "load ${scale_load_ms[$top]} ms, GET $(median ${ratio_runs[$top]})% of 1k" \
    "(by CPU per GET $(median ${cpu_ratio_runs[$top]})%);" \
    "idle RSS ${scale_rss[empty]} MB${scale_million_summary:-}"
}

