# Installs what building Kiezwerk needs, skipping whatever is present. Sourced by the run and
# test scripts; puts the tools on PATH.
#   - the wasm32 target of the (stable) Rust toolchain
#   - cargo-leptos 0.3.10 without its own downloads (0.3.11 needs a newer rustc)
#   - wasm-bindgen-cli at exactly the wasm-bindgen version in Cargo.lock
#   - wasm-opt from npm's binaryen, with the end-to-end test packages (end2end/package-lock.json)
#   - s3s-fs 0.14.1, an S3-compatible server on the file system, for the object-storage tests
#     (0.15 and later need a newer rustc)

export PATH="$HOME/.cargo/bin:$PWD/end2end/node_modules/.bin:$PATH"

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi

if ! cargo leptos --version 2>/dev/null | grep -q "0\.3\.10"; then
  echo ">> Installing cargo-leptos 0.3.10 (compiles for about 20–30 minutes, once per machine)"
  cargo install cargo-leptos@0.3.10 --locked --features no_downloads
fi

wasm_bindgen_version=$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' Cargo.lock)
if ! wasm-bindgen --version 2>/dev/null | grep -q " ${wasm_bindgen_version}\$"; then
  echo ">> Installing wasm-bindgen-cli ${wasm_bindgen_version}"
  # Not --locked: its own lockfile pins a yanked crate.
  cargo install wasm-bindgen-cli --version "${wasm_bindgen_version}"
fi

if ! s3s-fs --version 2>/dev/null | grep -q " 0\.14\.1\$"; then
  echo ">> Installing s3s-fs 0.14.1 (the S3 server of the object-storage tests)"
  cargo install s3s-fs@0.14.1 --locked --features binary
fi

if [ ! -x end2end/node_modules/.bin/wasm-opt ] || [ end2end/package-lock.json -nt end2end/node_modules/.package-lock.json ]; then
  echo ">> Installing npm packages of end2end/ (wasm-opt, Playwright, axe-core)"
  (cd end2end && PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund)
fi
