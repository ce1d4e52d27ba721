/* The library's own limit: libmicrohttpd answering one fixed body, with no routing, store
   or headers beyond Content-Type. Same daemon flags as the emulator (thread pool, epoll).
   Usage: mhd-fixed PORT BODY_FILE THREADS */
#include <microhttpd.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static struct MHD_Response *fixed;

static enum MHD_Result answer(void *cls, struct MHD_Connection *connection, const char *url,
                              const char *method, const char *version, const char *upload_data,
                              size_t *upload_data_size, void **request_state) {
    (void)cls; (void)url; (void)method; (void)version; (void)upload_data;
    /* Answering on the first call, before MHD has read the whole request, makes it close
       the connection; the second call comes once the request is complete. */
    static int marker;
    if (*request_state == NULL) { *request_state = &marker; return MHD_YES; }
    *upload_data_size = 0;
    return MHD_queue_response(connection, MHD_HTTP_OK, fixed);
}

int main(int argc, char **argv) {
    if (argc != 4) { fprintf(stderr, "usage: %s PORT BODY_FILE THREADS\n", argv[0]); return 2; }
    FILE *file = fopen(argv[2], "rb");
    if (file == NULL) { perror(argv[2]); return 1; }
    static char body[1 << 20];
    size_t length = fread(body, 1, sizeof body, file);
    fclose(file);
    fixed = MHD_create_response_from_buffer(length, body, MHD_RESPMEM_PERSISTENT);
    MHD_add_response_header(fixed, "Content-Type", "application/json; charset=utf-8");
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
    MHD_destroy_response(fixed);
    return 0;
}
