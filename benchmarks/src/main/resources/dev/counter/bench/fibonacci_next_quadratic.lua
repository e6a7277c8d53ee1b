-- The Fibonacci script as it was before it became linear, kept only as the baseline of
-- FibonacciBench: it inserts every limb at the front of a table, which makes a step quadratic.
-- /next: advances the Fibonacci pair (current, next) kept as decimal strings in the hash KEYS[1],
-- atomically, and returns the new current. Lua numbers are doubles, so the addition is done on
-- decimal strings in base-10^7 limbs: exact at any size.
local function add(a, b)
  local limbs = {}
  local carry = 0
  local i, j = #a, #b
  while i > 0 or j > 0 or carry > 0 do
    local x, y = 0, 0
    if i > 0 then x = tonumber(string.sub(a, math.max(1, i - 6), i)); i = i - 7 end
    if j > 0 then y = tonumber(string.sub(b, math.max(1, j - 6), j)); j = j - 7 end
    local sum = x + y + carry
    carry = math.floor(sum / 10000000)
    table.insert(limbs, 1, sum % 10000000)
  end
  if #limbs == 0 then return '0' end
  local out = {string.format('%d', limbs[1])}
  for k = 2, #limbs do out[k] = string.format('%07d', limbs[k]) end
  return table.concat(out)
end

local current = redis.call('HGET', KEYS[1], 'current')
local nxt = redis.call('HGET', KEYS[1], 'next')
if not current then current = '0' end
if not nxt then nxt = '1' end
redis.call('HSET', KEYS[1], 'current', nxt, 'next', add(current, nxt))
return nxt
