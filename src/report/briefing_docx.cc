// The briefing as WordprocessingML. The parts are written by hand (no Debian C++ library
// writes .docx); they are the minimal set Word, WPS and LibreOffice open without repair:
// [Content_Types].xml, _rels/.rels, docProps/core.xml and app.xml, word/document.xml with
// its relationships, styles.xml, settings.xml, a footer with the page number, and the
// charts' PNGs under word/media. Packed with libzip in memory.
#include <fmt/format.h>
#include <zip.h>

#include <memory>
#include <string_view>

#include "report/briefing_document.h"

namespace tuijin::report {
namespace {

// A4 in twips, and the margins of official documents (GB/T 9704: 上37 下35 左28 右26 mm).
constexpr int kPageW = 11906, kPageH = 16838;
constexpr int kTop = 2098, kBottom = 1984, kLeft = 1588, kRight = 1474;
constexpr int kTextW = kPageW - kLeft - kRight;  // 8844 twips
constexpr int64_t kEmuPerTwip = 635;

constexpr const char* kTitleFont = "方正小标宋简体";
constexpr const char* kBodyFont = "仿宋_GB2312";
constexpr const char* kHeiFont = "黑体";
constexpr const char* kKaiFont = "楷体_GB2312";
constexpr const char* kRed = "FF0000";

// Text for XML: the five entities escaped, characters XML 1.0 forbids dropped.
std::string Esc(std::string_view s) {
  std::string out;
  out.reserve(s.size() + 16);
  for (unsigned char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default:
        if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') break;
        out.push_back(static_cast<char>(c));
    }
  }
  return out;
}

std::string Fonts(const char* font) {
  return fmt::format(R"(<w:rFonts w:ascii="{0}" w:hAnsi="{0}" w:eastAsia="{0}" w:cs="{0}"/>)", font);
}

// One run of text with its font, size (half points), bold and colour.
std::string Run(std::string_view text, const char* font, int half_points, bool bold = false, const char* color = nullptr) {
  return fmt::format(R"(<w:r><w:rPr>{}{}{}<w:sz w:val="{}"/><w:szCs w:val="{}"/></w:rPr><w:t xml:space="preserve">{}</w:t></w:r>)",
                     Fonts(font), bold ? "<w:b/><w:bCs/>" : "",
                     color ? fmt::format(R"(<w:color w:val="{}"/>)", color) : std::string(), half_points, half_points,
                     Esc(text));
}

std::string Para(std::string_view style, std::string_view ppr_extra, std::string_view runs) {
  return fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="{}"/>{}</w:pPr>{}</w:p>)", style, ppr_extra, runs);
}

// A paragraph in a style whose font the style sets.
std::string StyledPara(std::string_view style, std::string_view text, std::string_view ppr_extra = "") {
  return Para(style, ppr_extra, fmt::format(R"(<w:r><w:t xml:space="preserve">{}</w:t></w:r>)", Esc(text)));
}

std::string Masthead(const BriefingDocument& d) {
  std::string x;
  x += Para("Masthead", R"(<w:jc w:val="center"/><w:spacing w:before="240" w:after="240" w:line="240" w:lineRule="auto"/>)",
            Run(d.series, kTitleFont, 84, true, kRed));
  x += Para("Normal", R"(<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/>)", Run(d.issue, kBodyFont, 32));
  // Office at the left, date at the right (a right tab at the text's edge), over a red rule.
  x += fmt::format(
      R"(<w:p><w:pPr><w:pStyle w:val="Normal"/><w:tabs><w:tab w:val="right" w:pos="{}"/></w:tabs>)"
      R"(<w:pBdr><w:bottom w:val="single" w:sz="18" w:space="4" w:color="{}"/></w:pBdr>)"
      R"(<w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr>{}<w:r><w:tab/></w:r>{}</w:p>)",
      kTextW, kRed, Run(d.office, kBodyFont, 32), Run(d.date, kBodyFont, 32));
  if (!d.doc_number.empty()) {
    x += Para("Normal", R"(<w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:before="240"/>)",
              Run(d.doc_number, kBodyFont, 32));
  }
  x += StyledPara("Title", d.title);
  return x;
}

std::string Cell(std::string_view text, int width, bool right, bool bold, bool header) {
  return fmt::format(
      R"(<w:tc><w:tcPr><w:tcW w:w="{}" w:type="dxa"/>{}<w:vAlign w:val="center"/></w:tcPr>)"
      R"(<w:p><w:pPr><w:pStyle w:val="TableText"/><w:jc w:val="{}"/></w:pPr>{}</w:p></w:tc>)",
      width, header ? R"(<w:shd w:val="clear" w:color="auto" w:fill="F2F2F2"/>)" : "",
      header ? "center" : right ? "right" : "left",
      Run(text, header ? kHeiFont : kBodyFont, 21, bold && !header));
}

std::string Table(const BriefingTable& t) {
  const size_t n = t.header.size();
  if (n == 0) return "";
  std::vector<int> widths(n, kTextW / static_cast<int>(n));
  if (t.widths.size() == n) {
    double sum = 0;
    for (double w : t.widths) sum += w > 0 ? w : 0;
    if (sum > 0) {
      for (size_t i = 0; i < n; ++i) widths[i] = static_cast<int>(kTextW * (t.widths[i] > 0 ? t.widths[i] : 0) / sum);
    }
  }
  std::string x;
  if (!t.caption.empty()) {
    x += Para("Caption", R"(<w:jc w:val="center"/>)", Run(t.caption, kHeiFont, 24));
  }
  x += fmt::format(R"(<w:tbl><w:tblPr><w:tblStyle w:val="BriefingTable"/><w:tblW w:w="{}" w:type="dxa"/><w:jc w:val="center"/>)"
                   R"(<w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
                   R"(<w:left w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
                   R"(<w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
                   R"(<w:right w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
                   R"(<w:insideH w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
                   R"(<w:insideV w:val="single" w:sz="4" w:space="0" w:color="000000"/></w:tblBorders>)"
                   R"(<w:tblLayout w:type="fixed"/><w:tblCellMar><w:left w:w="80" w:type="dxa"/><w:right w:w="80" w:type="dxa"/></w:tblCellMar>)"
                   R"(<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="0" w:noVBand="1"/></w:tblPr><w:tblGrid>)",
                   kTextW);
  for (int w : widths) x += fmt::format(R"(<w:gridCol w:w="{}"/>)", w);
  x += "</w:tblGrid>";
  // The header row repeats on every page the table runs over.
  x += R"(<w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>)";
  for (size_t i = 0; i < n; ++i) x += Cell(t.header[i], widths[i], false, true, true);
  x += "</w:tr>";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    const bool total = t.last_row_total && r + 1 == t.rows.size();
    x += R"(<w:tr><w:trPr><w:cantSplit/></w:trPr>)";
    for (size_t i = 0; i < n; ++i) {
      const std::string_view text = i < t.rows[r].size() ? std::string_view(t.rows[r][i]) : std::string_view();
      x += Cell(text, widths[i], i < t.numeric.size() && t.numeric[i], total, false);
    }
    x += "</w:tr>";
  }
  x += "</w:tbl>";
  // An empty paragraph after a table keeps the next one from sticking to it.
  x += Para("Normal", R"(<w:ind w:firstLineChars="0" w:firstLine="0"/><w:spacing w:line="240" w:lineRule="auto"/>)", "");
  return x;
}

// A chart as an inline picture the width of the text, 9:16 tall.
std::string Picture(const BriefingChart& c, int index, const std::string& rel_id) {
  const int64_t cx = static_cast<int64_t>(kTextW) * kEmuPerTwip;
  const int64_t cy = cx * 9 / 16;
  std::string x;
  x += fmt::format(
      R"(<w:p><w:pPr><w:pStyle w:val="Normal"/><w:jc w:val="center"/><w:ind w:firstLineChars="0" w:firstLine="0"/>)"
      R"(<w:spacing w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:drawing>)"
      R"(<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{0}" cy="{1}"/><wp:docPr id="{2}" name="图表{2}"/>)"
      R"(<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>)"
      R"(<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">)"
      R"(<pic:pic><pic:nvPicPr><pic:cNvPr id="{2}" name="chart{2}.png"/><pic:cNvPicPr/></pic:nvPicPr>)"
      R"(<pic:blipFill><a:blip r:embed="{3}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>)"
      R"(<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{0}" cy="{1}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>)"
      R"(</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>)",
      cx, cy, index, rel_id);
  if (!c.title.empty()) x += Para("Caption", R"(<w:jc w:val="center"/>)", Run(c.title, kHeiFont, 24));
  return x;
}

std::string Document(const BriefingDocument& d) {
  std::string body = Masthead(d);
  int chart = 0;
  for (const BriefingBlock& b : d.blocks) {
    switch (b.kind) {
      case BriefingBlock::Kind::kHeading:
        body += StyledPara(b.level == 2 ? "Heading2" : "Heading1", b.text);
        break;
      case BriefingBlock::Kind::kParagraph:
        body += StyledPara("Normal", b.text);
        break;
      case BriefingBlock::Kind::kTable:
        body += Table(b.table);
        break;
      case BriefingBlock::Kind::kChart:
        ++chart;
        body += Picture(b.chart, chart, fmt::format("rIdChart{}", chart));
        break;
    }
  }
  if (!d.distribution.empty()) {
    body += fmt::format(R"(<w:p><w:pPr><w:pStyle w:val="Normal"/><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="000000"/></w:pBdr>)"
                        R"(<w:spacing w:before="480"/><w:ind w:firstLineChars="0" w:firstLine="0"/></w:pPr></w:p>)");
    for (const std::string& line : d.distribution) {
      body += Para("Distribution", "", fmt::format(R"(<w:r><w:t xml:space="preserve">{}</w:t></w:r>)", Esc(line)));
    }
  }
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" )"
      R"(xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" )"
      R"(xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" )"
      R"(xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" )"
      R"(xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture"><w:body>{})"
      R"(<w:sectPr><w:footerReference w:type="default" r:id="rIdFooter"/><w:pgSz w:w="{}" w:h="{}"/>)"
      R"(<w:pgMar w:top="{}" w:right="{}" w:bottom="{}" w:left="{}" w:header="851" w:footer="992" w:gutter="0"/>)"
      R"(<w:docGrid w:linePitch="312"/></w:sectPr></w:body></w:document>)",
      body, kPageW, kPageH, kTop, kRight, kBottom, kLeft);
}

std::string Styles() {
  auto style = [](const char* id, const char* name, const char* font, int half_points, bool bold, std::string_view ppr) {
    return fmt::format(
        R"(<w:style w:type="paragraph"{} w:styleId="{}"><w:name w:val="{}"/>{}<w:qFormat/><w:pPr>{}</w:pPr>)"
        R"(<w:rPr>{}{}<w:sz w:val="{}"/><w:szCs w:val="{}"/></w:rPr></w:style>)",
        std::string_view(id) == "Normal" ? R"( w:default="1")" : "", id, name,
        std::string_view(id) == "Normal" ? "" : R"(<w:basedOn w:val="Normal"/><w:next w:val="Normal"/>)", ppr,
        Fonts(font), bold ? "<w:b/><w:bCs/>" : "", half_points, half_points);
  };
  // Body: 三号 (16 pt) 仿宋, 28.9 pt exact lines (22 lines a page), first line indented two characters.
  const std::string normal_ppr = R"(<w:widowControl/><w:spacing w:line="578" w:lineRule="exact"/><w:ind w:firstLineChars="200" w:firstLine="640"/><w:jc w:val="both"/>)";
  const std::string no_indent = R"(<w:ind w:firstLineChars="0" w:firstLine="0"/>)";
  std::string x =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">)"
      R"(<w:docDefaults><w:rPrDefault><w:rPr>)" +
      Fonts(kBodyFont) +
      R"(<w:sz w:val="32"/><w:szCs w:val="32"/><w:lang w:val="en-US" w:eastAsia="zh-CN"/></w:rPr></w:rPrDefault>)"
      R"(<w:pPrDefault><w:pPr><w:spacing w:after="0"/></w:pPr></w:pPrDefault></w:docDefaults>)";
  x += style("Normal", "Normal", kBodyFont, 32, false, normal_ppr);
  x += style("Title", "Title", kTitleFont, 44, false,
             R"(<w:jc w:val="center"/><w:spacing w:before="480" w:after="480" w:line="640" w:lineRule="exact"/>)" + no_indent);
  x += style("Heading1", "heading 1", kHeiFont, 32, false, R"(<w:keepNext/><w:outlineLvl w:val="0"/>)");
  x += style("Heading2", "heading 2", kKaiFont, 32, true, R"(<w:keepNext/><w:outlineLvl w:val="1"/>)");
  x += style("Masthead", "Masthead", kTitleFont, 84, true, R"(<w:jc w:val="center"/>)" + no_indent);
  x += style("Caption", "caption", kHeiFont, 24, false,
             R"(<w:keepNext/><w:spacing w:before="120" w:after="120" w:line="360" w:lineRule="auto"/>)" + no_indent);
  x += style("TableText", "Table Text", kBodyFont, 21, false,
             R"(<w:spacing w:line="300" w:lineRule="auto"/>)" + no_indent);
  x += style("Distribution", "Distribution", kBodyFont, 28, false,
             R"(<w:spacing w:line="440" w:lineRule="exact"/><w:ind w:left="1120" w:hanging="1120" w:firstLineChars="0" w:firstLine="0"/>)");
  x += style("Footer", "footer", kBodyFont, 28, false, R"(<w:jc w:val="center"/>)" + no_indent);
  x += R"(<w:style w:type="table" w:styleId="BriefingTable"><w:name w:val="Briefing Table"/><w:tblPr><w:tblBorders>)"
       R"(<w:top w:val="single" w:sz="4" w:space="0" w:color="000000"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="000000"/>)"
       R"(</w:tblBorders></w:tblPr></w:style></w:styles>)";
  return x;
}

constexpr const char* kFooter =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<w:ftr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:p><w:pPr><w:pStyle w:val="Footer"/></w:pPr>)"
    R"(<w:r><w:t xml:space="preserve">— </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>)"
    R"(<w:r><w:instrText xml:space="preserve"> PAGE </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>)"
    R"(<w:r><w:t>1</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:r><w:t xml:space="preserve"> —</w:t></w:r></w:p></w:ftr>)";

constexpr const char* kSettings =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<w:settings xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:zoom w:percent="100"/>)"
    R"(<w:defaultTabStop w:val="420"/><w:characterSpacingControl w:val="compressPunctuation"/><w:compat>)"
    R"(<w:compatSetting w:name="compatibilityMode" w:uri="http://schemas.microsoft.com/office/word" w:val="15"/></w:compat></w:settings>)";

std::string ContentTypes() {
  return R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
         "\n"
         R"(<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">)"
         R"(<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>)"
         R"(<Default Extension="xml" ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>)"
         R"(<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>)"
         R"(<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>)"
         R"(<Override PartName="/word/settings.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.settings+xml"/>)"
         R"(<Override PartName="/word/footer1.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.footer+xml"/>)"
         R"(<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>)"
         R"(<Override PartName="/docProps/app.xml" ContentType="application/vnd.openxmlformats-officedocument.extended-properties+xml"/>)"
         R"(</Types>)";
}

constexpr const char* kRootRels =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
    R"(<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>)"
    R"(<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>)"
    R"(<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties" Target="docProps/app.xml"/>)"
    R"(</Relationships>)";

std::string DocumentRels(int charts) {
  std::string x =
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">)"
      R"(<Relationship Id="rIdStyles" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>)"
      R"(<Relationship Id="rIdSettings" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings" Target="settings.xml"/>)"
      R"(<Relationship Id="rIdFooter" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer" Target="footer1.xml"/>)";
  for (int i = 1; i <= charts; ++i) {
    x += fmt::format(R"(<Relationship Id="rIdChart{0}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/chart{0}.png"/>)", i);
  }
  return x + "</Relationships>";
}

std::string Core(const BriefingDocument& d) {
  return fmt::format(
      R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
      "\n"
      R"(<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" )"
      R"(xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" )"
      R"(xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><dc:title>{}</dc:title><dc:creator>{}</dc:creator>)"
      R"(</cp:coreProperties>)",
      Esc(d.title), Esc(d.office));
}

constexpr const char* kApp =
    R"(<?xml version="1.0" encoding="UTF-8" standalone="yes"?>)"
    "\n"
    R"(<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"><Application>tuijin</Application></Properties>)";

// A zip built in memory by libzip.
class Package {
 public:
  Package() {
    zip_error_init(&error_);
    source_ = zip_source_buffer_create(nullptr, 0, 0, &error_);
    if (source_) {
      zip_source_keep(source_);
      zip_ = zip_open_from_source(source_, ZIP_TRUNCATE, &error_);
    }
  }
  ~Package() {
    if (zip_) zip_discard(zip_);
    if (source_) zip_source_free(source_);
    zip_error_fini(&error_);
  }
  bool ok() const { return zip_ != nullptr; }

  // `data` must stay alive until Finish().
  bool Add(const char* name, const std::string& data) {
    zip_source_t* s = zip_source_buffer(zip_, data.data(), data.size(), 0);
    if (!s) return false;
    const zip_int64_t index = zip_file_add(zip_, name, s, ZIP_FL_ENC_UTF_8 | ZIP_FL_OVERWRITE);
    if (index < 0) {
      zip_source_free(s);
      return false;
    }
    zip_set_file_compression(zip_, static_cast<zip_uint64_t>(index), ZIP_CM_DEFLATE, 6);
    return true;
  }

  StatusOr<std::string> Finish() {
    if (zip_close(zip_) != 0) {
      const std::string why = zip_strerror(zip_);
      return Status::Internal("docx: " + why);
    }
    zip_ = nullptr;
    if (zip_source_open(source_) < 0) return Status::Internal("docx: cannot reopen the package");
    zip_source_seek(source_, 0, SEEK_END);
    const zip_int64_t size = zip_source_tell(source_);
    zip_source_seek(source_, 0, SEEK_SET);
    std::string out(static_cast<size_t>(size < 0 ? 0 : size), '\0');
    const zip_int64_t read = zip_source_read(source_, out.data(), out.size());
    zip_source_close(source_);
    if (read != size) return Status::Internal("docx: short read of the package");
    return out;
  }

 private:
  zip_error_t error_;
  zip_source_t* source_ = nullptr;
  zip_t* zip_ = nullptr;
};

}  // namespace

StatusOr<std::string> BriefingDocx(const BriefingDocument& doc) {
  std::vector<const std::string*> pngs;
  for (const BriefingBlock& b : doc.blocks) {
    if (b.kind != BriefingBlock::Kind::kChart) continue;
    if (b.chart.png.empty()) {
      return Status::InvalidArgument("report.chart_not_drawn", "图表“" + b.chart.title + "”尚未绘制");
    }
    pngs.push_back(&b.chart.png);
  }
  const int charts = static_cast<int>(pngs.size());
  // Every part lives until Finish(): libzip reads them then.
  const std::string content_types = ContentTypes(), root_rels = kRootRels, core = Core(doc), app = kApp;
  const std::string document = Document(doc), rels = DocumentRels(charts), styles = Styles();
  const std::string settings = kSettings, footer = kFooter;
  Package p;
  if (!p.ok()) return Status::Internal("docx: cannot create the package");
  bool ok = p.Add("[Content_Types].xml", content_types) && p.Add("_rels/.rels", root_rels) &&
            p.Add("docProps/core.xml", core) && p.Add("docProps/app.xml", app) && p.Add("word/document.xml", document) &&
            p.Add("word/_rels/document.xml.rels", rels) && p.Add("word/styles.xml", styles) &&
            p.Add("word/settings.xml", settings) && p.Add("word/footer1.xml", footer);
  for (int i = 0; ok && i < charts; ++i) {
    const std::string name = fmt::format("word/media/chart{}.png", i + 1);
    ok = p.Add(name.c_str(), *pngs[static_cast<size_t>(i)]);
  }
  if (!ok) return Status::Internal("docx: cannot add a part");
  return p.Finish();
}

}  // namespace tuijin::report
