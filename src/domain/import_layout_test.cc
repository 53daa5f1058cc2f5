#include "domain/import_layout.h"

#include <gtest/gtest.h>

namespace tuijin::domain {
namespace {

const std::vector<ImportField>& Fields() {
  static const std::vector<ImportField> kFields = ProjectImportFields(DefaultFundingSources());
  return kFields;
}

GridRow Row(int index, std::vector<std::string> texts) {
  GridRow r;
  r.index = index;
  for (auto& t : texts) r.cells.push_back({t, false, false});
  return r;
}

TEST(ImportLayoutTest, HeaderNormalisationTakesTheUnitOut) {
  std::optional<MoneyUnit> unit;
  EXPECT_EQ(NormalizeHeader("总投资\n（亿元）", &unit), "总投资");
  EXPECT_EQ(unit, MoneyUnit::kYiYuan);
  EXPECT_EQ(NormalizeHeader(" 项目 名称 ", &unit), "项目名称");
  EXPECT_FALSE(unit);
  EXPECT_EQ(NormalizeHeader("计划总投资万元", &unit), "计划总投资");
  EXPECT_EQ(unit, MoneyUnit::kWanYuan);
}

TEST(ImportLayoutTest, FindsAMergedTwoRowHeaderUnderTitleRows) {
  // Row 1 title, row 2 unit line, rows 3–4 header: 资金来源 spans two columns above
  // 专项债 and 企业自筹; the other header cells are merged down.
  std::vector<GridRow> rows = {
      Row(1, {"云河区2026年重点项目台账"}),
      Row(2, {"", "", "", "", "", "单位:万元"}),
      Row(3, {"序号", "项目名称", "建设单位", "总投资", "资金来源", "", "计划开工时间"}),
      Row(4, {"", "", "", "", "专项债", "企业自筹", ""}),
      Row(5, {"1", "南曹再生水厂一期工程", "云河水务有限公司", "45000", "20000", "", "2024.3"}),
  };
  std::vector<GridMerge> merges = {{1, 0, 1, 6}, {3, 0, 4, 0}, {3, 1, 4, 1}, {3, 2, 4, 2},
                                   {3, 3, 4, 3}, {3, 4, 3, 5}, {3, 6, 4, 6}};
  const SheetLayout layout = DetectLayout(rows, merges, Fields());
  ASSERT_TRUE(layout.found);
  EXPECT_EQ(layout.header_first, 3);
  EXPECT_EQ(layout.header_last, 4);
  ASSERT_EQ(layout.columns.size(), 7u);
  EXPECT_FALSE(layout.columns[0].field);  // 序号
  EXPECT_EQ(layout.columns[1].field, "name");
  EXPECT_EQ(layout.columns[2].field, "owner");
  EXPECT_EQ(layout.columns[3].field, "total_investment");
  EXPECT_EQ(layout.columns[3].unit, MoneyUnit::kWanYuan);
  EXPECT_EQ(layout.columns[4].field, "funding:专项债");
  EXPECT_EQ(layout.columns[4].header, "资金来源/专项债");
  EXPECT_EQ(layout.columns[5].field, "funding:企业自筹");
  EXPECT_EQ(layout.columns[6].field, "planned_start");
}

TEST(ImportLayoutTest, UnitInTheHeaderBeatsTheSheetUnit) {
  std::vector<GridRow> rows = {Row(1, {"单位:万元"}), Row(2, {"名称", "计划总投资(亿元)", "建设单位"})};
  const SheetLayout layout = DetectLayout(rows, {}, Fields());
  ASSERT_TRUE(layout.found);
  EXPECT_EQ(layout.header_first, 2);
  EXPECT_EQ(layout.header_last, 2);
  EXPECT_EQ(layout.columns[1].field, "total_investment");
  EXPECT_EQ(layout.columns[1].unit, MoneyUnit::kYiYuan);
}

TEST(ImportLayoutTest, NoHeaderWithoutTwoKnownNames) {
  EXPECT_FALSE(DetectLayout({Row(1, {"甲", "乙"}), Row(2, {"名称", "丙"})}, {}, Fields()).found);
}

TEST(ImportLayoutTest, ClassifiesTotalsBlanksAndGroupHeadings) {
  const SheetLayout layout = DetectLayout({Row(1, {"序号", "项目名称", "总投资"})}, {}, Fields());
  std::optional<std::string> level;
  EXPECT_EQ(ClassifyRow(Row(9, {"合计", "", "123456"}), layout), RowKind::kTotal);
  EXPECT_EQ(ClassifyRow(Row(9, {"", "小计", "800"}), layout), RowKind::kTotal);
  EXPECT_EQ(ClassifyRow(Row(9, {"", " ", ""}), layout), RowKind::kBlank);
  EXPECT_EQ(ClassifyRow(Row(9, {"一、省重点项目(17个)"}), layout, &level), RowKind::kGroup);
  EXPECT_EQ(level, "province");
  EXPECT_EQ(ClassifyRow(Row(9, {"3", "城东路合计供热管网改造", "900"}), layout), RowKind::kData);
  // A heading written in the name column, and one without a level.
  EXPECT_EQ(ClassifyRow(Row(9, {"", "二、市重点项目"}), layout, &level), RowKind::kGroup);
  EXPECT_EQ(level, "city");
  EXPECT_EQ(ClassifyRow(Row(9, {"三、续建项目"}), layout, &level), RowKind::kGroup);
  EXPECT_FALSE(level);
  // A project whose 总投资 was left out is data (its error is reported), not a heading.
  EXPECT_EQ(ClassifyRow(Row(9, {"4", "圃田乡污水管网配套工程"}), layout), RowKind::kData);
  EXPECT_EQ(ClassifyRow(Row(9, {"", "圃田乡污水管网配套工程"}), layout), RowKind::kData);
}

TEST(ImportLayoutTest, FundingSourcesComeFromTheDictionary) {
  // An admin added 政策性开发性金融工具 and renamed nothing else: the export writes a column
  // for it under 资金来源, and the import maps it back; seeded sources keep their synonyms.
  const auto fields = ProjectImportFields({"专项债", "政策性开发性金融工具", "企业自筹"});
  std::vector<std::string> funding;
  for (const auto& f : fields) {
    if (f.api_field == "funding") funding.push_back(f.key);
  }
  EXPECT_EQ(funding, (std::vector<std::string>{"funding:专项债", "funding:政策性开发性金融工具", "funding:企业自筹"}));
  const std::vector<GridRow> rows = {Row(1, {"项目名称", "总投资", "资金来源", "", ""}),
                                     Row(2, {"", "", "专项债券", "政策性开发性金融工具", "自筹资金"})};
  const std::vector<GridMerge> merges = {{1, 0, 2, 0}, {1, 1, 2, 1}, {1, 2, 1, 4}};
  const SheetLayout layout = DetectLayout(rows, merges, fields);
  ASSERT_EQ(layout.columns.size(), 5u);
  EXPECT_EQ(layout.columns[2].field, "funding:专项债");
  EXPECT_EQ(layout.columns[3].field, "funding:政策性开发性金融工具");
  EXPECT_EQ(layout.columns[4].field, "funding:企业自筹");
  EXPECT_EQ(FindImportField(fields, "funding:政策性开发性金融工具")->label, "资金来源/政策性开发性金融工具");
  EXPECT_EQ(FindImportField(fields, "funding:银行贷款"), nullptr) << "not in this dictionary";
}

TEST(ImportLayoutTest, WordsForStagesLevelsAndYesNo) {
  EXPECT_EQ(StageFromText("续建"), "construction");
  EXPECT_EQ(StageFromText("新开工"), "construction");
  EXPECT_EQ(StageFromText("前期"), "preparation");
  EXPECT_EQ(StageFromText("停缓建"), "suspended");
  EXPECT_FALSE(StageFromText("进展顺利"));
  EXPECT_EQ(LevelFromText("省重点"), "province");
  EXPECT_EQ(LevelFromText("city"), "city");
  EXPECT_EQ(LevelFromText("县重点"), "district");
  EXPECT_FALSE(LevelFromText("重点"));
  EXPECT_EQ(StageFromText("effective"), "effective");
  EXPECT_EQ(StarFromText("★★★"), 3);
  EXPECT_EQ(StarFromText("4"), 4);
  EXPECT_EQ(StarFromText("0"), 0);
  EXPECT_FALSE(StarFromText("6"));
  EXPECT_FALSE(StarFromText("★★★★★★"));
  EXPECT_FALSE(StarFromText("三星"));
  EXPECT_EQ(BoolFromText("已入库"), true);
  EXPECT_EQ(BoolFromText("否"), false);
  EXPECT_FALSE(BoolFromText("待定"));
}

}  // namespace
}  // namespace tuijin::domain
