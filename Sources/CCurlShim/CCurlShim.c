#include "CCurlShim.h"

CURLcode indigate_curl_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode indigate_curl_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode indigate_curl_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode indigate_curl_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}
CURLcode indigate_curl_setopt_write_function(CURL *handle,
    size_t (*callback)(char *data, size_t size, size_t count, void *context)) {
    return curl_easy_setopt(handle, CURLOPT_WRITEFUNCTION, callback);
}
CURLcode indigate_curl_setopt_read_function(CURL *handle,
    size_t (*callback)(char *buffer, size_t size, size_t count, void *context)) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}
CURLcode indigate_curl_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}
CURLcode indigate_curl_setopt_debug_function(CURL *handle,
    int (*callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *context)) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, callback);
}

#include <signal.h>

// Set once, never cleared: after a stop is asked, no transfer should start or go on.
static volatile sig_atomic_t indigate_curl_abort_requested = 0;

static int indigate_curl_xferinfo(void *context, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow) {
    (void)context; (void)dltotal; (void)dlnow; (void)ultotal; (void)ulnow;
    return indigate_curl_abort_requested ? 1 : 0;
}

CURLcode indigate_curl_abort_on_request(CURL *handle) {
    CURLcode code = curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, indigate_curl_xferinfo);
    if (code != CURLE_OK) return code;
    return curl_easy_setopt(handle, CURLOPT_NOPROGRESS, 0L);
}

void indigate_curl_request_abort(void) { indigate_curl_abort_requested = 1; }

CURLcode indigate_curl_getinfo_socket(CURL *handle, curl_socket_t *value) {
    return curl_easy_getinfo(handle, CURLINFO_ACTIVESOCKET, value);
}

int indigate_curl_abort_requested_now(void) { return indigate_curl_abort_requested ? 1 : 0; }
