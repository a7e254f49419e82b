#!/usr/bin/env bash
# The deployable definitions' checks: cfn-lint on template.yaml and asl-validator on statemachines/*.asl.json.
# (The rules no linter knows - substitutions, Retry/Catch on every Task, wildcards, the append-only audit table,
# function folders - are tests in tests/Gdpr.Workflows.Stack.Tests, run by dotnet test.)
set -uo pipefail
cd "$(dirname "$0")/.."

status=0
scripts/check-cfn-lint.sh template.yaml || status=1
scripts/check-asl.sh || status=1
if [ "$status" -eq 0 ]; then
  echo "check-stack: OK"
else
  echo "check-stack: FAILED" >&2
fi
exit "$status"
