#include "domain/file_types.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

TEST(FileTypesTest, AcceptsByContentAndRefusesDisguises) {
  EXPECT_EQ(DetectAttachmentType("可研批复.pdf", "%PDF-1.7\n")->content_type, "application/pdf");
  EXPECT_EQ(DetectAttachmentType("现场.JPG", "\xFF\xD8\xFF\xE0")->kind, "image");
  EXPECT_EQ(DetectAttachmentType("台账.xlsx", std::string("PK\x03\x04", 4))->kind, "office");
  EXPECT_EQ(DetectAttachmentType("旧台账.xls", std::string("\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8))->content_type,
            "application/vnd.ms-excel");
  EXPECT_FALSE(DetectAttachmentType("报告.pdf", "MZ\x90\x00"));          // an executable named .pdf
  EXPECT_FALSE(DetectAttachmentType("照片.png", "%PDF-1.4"));            // PDF named .png
  EXPECT_FALSE(DetectAttachmentType("脚本.zip", std::string("PK\x03\x04", 4)));
  EXPECT_FALSE(DetectAttachmentType("page.html", "<html>"));
  EXPECT_TRUE(DetectImageType("\x89PNG\r\n\x1A\n...."));
  EXPECT_FALSE(DetectImageType("GIF89a"));
}

}  // namespace
}  // namespace tuijin::domain
