import CGnuTLS

/// Why a key could not be read or made.
public struct RSAKeyError: Error, Equatable, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }

    init(_ operation: String, code: Int32) {
        description = "\(operation): \(String(cString: gnutls_strerror(code)))"
    }
}

/// An RSA public key read from PEM (SubjectPublicKeyInfo `BEGIN PUBLIC KEY` or PKCS#1
/// `BEGIN RSA PUBLIC KEY`), which checks RS256 (RSASSA-PKCS1-v1_5 with SHA-256) signatures.
public final class RSAPublicKey: @unchecked Sendable {
    // Sendable: after init the key is only read; GnuTLS's verification does not mutate it.
    private let key: gnutls_pubkey_t
    /// The modulus' size in bits.
    public let bits: Int

    private init(key: gnutls_pubkey_t) throws(RSAKeyError) {
        self.key = key
        var bits: UInt32 = 0
        guard gnutls_pubkey_get_pk_algorithm(key, &bits) == Int32(GNUTLS_PK_RSA.rawValue) else {
            gnutls_pubkey_deinit(key)
            throw RSAKeyError("not an RSA key")
        }
        self.bits = Int(bits)
    }

    public convenience init(pem: String) throws(RSAKeyError) {
        var key: gnutls_pubkey_t?
        guard gnutls_pubkey_init(&key) == 0, let key else { throw RSAKeyError("out of memory") }
        let result: Int32 = withDatum(pem) { datum in
            if pem.contains("-----BEGIN RSA PUBLIC KEY-----") {
                var der = gnutls_datum_t()
                let decoded = gnutls_pem_base64_decode2("RSA PUBLIC KEY", &datum, &der)
                guard decoded == 0 else { return decoded }
                defer { cgnutls_free(der.data) }
                return cgnutls_import_pkcs1_public(key, der.data, Int(der.size))
            }
            return gnutls_pubkey_import(key, &datum, GNUTLS_X509_FMT_PEM)
        }
        guard result == 0 else {
            gnutls_pubkey_deinit(key)
            throw RSAKeyError("reading the public key", code: result)
        }
        try self.init(key: key)
    }

    /// The public half of `privateKey`.
    convenience init(of privateKey: gnutls_privkey_t) throws(RSAKeyError) {
        var key: gnutls_pubkey_t?
        guard gnutls_pubkey_init(&key) == 0, let key else { throw RSAKeyError("out of memory") }
        let result = gnutls_pubkey_import_privkey(key, privateKey, 0, 0)
        guard result == 0 else {
            gnutls_pubkey_deinit(key)
            throw RSAKeyError("deriving the public key", code: result)
        }
        try self.init(key: key)
    }

    deinit { gnutls_pubkey_deinit(key) }

    /// Whether `signature` is an RS256 signature of `message` by this key's private half.
    public func verifiesSHA256(signature: [UInt8], of message: [UInt8]) -> Bool {
        // An empty datum with a nil pointer is refused by GnuTLS before it looks at it.
        guard !signature.isEmpty else { return false }
        var message = message, signature = signature
        return message.withUnsafeMutableBufferPointer { messageBuffer in
            signature.withUnsafeMutableBufferPointer { signatureBuffer in
                var data = gnutls_datum_t(data: messageBuffer.baseAddress, size: UInt32(messageBuffer.count))
                var signed = gnutls_datum_t(data: signatureBuffer.baseAddress, size: UInt32(signatureBuffer.count))
                return gnutls_pubkey_verify_data2(key, GNUTLS_SIGN_RSA_SHA256, 0, &data, &signed) >= 0
            }
        }
    }

    /// SubjectPublicKeyInfo PEM (`BEGIN PUBLIC KEY`).
    public var pem: String {
        var out = gnutls_datum_t()
        guard gnutls_pubkey_export2(key, GNUTLS_X509_FMT_PEM, &out) == 0 else { return "" }
        defer { cgnutls_free(out.data) }
        return String(decoding: UnsafeBufferPointer(start: out.data, count: Int(out.size)), as: UTF8.self)
    }
}

/// An RSA private key: generated, or read from PEM (PKCS#1 or PKCS#8); signs RS256.
public final class RSAPrivateKey: @unchecked Sendable {
    // Sendable: after init the key is only read; signing does not mutate it.
    private let key: gnutls_privkey_t
    private let x509: gnutls_x509_privkey_t
    public let publicKey: RSAPublicKey

    private init(x509: gnutls_x509_privkey_t) throws(RSAKeyError) {
        self.x509 = x509
        var key: gnutls_privkey_t?
        guard gnutls_privkey_init(&key) == 0, let key else {
            gnutls_x509_privkey_deinit(x509)
            throw RSAKeyError("out of memory")
        }
        let imported = gnutls_privkey_import_x509(key, x509, 0)
        guard imported == 0 else {
            gnutls_privkey_deinit(key)
            gnutls_x509_privkey_deinit(x509)
            throw RSAKeyError("reading the private key", code: imported)
        }
        self.key = key
        publicKey = try RSAPublicKey(of: key)
    }

    /// A new key pair from GnuTLS's random generator.
    public static func generate(bits: Int = 2048) throws(RSAKeyError) -> RSAPrivateKey {
        var x509: gnutls_x509_privkey_t?
        guard gnutls_x509_privkey_init(&x509) == 0, let x509 else { throw RSAKeyError("out of memory") }
        let result = gnutls_x509_privkey_generate(x509, GNUTLS_PK_RSA, UInt32(bits), 0)
        guard result == 0 else {
            gnutls_x509_privkey_deinit(x509)
            throw RSAKeyError("generating a key", code: result)
        }
        return try RSAPrivateKey(x509: x509)
    }

    public convenience init(pem: String) throws(RSAKeyError) {
        var x509: gnutls_x509_privkey_t?
        guard gnutls_x509_privkey_init(&x509) == 0, let x509 else { throw RSAKeyError("out of memory") }
        let result: Int32 = withDatum(pem) { datum in gnutls_x509_privkey_import2(x509, &datum, GNUTLS_X509_FMT_PEM, nil, 0) }
        guard result == 0 else {
            gnutls_x509_privkey_deinit(x509)
            throw RSAKeyError("reading the private key", code: result)
        }
        try self.init(x509: x509)
    }

    deinit {
        gnutls_privkey_deinit(key)
        gnutls_x509_privkey_deinit(x509)
    }

    /// PKCS#1 PEM (`BEGIN RSA PRIVATE KEY`), as GitHub hands an App's key out.
    public var pem: String {
        var out = gnutls_datum_t()
        guard gnutls_x509_privkey_export2(x509, GNUTLS_X509_FMT_PEM, &out) == 0 else { return "" }
        defer { cgnutls_free(out.data) }
        return String(decoding: UnsafeBufferPointer(start: out.data, count: Int(out.size)), as: UTF8.self)
    }

    /// The RS256 signature of `message`.
    public func signSHA256(_ message: [UInt8]) throws(RSAKeyError) -> [UInt8] {
        var message = message
        var signature = gnutls_datum_t()
        let result = message.withUnsafeMutableBufferPointer { buffer in
            var data = gnutls_datum_t(data: buffer.baseAddress, size: UInt32(buffer.count))
            return gnutls_privkey_sign_data2(key, GNUTLS_SIGN_RSA_SHA256, 0, &data, &signature)
        }
        guard result == 0 else { throw RSAKeyError("signing", code: result) }
        defer { cgnutls_free(signature.data) }
        return Array(UnsafeBufferPointer(start: signature.data, count: Int(signature.size)))
    }
}

/// `text`'s bytes as the GnuTLS datum PEM readers take, valid only inside `body`.
private func withDatum<T>(_ text: String, _ body: (inout gnutls_datum_t) -> T) -> T {
    var bytes = Array(text.utf8)
    return bytes.withUnsafeMutableBufferPointer { buffer in
        var datum = gnutls_datum_t(data: buffer.baseAddress, size: UInt32(buffer.count))
        return body(&datum)
    }
}
