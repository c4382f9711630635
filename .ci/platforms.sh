#!/usr/bin/env bash
# Runs the test suites on the platforms besides the default embedded PostgreSQL 17 (which .ci/run runs first
# with the README's `mvn -B verify`): PostgreSQL 15, a PostgreSQL container through Testcontainers on a Docker
# engine started here, TimescaleDB, and a Citus coordinator with two workers. Everything is installed and
# started by .ci/platform/*.sh and stopped on exit. Prints one line per platform, last; fails on any failure
# or error, and on a platform that ran no tests.
#
#   bash .ci/platforms.sh [platform ...]     # default: pg15 testcontainers timescaledb citus
set -euo pipefail
cd "$(dirname "$0")/.."
here=.ci/platform
results=target/platforms
mkdir -p "$results"

cleanup() {
  bash "$here/docker.sh" down || true
  bash "$here/postgres.sh" down || true
}
trap cleanup EXIT

all_suites=sark-schema-tests,sark-dao,sark-testkit,sark-testkit-example,sark-migration,sark-cli

# platform name, modules, extra maven arguments...
run_platform() {
  local name=$1 modules=$2; shift 2
  local t0; t0=$(date +%s)
  echo "=== platform $name: $modules"
  find . -path '*/target/surefire-reports' -type d -prune -exec rm -rf {} + 2>/dev/null || true
  mvn -B -ntp verify -pl "$modules" -Dmaven.test.failure.ignore=true -Dsark.test.platform="$name" "$@" \
    >"$results/$name.log" 2>&1 || echo "platform $name: maven exited $? (see $results/$name.log)" >>"$results/$name.errors"
  bash "$here/collect-reports.sh" "$name"
  grep -E 'Tests run:.*(FAIL|ERROR)|BUILD|ERROR\] +[A-Za-z]+Test' "$results/$name.log" | head -40 || true
  echo "=== platform $name took $(( $(date +%s) - t0 )) s"
}

summary_line() { python3 "$here/summary.py" "$1" "$2"; }

platforms=("$@")
[ ${#platforms[@]} -gt 0 ] || platforms=(pg15 testcontainers timescaledb citus)

# the reactor's artifacts, so that each platform runs only its test modules
mvn -B -ntp -q install -DskipTests >"$results/install.log" 2>&1 || { tail -30 "$results/install.log"; exit 1; }
bash "$here/postgres.sh" install

for p in "${platforms[@]}"; do
  case "$p" in
    pg15|timescaledb)
      bash "$here/postgres.sh" up "$p"
      extra=()
      [ "$p" = timescaledb ] && extra=(-Dsark.testkit.extensions=timescaledb)
      run_platform "$p" "$all_suites" -Dsark.testkit.server="$(bash "$here/postgres.sh" url "$p")" "${extra[@]}" ;;
    testcontainers)
      bash "$here/docker.sh" up
      TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_TINYIMAGE_CONTAINER_IMAGE=sark-ci/postgres:15 \
        run_platform "$p" "$all_suites" -Dsark.testkit.server=testcontainers -Dsark.testkit.image=sark-ci/postgres:15
      bash "$here/docker.sh" down ;;
    citus)
      bash "$here/postgres.sh" up citus
      # schema isolation (chosen automatically on Citus). Not run here, and why (docs/platforms.md):
      # the schema tests that migrate "sark" in an empty database of their own, the planner tests of local
      # tables (GenericPlanTrapTest), the testkit's own tests of database cloning, and the v1 -> v2 migration,
      # which runs on plain PostgreSQL before a move to Citus.
      run_platform "$p" sark-schema-tests,sark-dao,sark-testkit-example \
        -Dsark.testkit.server="$(bash "$here/postgres.sh" url citus)" \
        '-Dtest=!SchemaMigrationTest,!SchemaCatalogTest,!AdoptedV1ConvergenceTest,!GenericPlanTrapTest' \
        -Dsurefire.failIfNoSpecifiedTests=false ;;
    *) echo "unknown platform $p" >&2; exit 64 ;;
  esac
done

status=0
lines=()
for p in "${platforms[@]}"; do
  line=$(summary_line "$p" "$results/$p")
  lines+=("$line")
  if ! [[ "$line" =~ failures=0\ errors=0 ]] || [[ "$line" =~ tests=0\  ]] || [ -s "$results/$p.errors" ]; then
    status=1
    cat "$results/$p.errors" 2>/dev/null || true
  fi
done
printf '%s\n' "${lines[@]}" >"$results/summary.txt"
[ "${SARK_CI_PRINT_SUMMARY:-1}" = 0 ] || cat "$results/summary.txt"
exit $status
