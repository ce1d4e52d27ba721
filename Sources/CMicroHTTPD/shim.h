#ifndef CMICROHTTPD_SHIM_H
#define CMICROHTTPD_SHIM_H
/* microhttpd.h expects these before it. */
#include <sys/types.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <stdint.h>
#include <stdarg.h>
#include <string.h>
#include <unistd.h>
#include <errno.h>
#include <netdb.h>
#include <arpa/inet.h>
#include <netinet/in.h>
#include <microhttpd.h>

/* Everything Swift cannot call directly (variadic functions, closed enums used as flags,
   sockaddr juggling) is wrapped here, so HTTPServer sees plain C functions and ints. */

typedef struct cmhd_settings {
    const char *host;                     /* numeric address or name; resolved here */
    uint16_t port;                        /* 0 picks a free port */
    unsigned int thread_pool_size;
    unsigned int connection_limit;
    unsigned int per_ip_connection_limit; /* 0 = unlimited */
    unsigned int connection_timeout;      /* seconds */
    size_t connection_memory_limit;       /* bytes per connection for headers and buffers */
    const char *tls_cert_pem;             /* both NULL for plain HTTP */
    const char *tls_key_pem;
} cmhd_settings;

typedef void *(*cmhd_uri_logger)(void *cls, const char *uri, struct MHD_Connection *connection);

/* Starts a daemon; on failure returns NULL and sets *error_code to an errno-style value
   (EAI_* failures are reported as EADDRNOTAVAIL). */
static inline struct MHD_Daemon *cmhd_start(const cmhd_settings *s,
                                            MHD_AccessHandlerCallback handler,
                                            MHD_RequestCompletedCallback completed,
                                            cmhd_uri_logger uri_logger,
                                            void *cls,
                                            int *error_code) {
    struct addrinfo hints, *found = NULL;
    memset(&hints, 0, sizeof hints);
    hints.ai_family = AF_UNSPEC;
    hints.ai_socktype = SOCK_STREAM;
    hints.ai_flags = AI_PASSIVE;
    if (getaddrinfo(s->host, NULL, &hints, &found) != 0 || found == NULL) {
        *error_code = EADDRNOTAVAIL;
        return NULL;
    }
    struct sockaddr_storage address;
    memset(&address, 0, sizeof address);
    memcpy(&address, found->ai_addr, found->ai_addrlen);
    int family = found->ai_family;
    freeaddrinfo(found);

    /* ITC lets cmhd_quiesce stop accepting while in-flight requests finish, and wakes a worker
       when a connection answered on another thread is resumed. */
    unsigned int flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL | MHD_USE_ITC | MHD_ALLOW_SUSPEND_RESUME;
    if (family == AF_INET6) {
        ((struct sockaddr_in6 *)&address)->sin6_port = htons(s->port);
        flags |= MHD_USE_IPv6;
    } else {
        ((struct sockaddr_in *)&address)->sin_port = htons(s->port);
    }
    if (s->tls_cert_pem != NULL && s->tls_key_pem != NULL) flags |= MHD_USE_TLS;

    struct MHD_OptionItem options[] = {
        { MHD_OPTION_SOCK_ADDR, 0, &address },
        { MHD_OPTION_THREAD_POOL_SIZE, s->thread_pool_size, NULL },
        { MHD_OPTION_CONNECTION_LIMIT, s->connection_limit, NULL },
        { MHD_OPTION_PER_IP_CONNECTION_LIMIT, s->per_ip_connection_limit, NULL },
        { MHD_OPTION_CONNECTION_TIMEOUT, s->connection_timeout, NULL },
        { MHD_OPTION_CONNECTION_MEMORY_LIMIT, (intptr_t)s->connection_memory_limit, NULL },
        { MHD_OPTION_NOTIFY_COMPLETED, (intptr_t)completed, cls },
        { MHD_OPTION_URI_LOG_CALLBACK, (intptr_t)uri_logger, cls },
        { MHD_OPTION_HTTPS_MEM_CERT, 0, (void *)s->tls_cert_pem },
        { MHD_OPTION_HTTPS_MEM_KEY, 0, (void *)s->tls_key_pem },
        { MHD_OPTION_END, 0, NULL },
    };
    if ((flags & MHD_USE_TLS) == 0) {
        options[8].option = MHD_OPTION_END; /* plain HTTP: stop before the TLS options */
    }
    errno = 0;
    struct MHD_Daemon *daemon = MHD_start_daemon(flags, s->port, NULL, NULL, handler, cls,
                                                 MHD_OPTION_ARRAY, options, MHD_OPTION_END);
    if (daemon == NULL) *error_code = errno != 0 ? errno : EINVAL;
    return daemon;
}

static inline uint16_t cmhd_bound_port(struct MHD_Daemon *daemon) {
    const union MHD_DaemonInfo *info = MHD_get_daemon_info(daemon, MHD_DAEMON_INFO_BIND_PORT);
    return info == NULL ? 0 : info->port;
}

/* Writes the peer's numeric address into buffer; empty string when unknown. */
static inline void cmhd_client_address(struct MHD_Connection *connection, char *buffer, socklen_t size) {
    buffer[0] = '\0';
    const union MHD_ConnectionInfo *info =
        MHD_get_connection_info(connection, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
    if (info == NULL || info->client_addr == NULL) return;
    const struct sockaddr *peer = info->client_addr;
    if (peer->sa_family == AF_INET) {
        inet_ntop(AF_INET, &((const struct sockaddr_in *)peer)->sin_addr, buffer, size);
    } else if (peer->sa_family == AF_INET6) {
        inet_ntop(AF_INET6, &((const struct sockaddr_in6 *)peer)->sin6_addr, buffer, size);
    }
}

/* Stops accepting new connections; the listening socket is ours to close. */
static inline void cmhd_quiesce(struct MHD_Daemon *daemon) {
    MHD_socket listener = MHD_quiesce_daemon(daemon);
    if (listener != MHD_INVALID_SOCKET) close(listener);
}


/* Collects request headers through the C iterator into the caller's context. */
typedef void (*cmhd_header_sink)(void *context, const char *name, size_t name_length,
                                 const char *value, size_t value_length);

typedef struct cmhd_header_visit { cmhd_header_sink sink; void *context; } cmhd_header_visit;

static inline enum MHD_Result cmhd_header_iterator(void *cls, enum MHD_ValueKind kind,
                                                   const char *key, size_t key_size,
                                                   const char *value, size_t value_size) {
    (void)kind;
    cmhd_header_visit *visit = (cmhd_header_visit *)cls;
    visit->sink(visit->context, key, key_size, value, value == NULL ? 0 : value_size);
    return MHD_YES;
}

static inline void cmhd_visit_headers(struct MHD_Connection *connection, cmhd_header_sink sink, void *context) {
    cmhd_header_visit visit = { sink, context };
    MHD_get_connection_values_n(connection, MHD_HEADER_KIND, cmhd_header_iterator, &visit);
}

/* Queues a response built from bytes that libmicrohttpd copies (MUST_COPY: Swift owns its buffer). */
static inline struct MHD_Response *cmhd_response_copying(const void *bytes, size_t length) {
    return MHD_create_response_from_buffer(length, (void *)bytes, MHD_RESPMEM_MUST_COPY);
}

static inline int cmhd_queue(struct MHD_Connection *connection, unsigned int status, struct MHD_Response *response) {
    return MHD_queue_response(connection, status, response) == MHD_YES;
}
#endif
