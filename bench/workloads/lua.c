/* An interpreter workload: Lua 5.4 (Debian's static liblua5.4) running a
 * script given on the command line. */
#include <lauxlib.h>
#include <lua.h>
#include <lualib.h>
#include <stdio.h>

int main(int argc, char *argv[]) {
  lua_State *L = luaL_newstate();
  int rc;
  if (argc < 2) return 2;
  luaL_openlibs(L);
  rc = luaL_dofile(L, argv[1]);
  if (rc) fprintf(stderr, "%s\n", lua_tostring(L, -1));
  lua_close(L);
  return rc ? 1 : 0;
}
