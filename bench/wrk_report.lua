-- wrk script for `make loadtest`: counts 5xx answers and prints one summary line as JSON.
-- Every request carries X-Forwarded-Proto: https, as a TLS-terminating proxy would send.

wrk.headers["X-Forwarded-Proto"] = "https"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  server_errors = 0
end

function response(status, headers, body)
  if status >= 500 then
    server_errors = server_errors + 1
  end
end

function done(summary, latency, requests)
  local fivexx = 0
  for _, thread in ipairs(threads) do
    fivexx = fivexx + thread:get("server_errors")
  end
  local e = summary.errors
  io.write(string.format(
    '{"requests": %d, "seconds": %.2f, "rps": %.1f, "p50_ms": %.1f, "p99_ms": %.1f, ' ..
    '"max_ms": %.1f, "errors": %d, "non_2xx_3xx": %d, "5xx": %d}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    e.connect + e.read + e.write + e.timeout, e.status, fivexx))
end
