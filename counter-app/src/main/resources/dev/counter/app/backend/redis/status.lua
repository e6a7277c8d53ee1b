-- /status: one increment and the time it was recorded, atomically, in one round trip.
-- KEYS[1] the counter, KEYS[2] its lastChanged (epoch seconds); both share a hash tag.
-- Returns {value, epochSeconds}. The server's clock is used so that every replica agrees.
local value = redis.call('INCR', KEYS[1])
local now = redis.call('TIME')
redis.call('SET', KEYS[2], now[1])
return {value, tonumber(now[1])}
