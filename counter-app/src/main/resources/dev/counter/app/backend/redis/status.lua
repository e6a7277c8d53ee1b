-- /status for a batch of ARGV[1] requests: one increment by the batch size and the time it was
-- recorded, atomically, in one round trip; the caller hands each request its own value of the
-- range. KEYS[1] the counter, KEYS[2] its lastChanged (epoch seconds); both share a hash tag.
-- Returns {last value, epochSeconds}. The server's clock is used so that every replica agrees.
local value = redis.call('INCRBY', KEYS[1], ARGV[1])
local now = redis.call('TIME')
redis.call('SET', KEYS[2], now[1])
return {value, tonumber(now[1])}
