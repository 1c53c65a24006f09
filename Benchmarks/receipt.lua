-- wrk script for receiver-throughput.sh: every request posts receipts for numbers no other request used.
-- BATCH (env) receipts per POST; each thread numbers its requests from its own offset. BATCH=0: a plain GET of
-- the URL given to wrk (the no-op ceiling), answered 200.
local batch = tonumber(os.getenv("BATCH") or "1")
local counter = 0
thread_base = 0
local threads = {}

function setup(thread)
    thread:set("thread_base", #threads * 100000000)
    table.insert(threads, thread)
end

function init(args)
    counter = 0
end

function request()
    if batch == 0 then return wrk.format("GET") end
    local items = {}
    for i = 1, batch do
        counter = counter + 1
        local phone = string.format("13%09d", (thread_base + counter) % 1000000000)
        items[i] = string.format(
            '{"task_id":"T%d","phone":"%s","code":"DELIVERED","message":"ok","send_time":"2026-12-01 09:30:00","report_time":"2026-12-01 09:30:05"}',
            thread_base, phone)
    end
    local body = batch == 1 and items[1] or ("[" .. table.concat(items, ",") .. "]")
    return wrk.format("POST", nil, {["Content-Type"] = "application/json"}, body)
end

errors = 0
function response(status, headers, body)
    if status ~= 200 or (batch > 0 and body ~= "success") then errors = errors + 1 end
end

-- One machine-readable line for the script: requests, seconds, p50 and p99 latency (µs), bad answers.
function done(summary, latency, requests)
    local bad = 0
    for _, thread in ipairs(threads) do bad = bad + (thread:get("errors") or 0) end
    io.write(string.format("RESULT requests=%d seconds=%.3f p50_us=%d p99_us=%d bad=%d socket_errors=%d\n",
        summary.requests, summary.duration / 1e6, latency:percentile(50), latency:percentile(99), bad,
        summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
