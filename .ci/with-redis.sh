#!/usr/bin/env bash
# Runs a command with a throw-away Redis server: installs redis-server from Debian's packages
# when it is missing, starts it on a free port of 127.0.0.1 (no persistence), passes its URL as
# MODEL_CATALOG_TEST_REDIS_URL, and stops it when the command ends, whether it passed or not.
#   bash .ci/with-redis.sh npm test
#   bash .ci/with-redis.sh npx vitest run test/cache
set -euo pipefail

if ! command -v redis-server >/dev/null 2>&1; then
  echo "with-redis: redis-server is missing; installing it from Debian's packages."
  if [ "$(id -u)" = 0 ]; then
    apt-get update && apt-get install -y redis-server
  else
    sudo apt-get update && sudo apt-get install -y redis-server
  fi
fi

port=$(node -e "const s=require('net').createServer().listen(0,'127.0.0.1',()=>{console.log(s.address().port);s.close()})")
dir=$(mktemp -d)
redis-server --port "$port" --bind 127.0.0.1 --save '' --appendonly no --dir "$dir" \
  --logfile "$dir/redis.log" --daemonize no &
pid=$!
stop() {
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  rm -rf "$dir"
}
trap stop EXIT

for _ in $(seq 1 100); do
  if redis-cli -h 127.0.0.1 -p "$port" ping 2>/dev/null | grep -q PONG; then break; fi
  if ! kill -0 "$pid" 2>/dev/null; then
    echo "with-redis: redis-server did not start:" >&2
    cat "$dir/redis.log" >&2 || true
    exit 1
  fi
  sleep 0.1
done

export MODEL_CATALOG_TEST_REDIS_URL="redis://127.0.0.1:$port"
echo "with-redis: Redis $(redis-server --version | sed -E 's/.*v=([^ ]+).*/\1/') on $MODEL_CATALOG_TEST_REDIS_URL (pid $pid)"
"$@"
