// Randomness, hashing and password storage, all from libsodium.
// Thread-safe once InitCrypto() has returned.
#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace tuijin {

// Must be called once before any other function here (main does it).
Status InitCrypto();

// `bytes` random bytes as URL-safe base64 without padding (session tokens, CSRF tokens).
std::string RandomToken(size_t bytes = 32);

// Lower-case hex of `bytes` random bytes (request ids).
std::string RandomHex(size_t bytes);

// Lower-case hex SHA-256 of `data`: how session tokens are stored.
std::string Sha256Hex(std::string_view data);

// Raw HMAC-SHA256 of `message` under `key` (any length): 钉钉 加签.
std::string HmacSha256(std::string_view key, std::string_view message);

// Standard base64 (RFC 4648 alphabet "+/", padded with "="), for signatures and MIME.
std::string Base64(std::string_view data);

// argon2id hash in the PHC string format ("$argon2id$v=19$m=...").
StatusOr<std::string> HashPassword(std::string_view password);

// True if `password` matches `hash`. Constant-time with respect to the password.
bool VerifyPassword(std::string_view hash, std::string_view password);

// Constant-time comparison of two equal-length secrets; false when lengths differ.
bool SecretsEqual(std::string_view a, std::string_view b);

}  // namespace tuijin
