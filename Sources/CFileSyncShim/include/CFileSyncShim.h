#ifndef INDIGATE_FILE_SYNC_SHIM_H
#define INDIGATE_FILE_SYNC_SHIM_H

/// syncfs(2), which Swift's Glibc module does not export (glibc declares it only under
/// _GNU_SOURCE): writes every dirty page and the journal of the file system that holds `fd` and
/// flushes the device. 0, or -1 with errno set (since Linux 5.8 also for an earlier writeback
/// error on that file system).
int indigate_syncfs(int fd);

#endif
