-- /next: advances the Fibonacci pair (current, next), kept as decimal strings in the hash KEYS[1],
-- atomically, and returns the new current. The stored form is plain decimal text, as it always
-- was, so state written by any earlier version is read as it is and HGETALL shows the numbers.
--
-- Lua numbers are doubles, exact up to 2^53, so the sum is done in limbs of 15 decimal digits
-- (a limb sum stays below 2 * 10^15 + 1). The limbs are gathered lowest first and joined once at
-- the end: one step costs time linear in the number of digits. (Inserting each limb at the front
-- of the table, as an earlier version did, made it quadratic: 0.9 s per call at F(200000), with
-- Redis blocked for every client meanwhile.)
local DIGITS = 15
local BASE = 1e15
local LIMB = '%015d'
-- formatting 8 limbs per call instead of one saves a third of the time
local LIMBS8 = string.rep(LIMB, 8)

-- a value edited by hand ('-5', '1e5', ' 7') must not be added as if it were digits; anchored, the
-- pattern is one pass over the string (an unanchored '%D' search costs twice as much)
local function decimal(field, value)
  if not string.find(value, '^%d+$') then
    error(redis.error_reply(KEYS[1] .. ' field ' .. field .. ' is not a non-negative decimal integer'))
  end
  return value
end

local function add(a, b)
  if #a < #b then a, b = b, a end
  local sub = string.sub
  local limbs = {}
  local n = 0
  local carry = 0
  local i, j = #a, #b
  while i > 0 do
    local sum = tonumber(sub(a, math.max(1, i - DIGITS + 1), i)) + carry
    i = i - DIGITS
    if j > 0 then
      sum = sum + tonumber(sub(b, math.max(1, j - DIGITS + 1), j))
      j = j - DIGITS
    end
    if sum >= BASE then
      sum = sum - BASE
      carry = 1
    else
      carry = 0
    end
    n = n + 1
    limbs[n] = sum
  end
  if carry > 0 then
    n = n + 1
    limbs[n] = carry
  end
  local high = {}
  for k = 1, n do
    high[k] = limbs[n - k + 1]
  end
  local out = {string.format('%d', high[1])}
  local k = 2
  while k + 7 <= n do
    out[#out + 1] = string.format(LIMBS8, unpack(high, k, k + 7))
    k = k + 8
  end
  while k <= n do
    out[#out + 1] = string.format(LIMB, high[k])
    k = k + 1
  end
  return table.concat(out)
end

local current = redis.call('HGET', KEYS[1], 'current')
local nxt = redis.call('HGET', KEYS[1], 'next')
current = current and decimal('current', current) or '0'
nxt = nxt and decimal('next', nxt) or '1'
redis.call('HSET', KEYS[1], 'current', nxt, 'next', add(current, nxt))
return nxt
