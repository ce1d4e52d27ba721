/* The library's own limit: libmicrohttpd answering one fixed body, with no routing, store
   or headers beyond Content-Type. Same daemon flags as the emulator (thread pool, epoll).
   With HEADERS_FILE ("Name: value" lines), it does per request what the emulator must ask
   of the library: a response with a copy of the body and those headers, a fresh
   X-GitHub-Request-Id among them, destroyed once queued. That is the library's share of an
   emulator answer, apart from the emulator's own work.
   Usage: mhd-fixed PORT BODY_FILE THREADS [HEADERS_FILE] */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct MHD_Response *fixed;
static char body[1 << 20];
static size_t length;
static char *names[64], *values[64];
static int header_count;
static unsigned long counter;

static struct MHD_Response *per_request(void) {
    struct MHD_Response *response = MHD_create_response_from_buffer(length, body, MHD_RESPMEM_MUST_COPY);
    char id[40];
    unsigned long count = __atomic_add_fetch(&counter, 1, __ATOMIC_RELAXED);
    snprintf(id, sizeof id, "E5D3:C1A8:%06lX:%06lX:9E3779B1", (count >> 24) & 0xFFFFFF, count & 0xFFFFFF);
    for (int i = 0; i < header_count; i++) {
        MHD_add_response_header(response, names[i], strcmp(names[i], "X-GitHub-Request-Id") == 0 ? id : values[i]);
    }
    return response;
}

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **request_state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload_data;
    /* Answering on the first call, before MHD has read the whole request, makes it close
       the connection; the second call comes once the request is complete. */
    static int marker;
    if (*request_state == NULL) { *request_state = &marker; return MHD_YES; }
    *upload_data_size = 0;
    if (fixed != NULL) return MHD_queue_response(connection, MHD_HTTP_OK, fixed);
    struct MHD_Response *response = per_request();
    enum MHD_Result queued = MHD_queue_response(connection, MHD_HTTP_OK, response);
    MHD_destroy_response(response);
    return queued;
}

int main(int argc, char **argv) {
    if (argc != 4 && argc != 5) { fprintf(stderr, "usage: %s PORT BODY_FILE THREADS [HEADERS_FILE]\n", argv[0]); return 2; }
    FILE *file = fopen(argv[2], "rb");
    if (file == NULL) { perror(argv[2]); return 1; }
    length = fread(body, 1, sizeof body, file);
    fclose(file);
    if (argc == 5) {
        FILE *headers = fopen(argv[4], "r");
        if (headers == NULL) { perror(argv[4]); return 1; }
        char line[4096];
        while (header_count < 64 && fgets(line, sizeof line, headers) != NULL) {
            char *colon = strstr(line, ": ");
            if (colon == NULL) continue;
            *colon = '\0';
            line[strcspn(colon + 2, "\r\n") + (size_t)(colon + 2 - line)] = '\0';
            names[header_count] = strdup(line);
            values[header_count] = strdup(colon + 2);
            header_count++;
        }
        fclose(headers);
    } else {
        fixed = MHD_create_response_from_buffer(length, body, MHD_RESPMEM_PERSISTENT);
        MHD_add_response_header(fixed, "Content-Type", "application/json; charset=utf-8");
    }
    struct MHD_Daemon *daemon = MHD_start_daemon(
        MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC, (uint16_t)atoi(argv[1]), NULL, NULL,
        answer, NULL, MHD_OPTION_THREAD_POOL_SIZE, (unsigned int)atoi(argv[3]),
        MHD_OPTION_CONNECTION_LIMIT, 1024U, MHD_OPTION_END);
    if (daemon == NULL) { fprintf(stderr, "cannot start on port %s\n", argv[1]); return 1; }
    sigset_t signals;
    sigemptyset(&signals);
    sigaddset(&signals, SIGINT);
    sigaddset(&signals, SIGTERM);
    sigprocmask(SIG_BLOCK, &signals, NULL);
    int received;
    sigwait(&signals, &received);
    MHD_stop_daemon(daemon);
    if (fixed != NULL) MHD_destroy_response(fixed);
    return 0;
}
