// Typed, non-variadic wrappers for libcurl's variadic curl_easy_setopt/curl_easy_getinfo,
// which Swift cannot call. One function per argument type; each returns the CURLcode.
#ifndef INDIGATE_CCURLSHIM_H
#define INDIGATE_CCURLSHIM_H

#include <curl/curl.h>

CURLcode indigate_curl_setopt_long(CURL *handle, CURLoption option, long value);
CURLcode indigate_curl_setopt_string(CURL *handle, CURLoption option, const char *value);
CURLcode indigate_curl_setopt_pointer(CURL *handle, CURLoption option, void *value);
CURLcode indigate_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value);
CURLcode indigate_curl_setopt_write_function(CURL *handle,
    size_t (*callback)(char *data, size_t size, size_t count, void *context));
CURLcode indigate_curl_setopt_read_function(CURL *handle,
    size_t (*callback)(char *buffer, size_t size, size_t count, void *context));
CURLcode indigate_curl_setopt_debug_function(CURL *handle,
    int (*callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context));
CURLcode indigate_curl_getinfo_long(CURL *handle, CURLINFO info, long *value);
/// The socket of a CURLOPT_CONNECT_ONLY connection (CURLINFO_ACTIVESOCKET), to wait on with poll().
CURLcode indigate_curl_getinfo_socket(CURL *handle, curl_socket_t *value);

/// Installs a transfer-progress callback that aborts the transfer (CURLE_ABORTED_BY_CALLBACK)
/// once `*flag` is raised (indigate_flag_raise): a daemon asked to stop does not wait out a
/// server that accepted the connection and never answers. The flag must outlive the handle.
CURLcode indigate_curl_abort_on_flag(CURL *handle, const int *flag);

/// Raises a stop flag (atomically; async-signal-safe).
void indigate_flag_raise(int *flag);
/// Whether a stop flag is raised.
int indigate_flag_is_raised(const int *flag);

#endif
