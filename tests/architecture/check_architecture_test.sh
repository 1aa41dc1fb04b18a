#!/usr/bin/env bash
# The include check passes on the project and fails on a fixture tree that breaks each rule once.
set -uo pipefail
project=$(cd "$(dirname "$0")/../.." && pwd)
check="$project/scripts/check-architecture"
fixture="$project/tests/architecture/fixture"

"$check" "$project" || { echo "FAIL: the project's includes break docs/architecture.md"; exit 1; }

output=$("$check" "$fixture" --table "$project/docs/architecture.md")
status=$?
if [ "$status" -ne 1 ]; then
    echo "FAIL: the fixture passed the check (exit $status)"
    exit 1
fi
if ! diff <(grep -v 'break the table' <<<"$output") "$fixture/expected.txt"; then
    echo "FAIL: the fixture's problems differ from expected.txt (above: < found, > expected)"
    exit 1
fi
echo "ok: the project follows the table; the fixture's 6 broken rules are found"
