-- wrk script: POSTs the same MM7 body on every request.
--   wrk ... -s post.lua URL -- BODY_FILE CONTENT_TYPE_FILE [AUTHORIZATION]
-- Prints one "RESULT key=value ..." line at the end.

local function read(path)
   local f = assert(io.open(path, "rb"))
   local data = f:read("*a")
   f:close()
   return data
end

function init(args)
   wrk.method = "POST"
   wrk.body = read(args[1])
   wrk.headers["Content-Type"] = (read(args[2]):gsub("%s+$", ""))
   wrk.headers["SOAPAction"] = '""'
   if args[3] then
      wrk.headers["Authorization"] = args[3]
   end
end

function done(summary, latency, requests)
   local seconds = summary.duration / 1e6
   io.write(string.format("RESULT rps=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f requests=%d non2xx=%d socket_errors=%d\n",
      summary.requests / seconds, latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      summary.requests, summary.errors.status,
      summary.errors.connect + summary.errors.read + summary.errors.write + summary.errors.timeout))
end
