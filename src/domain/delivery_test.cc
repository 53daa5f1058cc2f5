// Robot payloads, 钉钉 加签 against a signature computed independently (Python's hmac), the
// robots' answers as they come back, the retry schedule, and the mail as written to SMTP.
#include "domain/delivery.h"

#include <gtest/gtest.h>

#include <boost/json.hpp>

#include "base/crypto.h"

namespace tuijin::domain {
namespace {

boost::json::object Parse(const std::string& s) { return boost::json::parse(s).as_object(); }

TEST(DeliveryTest, FormatsParseByName) {
  EXPECT_EQ(ParseWebhookFormat("wecom"), WebhookFormat::kWecom);
  EXPECT_EQ(ParseWebhookFormat("dingtalk"), WebhookFormat::kDingtalk);
  EXPECT_FALSE(ParseWebhookFormat("feishu"));
  EXPECT_EQ(WebhookFormatName(WebhookFormat::kDingtalk), "dingtalk");
}

TEST(DeliveryTest, WecomPayloadIsMarkdownContentWithTheTitleAsHeading) {
  const auto o = Parse(WebhookPayload(WebhookFormat::kWecom, "督办事项 2026-001", "**城东路** 限期 3 日"));
  EXPECT_EQ(o.at("msgtype").as_string(), "markdown");
  const auto& md = o.at("markdown").as_object();
  EXPECT_EQ(md.at("content").as_string(), "### 督办事项 2026-001\n\n**城东路** 限期 3 日");
  EXPECT_FALSE(md.contains("title"));
}

TEST(DeliveryTest, DingtalkPayloadHasTitleAndText) {
  const auto o = Parse(WebhookPayload(WebhookFormat::kDingtalk, "催办", "请于 \"今日\" 内反馈"));
  EXPECT_EQ(o.at("msgtype").as_string(), "markdown");
  const auto& md = o.at("markdown").as_object();
  EXPECT_EQ(md.at("title").as_string(), "催办");
  EXPECT_EQ(md.at("text").as_string(), "### 催办\n\n请于 \"今日\" 内反馈");
  // An empty title still gives 钉钉 the title it requires.
  EXPECT_EQ(Parse(WebhookPayload(WebhookFormat::kDingtalk, "", "x")).at("markdown").at("title").as_string(), "通知");
}

TEST(DeliveryTest, WecomContentIsCutAt4096BytesBetweenCharacters) {
  std::string text;
  for (int i = 0; i < 2000; ++i) text += "督";  // 3 bytes each
  const auto o = Parse(WebhookPayload(WebhookFormat::kWecom, "", text));
  const std::string content(o.at("markdown").at("content").as_string());
  EXPECT_LE(content.size(), 4096u);
  EXPECT_GT(content.size(), 4090u);
  EXPECT_EQ(content.substr(content.size() - 3), "…");
  EXPECT_EQ(content.substr(content.size() - 6, 3), "督");  // no broken character before it
}

TEST(DeliveryTest, UrlEncodeKeepsOnlyUnreserved) {
  EXPECT_EQ(UrlEncode("aZ09-._~"), "aZ09-._~");
  EXPECT_EQ(UrlEncode("a+b/c=d e"), "a%2Bb%2Fc%3Dd%20e");
  EXPECT_EQ(UrlEncode("督"), "%E7%9D%A3");
}

TEST(DeliveryTest, DingtalkSignMatchesAnIndependentComputation) {
  ASSERT_TRUE(InitCrypto().ok());
  // python3: base64(hmac.new(secret, "1735689600000\n" + secret, sha256)), then quoted.
  EXPECT_EQ(
      DingtalkSignedUrl("https://oapi.dingtalk.com/robot/send?access_token=abc", 1735689600000, "SEC0123456789abcdef"),
      "https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp=1735689600000"
      "&sign=qAeD%2BCL39X2n%2F2i8f2T3wd5%2FG0i%2Bd2cNPAVJZbbFshs%3D");
  EXPECT_EQ(DingtalkSignedUrl("http://127.0.0.1:9/robot", 1, "s").substr(0, 37),
            "http://127.0.0.1:9/robot?timestamp=1&");
  EXPECT_EQ(DingtalkSignedUrl("https://x.cn/send?access_token=abc", 1735689600000, ""),
            "https://x.cn/send?access_token=abc");
}

TEST(DeliveryTest, RobotAnswerNeedsSuccessStatusAndErrcodeZero) {
  EXPECT_TRUE(ReadRobotAnswer(200, R"({"errcode":0,"errmsg":"ok"})").ok);
  EXPECT_TRUE(ReadRobotAnswer(200, "").ok);
  EXPECT_TRUE(ReadRobotAnswer(204, "not json").ok);
  EXPECT_TRUE(ReadRobotAnswer(200, R"({"ok":true})").ok);

  const SendOutcome refused = ReadRobotAnswer(200, R"({"errcode":310000,"errmsg":"sign not match"})");
  EXPECT_FALSE(refused.ok);
  EXPECT_EQ(refused.error, "errcode 310000: sign not match");
  EXPECT_EQ(ReadRobotAnswer(200, R"({"errcode":93000})").error, "errcode 93000");
  EXPECT_FALSE(ReadRobotAnswer(200, R"({"errcode":"1"})").ok);

  const SendOutcome down = ReadRobotAnswer(500, "Internal Server Error");
  EXPECT_FALSE(down.ok);
  EXPECT_EQ(down.error, "HTTP 500: Internal Server Error");
  EXPECT_EQ(ReadRobotAnswer(302, "").error, "HTTP 302");
  // errcode 0 does not rescue a failed status.
  EXPECT_FALSE(ReadRobotAnswer(502, R"({"errcode":0})").ok);
}

TEST(DeliveryTest, RetriesWaitFourTimesLongerEachTimeUpToTheCap) {
  const RetryPolicy p{30, 5, 3600};
  EXPECT_EQ(RetryDelay(p, 1), 30);
  EXPECT_EQ(RetryDelay(p, 2), 120);
  EXPECT_EQ(RetryDelay(p, 3), 480);
  EXPECT_EQ(RetryDelay(p, 4), 1920);
  EXPECT_EQ(RetryDelay(p, 5), std::nullopt);  // the fifth attempt was the last
  const RetryPolicy capped{30, 10, 3600};
  EXPECT_EQ(RetryDelay(capped, 5), 3600);  // 7680 capped
  EXPECT_EQ(RetryDelay(capped, 9), 3600);
  EXPECT_EQ(RetryDelay(capped, 10), std::nullopt);
  EXPECT_EQ(RetryDelay(RetryPolicy{1, 1, 60}, 1), std::nullopt);
}

TEST(DeliveryTest, HeaderTextIsEncodedOnlyWhenNeeded) {
  EXPECT_EQ(EncodeHeaderText("Weekly digest"), "Weekly digest");
  // The base64 of python3 email.header.Header("推进平台测试邮件", "utf-8").encode().
  EXPECT_EQ(EncodeHeaderText("推进平台测试邮件"), "=?UTF-8?B?5o6o6L+b5bmz5Y+w5rWL6K+V6YKu5Lu2?=");
  EXPECT_EQ(EncodeHeaderText("a=?b").substr(0, 10), "=?UTF-8?B?");
  EXPECT_EQ(EncodeHeaderText("x\r\nBcc: y").find('\n'), std::string::npos);  // control characters encoded

  // A long subject becomes several words, each ≤ 75 characters and whole characters each.
  std::string subject;
  for (int i = 0; i < 40; ++i) subject += "督办";
  const std::string encoded = EncodeHeaderText(subject);
  size_t start = 0, words = 0;
  while (start < encoded.size()) {
    size_t end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u);
    ASSERT_EQ(word.substr(0, 10), "=?UTF-8?B?");
    ++words;
    start = end + 3;
  }
  EXPECT_GT(words, 1u);
}

TEST(DeliveryTest, MailHasUtf8HeadersAndABase64Body) {
  ASSERT_TRUE(InitCrypto().ok());
  const std::string mail =
      BuildMail({"tuijin@fgj.example.cn", "zhang@jd.example.cn", "督办提醒", "您有 2 项督办事项已逾期。\n请尽快办理。"},
                1735689600, "1.test@tuijin");
  EXPECT_NE(mail.find("From: tuijin@fgj.example.cn\r\n"), std::string::npos);
  EXPECT_NE(mail.find("To: zhang@jd.example.cn\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Subject: =?UTF-8?B?" + Base64("督办提醒") + "?=\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Date: Wed, 01 Jan 2025 08:00:00 +0800\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Message-ID: <1.test@tuijin>\r\n"), std::string::npos);
  EXPECT_NE(mail.find("Content-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(
      mail.find("Content-Transfer-Encoding: base64\r\n\r\n" + Base64("您有 2 项督办事项已逾期。\r\n请尽快办理。")),
      std::string::npos);
  for (size_t i = 0; i < mail.size(); ++i) {
    if (mail[i] == '\n') {
      ASSERT_EQ(mail[i - 1], '\r') << "bare LF at " << i;
    }
  }
}

TEST(DeliveryTest, EmailAddresses) {
  EXPECT_TRUE(IsEmailAddress("zhang.san@fgj.yunhe.gov.cn"));
  EXPECT_TRUE(IsEmailAddress("a+b_c-d@example-1.cn"));
  EXPECT_FALSE(IsEmailAddress(""));
  EXPECT_FALSE(IsEmailAddress("zhang"));
  EXPECT_FALSE(IsEmailAddress("@example.cn"));
  EXPECT_FALSE(IsEmailAddress("a@b@example.cn"));
  EXPECT_FALSE(IsEmailAddress("a@localhost"));
  EXPECT_FALSE(IsEmailAddress("a b@example.cn"));
  EXPECT_FALSE(IsEmailAddress("张三@example.cn"));
  EXPECT_FALSE(IsEmailAddress("a@example.cn\r\nRCPT TO:<x@y.cn>"));
  EXPECT_FALSE(IsEmailAddress("<a@example.cn>"));
  EXPECT_FALSE(IsEmailAddress("a@-example.cn"));
  EXPECT_FALSE(IsEmailAddress("a@example..cn"));
  EXPECT_FALSE(IsEmailAddress(".a@example.cn"));
}

TEST(DeliveryTest, HttpUrls) {
  EXPECT_TRUE(IsHttpUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6"));
  EXPECT_TRUE(IsHttpUrl("http://127.0.0.1:8081/robot"));
  EXPECT_FALSE(IsHttpUrl("ftp://example.cn/"));
  EXPECT_FALSE(IsHttpUrl("https://"));
  EXPECT_FALSE(IsHttpUrl("https:///path"));
  EXPECT_FALSE(IsHttpUrl("https://exa mple.cn/"));
  EXPECT_FALSE(IsHttpUrl("qyapi.weixin.qq.com/cgi-bin/webhook/send"));
  EXPECT_FALSE(IsHttpUrl("https://x.cn/\r\n"));
}

TEST(DeliveryTest, RedactedUrlsLoseTheirQuery) {
  EXPECT_EQ(RedactUrl("https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=693a91f6"),
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?…");
  EXPECT_EQ(RedactUrl("http://127.0.0.1:8081/robot"), "http://127.0.0.1:8081/robot");
}

}  // namespace
}  // namespace tuijin::domain
