#define _GNU_SOURCE
#include <unistd.h>

#include "CFileSyncShim.h"

int indigate_syncfs(int fd) { return syncfs(fd); }
