#!/usr/bin/env bash
# Vendor a pinned govuk-frontend release into static/govuk/ (committed, so running the app
# needs no Node and no CDN). Needs node + npm only when you run it, i.e. to bump the version.
#
#   bash .ci/vendor_govuk_frontend.sh            # re-vendor the pinned versions below
#   GOVUK_FRONTEND_VERSION=6.7.0 bash .ci/vendor_govuk_frontend.sh   # try another release
#
# What it does (see docs/frontend.md):
#   1. `npm pack govuk-frontend@VERSION` into a temporary directory (nothing lands in the repo).
#   2. Compiles the release's own Sass (dist/govuk/index.scss) with a pinned Dart Sass, setting
#      - $govuk-font-family: arial, sans-serif  -> GDS Transport is licensed for GOV.UK domains
#        only and this service is not on GOV.UK, so no @font-face and no font files are shipped;
#      - $govuk-assets-path: "assets/"           -> url()s are relative to the CSS file, so they
#        resolve to static/govuk/assets/... under any STATIC_URL and survive hashed storage.
#   3. Copies the ES module bundle govuk-frontend.min.js (+ its source map), assets/images and
#      assets/manifest.json, the licence, and writes static/govuk/VERSION.
#   4. Checks that every url() in the compiled CSS points at a vendored file.
set -euo pipefail

GOVUK_FRONTEND_VERSION="${GOVUK_FRONTEND_VERSION:-6.6.0}"
SASS_VERSION="${SASS_VERSION:-1.108.2}"

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dest="$repo_root/static/govuk"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

command -v npm >/dev/null || { echo "npm is needed to vendor govuk-frontend" >&2; exit 1; }

echo "govuk-frontend $GOVUK_FRONTEND_VERSION, sass $SASS_VERSION -> ${dest#"$repo_root"/}"
cd "$work"
npm pack --silent "govuk-frontend@$GOVUK_FRONTEND_VERSION" >/dev/null
tar -xzf "govuk-frontend-$GOVUK_FRONTEND_VERSION.tgz"
dist="$work/package/dist/govuk"
for f in index.scss govuk-frontend.min.js assets/images; do
  [ -e "$dist/$f" ] || { echo "unexpected layout: $f missing in the release" >&2; exit 1; }
done

npm install --silent --prefix "$work/sass" --no-save --no-audit --no-fund --ignore-scripts \
  --omit=optional "sass@$SASS_VERSION" >/dev/null

cat >"$work/app-govuk.scss" <<'SCSS'
@use "govuk" with (
  $govuk-font-family: (arial, sans-serif),
  $govuk-assets-path: "assets/"
);
SCSS
node "$work/sass/node_modules/sass/sass.js" --style=compressed --no-source-map --quiet \
  --load-path="$work/package/dist" "$work/app-govuk.scss" "$work/govuk-frontend.min.css"

rm -rf "$dest"
mkdir -p "$dest/assets"
cp "$work/govuk-frontend.min.css" "$dest/"
cp "$dist/govuk-frontend.min.js" "$dist/govuk-frontend.min.js.map" "$dest/"
cp -R "$dist/assets/images" "$dest/assets/images"
if [ -f "$dist/assets/manifest.json" ]; then cp "$dist/assets/manifest.json" "$dest/assets/"; fi
# The npm package ships no licence file; its package.json says MIT. Keep the notice with the copy.
license="$(node -p "require('$work/package/package.json').license")"
cat >"$dest/LICENSE.txt" <<TXT
govuk-frontend $GOVUK_FRONTEND_VERSION (https://github.com/alphagov/govuk-frontend)
Licence: $license. Copyright (c) Crown Copyright (Government Digital Service).
CSS compiled from the release's Sass by .ci/vendor_govuk_frontend.sh; other files copied as released.
TXT
echo "$GOVUK_FRONTEND_VERSION" >"$dest/VERSION"

# Every url() in the CSS must resolve against the CSS file's own folder.
missing=0
while IFS= read -r url; do
  case "$url" in data:*|http*|//*|\#*) continue ;; esac
  if [ ! -f "$dest/${url%%[?#]*}" ]; then echo "missing asset for url($url)" >&2; missing=1; fi
done < <(grep -o 'url([^)]*)' "$dest/govuk-frontend.min.css" | sed -E 's/^url\(["'"'"']?//; s/["'"'"']?\)$//' | sort -u)
[ "$missing" = 0 ] || exit 1
if grep -q 'GDS Transport' "$dest/govuk-frontend.min.css"; then
  echo "GDS Transport still referenced in the CSS" >&2; exit 1
fi

du -sh "$dest" | sed 's/^/vendored: /'
