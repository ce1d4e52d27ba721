#ifndef CSPAWN_H
#define CSPAWN_H
/* The two GNU calls ChildProcess needs that Swift's Glibc module hides (they need _GNU_SOURCE):
   a pipe whose ends close on exec from the start, and "close every descriptor from n" in a child. */
#include <spawn.h>

int cspawn_pipe_cloexec(int ends[2]);
int cspawn_addclosefrom(posix_spawn_file_actions_t *actions, int from);
#endif
