#!/usr/bin/env bash
# Print the path of a working `uv`, installing it from PyPI with pip if needed.
# A fresh Debian has python3 but often no pip: then python3-pip comes from apt.
set -euo pipefail

user_bin="$(python3 -m site --user-base 2>/dev/null || echo "$HOME/.local")/bin"
for candidate in "$(command -v uv 2>/dev/null || true)" "$user_bin/uv" "$HOME/.local/bin/uv"; do
  if [ -n "$candidate" ] && [ -x "$candidate" ] && "$candidate" --version >/dev/null 2>&1; then
    echo "$candidate"
    exit 0
  fi
done

if ! python3 -m pip --version >/dev/null 2>&1; then
  echo "pip is missing; installing python3-pip with apt" >&2
  "$(dirname "$0")/apt-install.sh" python3-pip >&2
fi
echo "Installing uv with pip (into $user_bin)" >&2
# Debian's own python3 is "externally managed" and wants --break-system-packages
# even for --user installs; a pyenv or self-built Python takes the plain form.
python3 -m pip install --quiet --user uv >/dev/null 2>&1 \
  || python3 -m pip install --quiet --user --break-system-packages uv >&2
"$user_bin/uv" --version >/dev/null
echo "$user_bin/uv"
