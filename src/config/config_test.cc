#include "config/config.h"
#include "base/test_temp_path.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>

namespace tuijin::config {
namespace {

TEST(ConfigTest, DefaultsApplyWithoutAnySource) {
  auto c = Load("", {}, {});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen, "127.0.0.1:8080");
  EXPECT_EQ(c->db, "data/tuijin.db");
  EXPECT_FALSE(c->IsPostgres());
}

TEST(ConfigTest, DeliveryRetriesDefaultAndComeFromTheEnvironment) {
  auto c = Load("", {}, {});
  ASSERT_TRUE(c.ok());
  EXPECT_EQ(c->delivery_retry_seconds, 30);
  EXPECT_EQ(c->delivery_max_attempts, 5);
  EXPECT_EQ(c->delivery_timeout_seconds, 10);
  auto t = Load("", {{"TUIJIN_DELIVERY_RETRY_SECONDS", "1"}, {"TUIJIN_DELIVERY_MAX_ATTEMPTS", "3"}}, {});
  ASSERT_TRUE(t.ok());
  EXPECT_EQ(t->delivery_retry_seconds, 1);
  EXPECT_EQ(t->delivery_max_attempts, 3);
  EXPECT_FALSE(Load("", {{"TUIJIN_DELIVERY_MAX_ATTEMPTS", "0"}}, {}).ok());
}

TEST(ConfigTest, FlagsOverrideEnvironmentWhichOverridesFile) {
  const std::string path = testing_support::TestTempPath("cfg_test.toml");
  {
    std::ofstream f(path);
    f << "listen = \"0.0.0.0:9000\"\nworkers = 4\nlog_level = \"debug\"\n";
  }
  auto c = Load(path, {{"TUIJIN_WORKERS", "6"}, {"TUIJIN_LOG_LEVEL", "warn"}}, {{"log_level", "error"}});
  ASSERT_TRUE(c.ok()) << c.status().ToString();
  EXPECT_EQ(c->listen, "0.0.0.0:9000");  // file
  EXPECT_EQ(c->workers, 6);              // env beats file
  EXPECT_EQ(c->log_level, "error");      // flag beats env
  std::remove(path.c_str());
}

TEST(ConfigTest, BadValueNamesTheOptionAndSource) {
  auto c = Load("", {{"TUIJIN_WORKERS", "many"}}, {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("workers"), std::string::npos);
  EXPECT_NE(c.status().message().find("TUIJIN_WORKERS"), std::string::npos);

  auto out_of_range = Load("", {}, {{"io_threads", "0"}});
  ASSERT_FALSE(out_of_range.ok());
  EXPECT_NE(out_of_range.status().message().find("io_threads"), std::string::npos);
}

TEST(ConfigTest, UnknownKeyInFileIsRejected) {
  const std::string path = testing_support::TestTempPath("cfg_unknown.toml");
  {
    std::ofstream f(path);
    f << "lissten = \"x\"\n";
  }
  auto c = Load(path, {}, {});
  ASSERT_FALSE(c.ok());
  EXPECT_NE(c.status().message().find("lissten"), std::string::npos);
  std::remove(path.c_str());
}

TEST(ConfigTest, DumpMasksTheDatabasePassword) {
  auto c = Load("", {}, {{"db", "postgresql://tuijin:s3cret@127.0.0.1:5432/tuijin"}});
  ASSERT_TRUE(c.ok());
  EXPECT_TRUE(c->IsPostgres());
  const std::string dump = Dump(*c);
  EXPECT_EQ(dump.find("s3cret"), std::string::npos);
  EXPECT_NE(dump.find("postgresql://tuijin:****@127.0.0.1:5432/tuijin"), std::string::npos);
}

}  // namespace
}  // namespace tuijin::config
