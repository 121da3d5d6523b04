#!/usr/bin/env bash
# Run the test suite with the project's Python. pytest's exit code 5 means it
# collected no tests at all: that is never a pass, so say so loudly and fail.
set -uo pipefail
cd "$(dirname "$0")/.."

.venv/bin/python -m pytest "$@"
status=$?
if [ "$status" -eq 5 ]; then
  {
    echo
    echo "=================================================================="
    echo " FAILED: pytest collected NO tests (exit code 5)."
    echo " A suite that runs nothing proves nothing. Check the paths, the -k"
    echo " or -m filters, and python_files/testpaths in pyproject.toml."
    echo "=================================================================="
  } >&2
fi
exit "$status"
