// A briefing (专报/通报) as a document, before it is a file: the masthead of the bureau's
// series (红头: series name in red, 第N期, the office and the date over a red rule), the
// 文号, the title, then blocks in order: headings (一、 in 黑体, (一) in 楷体), body
// paragraphs (仿宋, first line indented two characters), tables and bar charts, and the
// distribution lines (报/送/发) at the end. Every text is final words: numbers were put in by
// the template (domain/briefing_template) before the document reaches a renderer.
//
// Two renderers write the same document: BriefingDocx (Office Open XML that Word and WPS
// open, with real paragraphs, styles and tables) and BriefingPdf (Cairo + Pango, Noto CJK,
// charts drawn as vectors). Both are pure: values in, bytes out.
#pragma once

#include <string>
#include <vector>

#include "base/status.h"

namespace tuijin::report {

struct BriefingTable {
  std::string caption;                         // "表1 各地区重点项目推进情况", printed above; may be empty
  std::vector<std::string> header;             // one header row
  std::vector<std::vector<std::string>> rows;  // each as many cells as the header
  std::vector<double> widths;                  // relative column widths; empty = equal
  std::vector<bool> numeric;                   // per column: right-aligned figures; empty = none
  bool last_row_total = false;                 // the last row is a 合计 row (bold)
};

struct ChartSeries {
  std::string name;            // "年度计划投资", "累计完成投资"
  std::vector<double> values;  // one per category
};

// A grouped bar chart (one bar per series in each category), with a value axis and a legend.
struct BriefingChart {
  std::string title;                    // "图1 各地区投资完成情况(亿元)"
  std::string unit;                     // value axis unit, e.g. "亿元" or "%"
  std::vector<std::string> categories;  // "城东路街道", …
  std::vector<ChartSeries> series;
  // The chart as PNG, for the DOCX (Word draws no vectors of ours). Filled by the caller
  // with ChartPng before BriefingDocx; the PDF ignores it and draws the chart itself.
  std::string png;
};

struct BriefingBlock {
  enum class Kind { kHeading, kParagraph, kTable, kChart };
  Kind kind = Kind::kParagraph;
  int level = 1;     // kHeading: 1 = "一、…" (黑体), 2 = "(一)…" (楷体)
  std::string text;  // kHeading, kParagraph (one paragraph; no line breaks inside)
  BriefingTable table;
  BriefingChart chart;
};

struct BriefingDocument {
  std::string series;        // "重点项目推进专报" (the red masthead)
  std::string issue;         // "第12期"
  std::string office;        // "云河区发展和改革局"
  std::string date;          // "2026年11月5日"
  std::string doc_number;    // 文号 "云发改〔2026〕35号"; may be empty
  std::string title;         // "关于2026年1—10月全区重点项目推进情况的通报"
  std::vector<BriefingBlock> blocks;
  std::vector<std::string> distribution;  // "报:区委、区政府主要领导。", "发:各街道、开发区…"
  std::string generated_at;  // "2026-11-05 09:30", printed small in the PDF footer only
};

// The .docx bytes: A4, margins of official documents (上37 下35 左28 右26 mm), 方正小标宋简体
// title, 仿宋_GB2312 16 pt body, 黑体/楷体_GB2312 headings, tables with borders, charts as
// their png (a chart without png is an InvalidArgument "report.chart_not_drawn").
StatusOr<std::string> BriefingDocx(const BriefingDocument& doc);

// The .pdf bytes, A4, the same layout, the text embedded as font subsets (searchable), pages
// numbered "— N —" at the foot. Unavailable "report.no_cjk_font" without a Chinese font.
StatusOr<std::string> BriefingPdf(const BriefingDocument& doc);

// A chart drawn to PNG at `width` × `height` pixels (white background), for the DOCX.
StatusOr<std::string> ChartPng(const BriefingChart& chart, int width = 1600, int height = 900);

}  // namespace tuijin::report
