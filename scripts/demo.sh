#!/usr/bin/env bash
# Sets up, builds the component and runs the demo: mingshi-server on 127.0.0.1 serving
# www/ and pkg/ and storing receipts in data/receipts.sqlite3. PORT=9000 to choose the port.
set -euo pipefail
source "$(dirname "$0")/lib.sh"
cd "$ROOT"

"$ROOT/scripts/setup.sh"
"$ROOT/scripts/build.sh"
cargo build -q -p mingshi-server
log "open the URL below in a browser; Ctrl-C stops the server"
exec target/debug/mingshi-server --addr "127.0.0.1:${PORT:-8787}" --db data/receipts.sqlite3 \
  --www www --pkg pkg
