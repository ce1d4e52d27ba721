#ifndef CGNUTLS_SHIM_H
#define CGNUTLS_SHIM_H
/* GnuTLS (already linked by libmicrohttpd) reads and writes PEM keys, generates them and checks
   RS256 signatures; Nettle's DER reader, under it, covers the one format GnuTLS cannot import
   (PKCS#1 "RSA PUBLIC KEY"). RSAKeys is the only module that sees either. */
#include <gnutls/gnutls.h>
#include <gnutls/abstract.h>
#include <gnutls/x509.h>
#include <nettle/asn1.h>
#include <nettle/bignum.h>
#include <nettle/rsa.h>
#include <stdlib.h>

/* gnutls_free is a macro over a function pointer; Swift sees neither as a function. */
static inline void cgnutls_free(void *pointer) { gnutls_free(pointer); }

/* Imports a DER PKCS#1 RSAPublicKey into `key`: Nettle parses it, GnuTLS takes n and e.
   0 on success, a negative GnuTLS error code otherwise. */
static inline int cgnutls_import_pkcs1_public(gnutls_pubkey_t key, const uint8_t *der, size_t length) {
    struct asn1_der_iterator iterator;
    struct rsa_public_key parsed;
    int result = GNUTLS_E_ASN1_DER_ERROR;
    rsa_public_key_init(&parsed);
    /* Nettle's reader takes the iterator at the SEQUENCE and checks it holds exactly n and e. */
    if (asn1_der_iterator_first(&iterator, length, der) == ASN1_ITERATOR_CONSTRUCTED
        && rsa_public_key_from_der_iterator(&parsed, 16384, &iterator)) {
        size_t n_length = nettle_mpz_sizeinbase_256_u(parsed.n);
        size_t e_length = nettle_mpz_sizeinbase_256_u(parsed.e);
        uint8_t *n = malloc(n_length), *e = malloc(e_length);
        if (n && e) {
            nettle_mpz_get_str_256(n_length, n, parsed.n);
            nettle_mpz_get_str_256(e_length, e, parsed.e);
            gnutls_datum_t modulus = {n, (unsigned)n_length}, exponent = {e, (unsigned)e_length};
            result = gnutls_pubkey_import_rsa_raw(key, &modulus, &exponent);
        } else {
            result = GNUTLS_E_MEMORY_ERROR;
        }
        free(n);
        free(e);
    }
    rsa_public_key_clear(&parsed);
    return result;
}
#endif
