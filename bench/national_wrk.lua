-- wrk script of bench/national.py (wrk 4.x, LuaJIT). Two modes, by the first script argument:
--
--   wrk -t T -c T -d 30s -s bench/national_wrk.lua URL -- ballots DIR PATH
--       POST PATH (the ballot API) as the people whose ID tokens are in DIR/tokens-<k>.txt, one
--       token per line, thread k reading its own file; bodies from DIR/bodies.txt (one JSON body
--       a line, used in turn). Each thread has ONE connection (-t equal to -c), so a response
--       always answers the last request of its thread: the line number of every token whose
--       ballot was acknowledged (200/201) is appended to DIR/ack-<k>.txt, for the loss check.
--       A thread that runs out of tokens starts again from its first: those ballots replace
--       the earlier ones (200).
--   wrk -t 2 -c 32 -d 10s -s bench/national_wrk.lua URL -- get
--       GET URL (e.g. /healthz).
--
-- done() prints one JSON line: requests, seconds, latency percentiles (ms), wrk's error counts
-- and the responses per status.

local counter = 0
local threads = {}

function setup(thread)
   thread:set("id", counter)
   counter = counter + 1
   table.insert(threads, thread)
end

function init(args)
   mode = args[1] or "get"
   statuses = {}
   if mode ~= "ballots" then
      return
   end
   local dir = args[2]
   path = args[3]
   tokens = {}
   for line in io.lines(dir .. "/tokens-" .. id .. ".txt") do
      tokens[#tokens + 1] = line
   end
   bodies = {}
   for line in io.lines(dir .. "/bodies.txt") do
      bodies[#bodies + 1] = line
   end
   ack = io.open(dir .. "/ack-" .. id .. ".txt", "w")
   ack:setvbuf("line")
   sent = 0
   current = 0
end

function request()
   if mode ~= "ballots" then
      return wrk.request()
   end
   sent = sent + 1
   current = ((sent - 1) % #tokens) + 1
   return wrk.format("POST", path, {
      ["Authorization"] = "Bearer " .. tokens[current],
      ["Content-Type"] = "application/json",
   }, bodies[(current % #bodies) + 1])
end

function response(status, headers, body)
   local key = tostring(status)
   statuses[key] = (statuses[key] or 0) + 1
   if mode == "ballots" and (status == 200 or status == 201) then
      ack:write(current, " ", status, " ", os.time(), "\n")
   end
end

function done(summary, latency, requests)
   local total = {}
   for _, thread in ipairs(threads) do
      local counts = thread:get("statuses")
      if counts then
         for k, v in pairs(counts) do
            total[k] = (total[k] or 0) + v
         end
      end
   end
   local parts = {}
   for k, v in pairs(total) do
      parts[#parts + 1] = string.format('"%s": %d', k, v)
   end
   local e = summary.errors
   io.write(string.format(
      '{"requests": %d, "seconds": %.3f, "p50_ms": %.2f, "p95_ms": %.2f, "p99_ms": %.2f, '
         .. '"max_ms": %.2f, "errors": {"connect": %d, "read": %d, "write": %d, "status": %d, '
         .. '"timeout": %d}, "statuses": {%s}}\n',
      summary.requests, summary.duration / 1e6,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000,
      latency:percentile(99) / 1000, latency.max / 1000,
      e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", ")))
end
