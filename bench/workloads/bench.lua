-- Function calls, tables and strings in Lua.
local function fib(n) if n < 2 then return n end return fib(n - 1) + fib(n - 2) end
local t = {}
for i = 1, 200000 do t[i] = (i * 7919) % 100003 end
table.sort(t)
local parts = {}
for i = 1, 20000 do parts[#parts + 1] = tostring(t[i]) end
print(fib(27), #table.concat(parts, ","), t[1], t[#t])
