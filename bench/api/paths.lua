-- paths.lua - wrk script for bench/bench_api.py: GET each path of a file in
-- turn (one path a line, already percent-encoded), optionally with a Bearer
-- token, and print the run's figures as one JSON line at the end.
--
--   wrk -t2 -c64 -d30s -s bench/api/paths.lua http://127.0.0.1:PORT -- PATHS_FILE [TOKEN]
--
-- Each wrk thread starts at its own place in the list so that the threads do
-- not ask for the same entity at the same moment.

local nthreads = 0

function setup(thread)
	thread:set("tid", nthreads)
	nthreads = nthreads + 1
end

function init(args)
	local file, token = args[1], args[2]
	if not file then
		error("paths.lua: give the file of paths after --")
	end
	paths = {}
	for line in io.lines(file) do
		if #line > 0 then
			paths[#paths + 1] = line
		end
	end
	if #paths == 0 then
		error("paths.lua: no paths in " .. file)
	end
	if token and #token > 0 then
		wrk.headers["Authorization"] = "Bearer " .. token
	end
	at = ((tid or 0) * 7919) % #paths
end

function request()
	at = at % #paths + 1
	return wrk.format("GET", paths[at])
end

function done(summary, latency, requests)
	local e = summary.errors
	io.write(string.format(
		'BENCH_API {"duration_us":%d,"requests":%d,"bytes":%d,' ..
		'"errors":{"connect":%d,"read":%d,"write":%d,"status":%d,"timeout":%d},' ..
		'"latency_us":{"mean":%.1f,"max":%d,"p50":%d,"p90":%d,"p99":%d,"p999":%d}}\n',
		summary.duration, summary.requests, summary.bytes,
		e.connect, e.read, e.write, e.status, e.timeout,
		latency.mean, latency.max, latency:percentile(50), latency:percentile(90),
		latency:percentile(99), latency:percentile(99.9)))
end
