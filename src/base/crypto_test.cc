#include "base/crypto.h"

#include <gtest/gtest.h>

namespace tuijin {
namespace {

class CryptoTest : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_TRUE(InitCrypto().ok()); }
};

TEST_F(CryptoTest, PasswordHashVerifiesOnlyTheSamePassword) {
  auto hash = HashPassword("云河区发改委2026");
  ASSERT_TRUE(hash.ok());
  EXPECT_EQ(hash->rfind("$argon2id$", 0), 0u);
  EXPECT_TRUE(VerifyPassword(*hash, "云河区发改委2026"));
  EXPECT_FALSE(VerifyPassword(*hash, "云河区发改委2025"));
  EXPECT_FALSE(VerifyPassword("not a hash", "x"));
}

TEST_F(CryptoTest, TokensAreRandomAndUrlSafe) {
  const std::string a = RandomToken(), b = RandomToken();
  EXPECT_NE(a, b);
  EXPECT_EQ(a.size(), 43u);  // 32 bytes, base64 without padding
  EXPECT_EQ(a.find_first_of("+/="), std::string::npos);
  EXPECT_EQ(RandomHex(8).size(), 16u);
}

TEST_F(CryptoTest, Sha256MatchesKnownVector) {
  EXPECT_EQ(Sha256Hex("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

TEST_F(CryptoTest, HmacSha256MatchesRfc4231) {
  // RFC 4231 test case 2.
  EXPECT_EQ(Base64(HmacSha256("Jefe", "what do ya want for nothing?")), "W9zBRr9gdU5qBCQmCJV1x1oAPwidJzmDnexYuWTsOEM=");
}

TEST_F(CryptoTest, Base64IsStandardAndPadded) {
  EXPECT_EQ(Base64(""), "");
  EXPECT_EQ(Base64("f"), "Zg==");
  EXPECT_EQ(Base64("fo"), "Zm8=");
  EXPECT_EQ(Base64("foo"), "Zm9v");
  EXPECT_EQ(Base64("\xfb\xff"), "+/8=");
}

TEST_F(CryptoTest, SecretsEqualRejectsEmptyAndDifferentLengths) {
  EXPECT_TRUE(SecretsEqual("abc", "abc"));
  EXPECT_FALSE(SecretsEqual("abc", "abd"));
  EXPECT_FALSE(SecretsEqual("abc", "ab"));
  EXPECT_FALSE(SecretsEqual("", ""));
}

}  // namespace
}  // namespace tuijin
