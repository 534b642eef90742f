-- wrk script for bench_api.sh: every request asks for the first page of a random account.
-- ACCOUNTS (space-separated ids), TOKEN and LIMIT come from the environment.
local ids = {}
for id in string.gmatch(os.getenv("ACCOUNTS") or "", "%d+") do ids[#ids + 1] = id end
local headers = { ["Authorization"] = "Bearer " .. (os.getenv("TOKEN") or "") }
local limit = os.getenv("LIMIT") or "100"

function setup(thread) thread:set("seed", math.random(1, 1000000)) end
function init(args) math.randomseed(seed) end

request = function()
    local path = "/api/transactions?account_id=" .. ids[math.random(1, #ids)] .. "&limit=" .. limit
    return wrk.format("GET", path, headers)
end
