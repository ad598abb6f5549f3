#!/usr/bin/env bash
# Fetches the external test corpora (see ../shared/corpora/*/SOURCE.md in the project's own
# environment) at their pinned upstream commits into DEST (default: ../shared/corpora beside the
# project), keeps exactly the files listed in scripts/corpora.sha256 and checks every SHA-256.
# Without them the suites that read them skip with a notice; .ci/run fails instead.
# Needs curl, tar and sha256sum. Usage: scripts/fetch-corpora.sh [DEST]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
dest="${1:-$here/../../shared/corpora}"
tmp="$(mktemp -d)"; trap 'rm -rf "$tmp"' EXIT
# corpus folder | upstream repository | commit | path inside the repository
while IFS='|' read -r folder repo commit inside; do
  curl -fsSL "https://codeload.github.com/$repo/tar.gz/$commit" | tar -xz -C "$tmp"
  src="$tmp/${repo#*/}-$commit/$inside"
  grep "  $folder/" "$here/corpora.sha256" | cut -c67- | while IFS= read -r f; do
    mkdir -p "$dest/$(dirname "$f")"
    cp "$src/${f#"$folder"/}" "$dest/$f"
  done
done <<'PINS'
JSONTestSuite|nst/JSONTestSuite|1ef36fa01286573e846ac449e8683f8833c5b26a|
feeds/rometools-rome|rometools/rome|6b4a7e89cbf67dab0be32e7517f3d8ae3c2b4d75|
feeds/kurtmckee-feedparser|kurtmckee/feedparser|a22c5521cbb109871f1a2318948581901bd47e26|
xml-attacks/tiran-defusedxml|tiran/defusedxml|c7445887f5e1bcea470a16f61369d29870cfcfe1|
xml-attacks/swisskyrepo-PayloadsAllTheThings|swisskyrepo/PayloadsAllTheThings|f9fa51417886ac11476cb62db2dff21773dc570b|
xmlconf|netvl/xml-rs|c949fd480d95d1681a2beb99e16103383b0cd673|tests
PINS
(cd "$dest" && sha256sum --quiet -c "$here/corpora.sha256") && echo "corpora complete in $dest"
