#!/usr/bin/env bash
# Lints CloudFormation/SAM templates with cfn-lint 1.51; any error or warning fails (cfn-lint's own exit code).
# Usage: scripts/check-cfn-lint.sh [TEMPLATE...]   (default: template.yaml)
# cfn-lint comes with the machine's Python 3.11; where it is missing it is installed with pip, and a machine
# that cannot reach PyPI fails here, saying so, instead of skipping the check.
set -euo pipefail
cd "$(dirname "$0")/.."

CFN_LINT_VERSION="1.51.*"

find_cfn_lint() {
  if command -v cfn-lint >/dev/null 2>&1; then
    CFN_LINT=(cfn-lint)
  elif python3 -c "import cfnlint" >/dev/null 2>&1; then
    CFN_LINT=(python3 -m cfnlint)
  else
    return 1
  fi
}

if ! find_cfn_lint; then
  echo "check-cfn-lint: cfn-lint is not installed; installing cfn-lint==${CFN_LINT_VERSION} with pip" >&2
  if ! python3 -m pip install --quiet "cfn-lint==${CFN_LINT_VERSION}" >&2 || ! find_cfn_lint; then
    echo "check-cfn-lint: FAILED - cfn-lint is missing and 'pip install cfn-lint==${CFN_LINT_VERSION}' did not work" >&2
    echo "check-cfn-lint: (see pip's message above: PyPI unreachable, or a Python that refuses pip installs). The template was NOT checked." >&2
    exit 3
  fi
fi

templates=("$@")
[ ${#templates[@]} -gt 0 ] || templates=(template.yaml)

echo "check-cfn-lint: $("${CFN_LINT[@]}" --version) on ${templates[*]}"
if "${CFN_LINT[@]}" -- "${templates[@]}"; then
  echo "check-cfn-lint: OK"
else
  status=$?
  echo "check-cfn-lint: FAILED (cfn-lint exit code ${status}: 2 = errors, 4 = warnings, 8 = informational)" >&2
  exit "$status"
fi
