-- wrk script: a mix of event queries (paging, actor, dyad, code, dates).
-- wrk -t2 -c32 -d20s --latency -s crates/serve/bench/events.lua http://127.0.0.1:8080
local paths = {
  "/api/events?limit=50",
  "/api/events?limit=50&offset=1000",
  "/api/events?actor=IRN&limit=50",
  "/api/events?source=IRN&target=USA&limit=50",
  "/api/events?source=USA&target=IMGMUSISI&directed=true&limit=50",
  "/api/events?code=19&limit=50",
  "/api/events?from=2016-01-01&to=2016-03-31&limit=50",
  "/api/events?actor=SYR&modality=asserted&limit=20&offset=40",
}
local i = 0
request = function()
  i = i + 1
  return wrk.format("GET", paths[(i % #paths) + 1])
end
