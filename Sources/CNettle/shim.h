#ifndef CNETTLE_SHIM_H
#define CNETTLE_SHIM_H
/* Nettle: already linked by GnuTLS, which libmicrohttpd links, so SHA-256 and HMAC cost the
   image nothing and the build no copy of BoringSSL. Hashing is the only module that sees it. */
#include <nettle/hmac.h>
#include <nettle/memops.h>
#include <nettle/sha1.h>
#include <nettle/sha2.h>
#endif
