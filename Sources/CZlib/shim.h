#ifndef CZLIB_SHIM_H
#define CZLIB_SHIM_H
#include <stddef.h>
#include <string.h>
#include <zlib.h>

/* deflateInit2 is a macro Swift cannot call: the whole raw-deflate call is wrapped here, so
   Archive sees plain functions over buffers. */

/* The most bytes raw deflate can produce from `length` input bytes. */
static inline size_t czlib_deflate_bound(size_t length) {
    return (size_t)compressBound((uLong)length) + 16;
}

/* Compresses `in` as a raw deflate stream (no zlib header, as zip entries hold it) into `out`,
   which must hold czlib_deflate_bound(in_length) bytes. Returns the compressed length, or -1. */
static inline long czlib_deflate_raw(const void *in, size_t in_length, void *out, size_t out_capacity, int level) {
    z_stream stream;
    memset(&stream, 0, sizeof stream);
    if (deflateInit2(&stream, level, Z_DEFLATED, -15, 8, Z_DEFAULT_STRATEGY) != Z_OK) return -1;
    stream.next_in = (Bytef *)in;
    stream.avail_in = (uInt)in_length;
    stream.next_out = (Bytef *)out;
    stream.avail_out = (uInt)out_capacity;
    int status = deflate(&stream, Z_FINISH);
    long written = (long)stream.total_out;
    deflateEnd(&stream);
    return status == Z_STREAM_END ? written : -1;
}

static inline unsigned long czlib_crc32(unsigned long crc, const void *bytes, size_t length) {
    return crc32(crc, (const Bytef *)bytes, (uInt)length);
}
#endif
