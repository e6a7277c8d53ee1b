-- Every counter operation, guarded against handing out a value twice after Redis lost or rolled
-- back the counter (a restart without persistence, an older RDB/AOF, a FLUSHALL, a deleted key).
--
-- KEYS[1] the value, KEYS[2] its lastChanged (epoch seconds), KEYS[3] the epoch, KEYS[4] the lost
-- marker; all share one hash tag. ARGV[1] how much to add (0 reads), ARGV[2] the epoch the caller
-- knows ('' if none yet), ARGV[3] the highest value the caller has seen, ARGV[4] a fresh token.
--
-- The epoch is '<floor>:<token>', written when the counter starts (floor 0) or is adopted at a
-- value (floor = that value); a caller follows a new epoch only if its floor is not below what the
-- caller has seen. Once anyone finds the counter below what it has seen, the lost marker holds the
-- highest value seen so far, and every caller (new ones too) is refused until an operator puts the
-- value back above it and deletes the marker (README: "counter state lost").
-- Returns {value after the operation, lastChanged, epoch}.
local by = tonumber(ARGV[1])
local known = ARGV[2]
local seen = tonumber(ARGV[3])

local function lost(why)
  local floor = seen
  local marker = tonumber(redis.call('GET', KEYS[4]) or '0') or 0
  if marker > floor then floor = marker end
  redis.call('SET', KEYS[4], string.format('%d', floor))
  return redis.error_reply('COUNTER_LOST ' .. why .. '; resume above ' .. string.format('%d', floor))
end

if redis.call('EXISTS', KEYS[4]) == 1 then
  return lost('the counter is marked lost')
end
local raw = redis.call('GET', KEYS[1])
local value = 0
if raw then
  value = tonumber(raw)
  if not value or not string.match(raw, '^%-?%d+$') then
    return redis.error_reply('COUNTER_UNUSABLE ' .. KEYS[1] .. ' holds ' .. string.sub(raw, 1, 40))
  end
end
local epoch = redis.call('GET', KEYS[3])
if not epoch then
  if raw then
    if value < seen then
      return lost('the store holds ' .. raw .. ', below ' .. string.format('%d', seen) .. ' already handed out')
    end
    -- a counter from before epochs, or one an operator put back: adopt it at its value
    epoch = raw .. ':' .. ARGV[4]
    redis.call('SET', KEYS[3], epoch)
  elseif known ~= '' or seen > 0 then
    return lost('the store has no counter, but ' .. string.format('%d', seen) .. ' was handed out')
  elseif by > 0 then
    epoch = '0:' .. ARGV[4]
    redis.call('SET', KEYS[3], epoch)
  else
    return {0, 0, ''}
  end
elseif epoch ~= known then
  local floor = tonumber(string.match(epoch, '^(%d+):'))
  if not floor then
    return redis.error_reply('COUNTER_UNUSABLE ' .. KEYS[3] .. ' holds ' .. string.sub(epoch, 1, 40))
  end
  if floor < seen then
    return lost('the counter was started again at ' .. string.format('%d', floor) .. ', below '
        .. string.format('%d', seen) .. ' already handed out')
  end
end
if value < seen then
  return lost('the store holds ' .. string.format('%d', value) .. ', below ' .. string.format('%d', seen)
      .. ' already handed out')
end
if by > 0 then
  value = redis.call('INCRBY', KEYS[1], by)
  local now = redis.call('TIME')
  redis.call('SET', KEYS[2], now[1])
  return {value, tonumber(now[1]), epoch}
end
return {value, tonumber(redis.call('GET', KEYS[2]) or '0') or 0, epoch}
