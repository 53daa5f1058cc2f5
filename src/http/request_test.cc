#include "http/request.h"

#include <gtest/gtest.h>

namespace tuijin::http {
namespace {

Request From(std::string peer, std::string forwarded = "") {
  Request r;
  r.remote_address = std::move(peer);
  if (!forwarded.empty()) r.headers.push_back({"x-forwarded-for", std::move(forwarded)});
  return r;
}

TEST(ClientAddressTest, PeerUnlessItIsATrustedProxy) {
  EXPECT_EQ(ClientAddress(From("10.1.2.3", "1.1.1.1"), ""), "10.1.2.3");
  EXPECT_EQ(ClientAddress(From("10.1.2.3", "1.1.1.1"), "127.0.0.1"), "10.1.2.3");  // not from the proxy
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "10.20.30.40"), "127.0.0.1"), "10.20.30.40");
  EXPECT_EQ(ClientAddress(From("127.0.0.1"), "127.0.0.1"), "127.0.0.1");  // no header
}

TEST(ClientAddressTest, ReadsForwardedForFromTheNearEnd) {
  // A client sent "X-Forwarded-For: 6.6.6.6"; nginx appended the real peer.
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "6.6.6.6, 10.20.30.40"), "127.0.0.1"), "10.20.30.40");
  // Two proxies in a row, both trusted.
  EXPECT_EQ(ClientAddress(From("127.0.0.1", "10.20.30.40, 192.168.0.9"), "127.0.0.1, 192.168.0.9"), "10.20.30.40");
}

}  // namespace
}  // namespace tuijin::http
