// The briefing as an A4 PDF: Cairo writes it, Pango sets the text in Noto Serif CJK (regular
// for the 仿宋 body, bold for the title and headings; see kBriefingFont) with the fonts
// embedded as subsets. Blocks flow down
// the page: a paragraph breaks between its lines, a table between its rows (its header row
// repeated on the next page), a chart moves whole to the next page when it does not fit.
#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <malloc.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

#include "report/briefing_chart.h"
#include "report/briefing_document.h"

#include "report/pango_text.h"

namespace tuijin::report {
namespace {

constexpr double kMm = 72.0 / 25.4;
constexpr double kPageW = 595.276, kPageH = 841.89;
constexpr double kLeft = 28 * kMm, kRight = 26 * kMm, kTop = 37 * kMm, kBottom = 35 * kMm;
constexpr double kTextW = kPageW - kLeft - kRight;
constexpr double kBodyBottom = kPageH - kBottom;


struct Unref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, Unref>;

struct Font {
  const char* family;
  double size;
  bool bold;
  double red = 0;  // 1: red text
};

class Writer {
 public:
  Writer(cairo_t* cr, PangoContext* ctx, std::string generated_at)
      : cr_(cr), ctx_(ctx), generated_at_(std::move(generated_at)) {}

  int pages() const { return page_; }

  LayoutPtr Layout(const std::string& text, const Font& f, double width, PangoAlignment align, double indent = 0,
                   double spacing = 0) {
    LayoutPtr l(pango_layout_new(ctx_));
    PangoFontDescription* font = pango_font_description_from_string(f.family);
    pango_font_description_set_absolute_size(font, f.size * PANGO_SCALE);
    pango_font_description_set_weight(font, f.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l.get(), font);
    pango_font_description_free(font);
    pango_layout_set_width(l.get(), static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    if (indent != 0) pango_layout_set_indent(l.get(), static_cast<int>(indent * PANGO_SCALE));
    if (spacing > 0) pango_layout_set_line_spacing(l.get(), static_cast<float>(spacing));
    const std::string valid = ValidUtf8(text);
    pango_layout_set_text(l.get(), valid.c_str(), -1);
    return l;
  }

  static double Height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }

  void Begin() { NewPage(false); }

  // A paragraph that may break between its lines across pages.
  void Flow(const std::string& text, const Font& f, PangoAlignment align, double indent, double spacing, double after) {
    LayoutPtr l = Layout(text, f, kTextW, align, indent, spacing);
    PangoLayoutIter* it = pango_layout_get_iter(l.get());
    double shift = 0;  // the layout's y of the page's first line
    bool first = true;
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      const double top = static_cast<double>(logical.y) / PANGO_SCALE;
      const double bottom = static_cast<double>(logical.y + logical.height) / PANGO_SCALE;
      if (first) {
        shift = top - y_;
        first = false;
      }
      if (bottom - shift > kBodyBottom) {
        NewPage();
        shift = top - y_;
      }
      const double baseline = static_cast<double>(pango_layout_iter_get_baseline(it)) / PANGO_SCALE;
      cairo_set_source_rgb(cr_, f.red, 0, 0);
      cairo_move_to(cr_, kLeft + static_cast<double>(logical.x) / PANGO_SCALE, baseline - shift);
      pango_cairo_show_layout_line(cr_, pango_layout_iter_get_line_readonly(it));
      y_ = bottom - shift;
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    y_ += after;
  }

  // Keeps `height` together: a new page when it does not fit below.
  void Need(double height) {
    if (y_ + height > kBodyBottom && y_ > kTop + 1) NewPage();
  }

  void Rule(double width, double red) {
    cairo_set_source_rgb(cr_, red, 0, 0);
    cairo_set_line_width(cr_, width);
    cairo_move_to(cr_, kLeft, y_);
    cairo_line_to(cr_, kLeft + kTextW, y_);
    cairo_stroke(cr_);
  }

  void Masthead(const BriefingDocument& d) {
    y_ += 6;
    Flow(d.series, {kBriefingFont, 36, true, 1}, PANGO_ALIGN_CENTER, 0, 0, 8);
    Flow(d.issue, {kBriefingFont, 16, false}, PANGO_ALIGN_CENTER, 0, 0, 10);
    LayoutPtr office = Layout(d.office, {kBriefingFont, 15, false}, kTextW, PANGO_ALIGN_LEFT);
    LayoutPtr date = Layout(d.date, {kBriefingFont, 15, false}, kTextW, PANGO_ALIGN_RIGHT);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kLeft, y_);
    pango_cairo_show_layout(cr_, office.get());
    cairo_move_to(cr_, kLeft, y_);
    pango_cairo_show_layout(cr_, date.get());
    y_ += Height(office.get()) + 6;
    Rule(2.2, 1);
    y_ += 18;
    if (!d.doc_number.empty()) Flow(d.doc_number, {kBriefingFont, 15, false}, PANGO_ALIGN_CENTER, 0, 0, 12);
    Flow(d.title, {kBriefingFont, 21, true}, PANGO_ALIGN_CENTER, 0, 1.25, 18);
  }

  void Heading(const BriefingBlock& b) {
    Need(40);
    // 一、 headings bold (黑体 in the DOCX), （一） headings regular (楷体 there).
    Flow(b.text, {kBriefingFont, 15, b.level != 2}, PANGO_ALIGN_LEFT, 0, 1.6, 4);
  }

  void Paragraph(const std::string& text) { Flow(text, {kBriefingFont, 15, false}, PANGO_ALIGN_LEFT, 30, 1.6, 4); }

  void Table(const BriefingTable& t) {
    const size_t n = t.header.size();
    if (n == 0) return;
    std::vector<double> widths(n, kTextW / static_cast<double>(n));
    if (t.widths.size() == n) {
      double sum = 0;
      for (double w : t.widths) sum += std::max(0.0, w);
      if (sum > 0) {
        for (size_t i = 0; i < n; ++i) widths[i] = kTextW * std::max(0.0, t.widths[i]) / sum;
      }
    }
    constexpr double kPad = 3;
    auto lay_row = [&](const std::vector<std::string>& cells, bool header, bool bold) {
      std::vector<LayoutPtr> out;
      double h = 0;
      for (size_t i = 0; i < n; ++i) {
        const std::string text = i < cells.size() ? cells[i] : "";
        const bool right = !header && i < t.numeric.size() && t.numeric[i];
        out.push_back(Layout(text, {kBriefingFont, 9, header || bold}, widths[i] - 2 * kPad,
                             header ? PANGO_ALIGN_CENTER : right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT));
        h = std::max(h, Height(out.back().get()));
      }
      return std::make_pair(std::move(out), h + 2 * kPad);
    };
    auto draw_row = [&](std::pair<std::vector<LayoutPtr>, double>& row, bool header) {
      double x = kLeft;
      if (header) {
        cairo_set_source_rgb(cr_, 0.95, 0.95, 0.95);
        cairo_rectangle(cr_, kLeft, y_, kTextW, row.second);
        cairo_fill(cr_);
      }
      cairo_set_source_rgb(cr_, 0, 0, 0);
      cairo_set_line_width(cr_, 0.6);
      for (size_t i = 0; i < n; ++i) {
        cairo_rectangle(cr_, x, y_, widths[i], row.second);
        cairo_stroke(cr_);
        const double h = Height(row.first[i].get());
        cairo_move_to(cr_, x + kPad, y_ + (row.second - h) / 2);
        pango_cairo_show_layout(cr_, row.first[i].get());
        x += widths[i];
      }
      y_ += row.second;
    };
    auto header = lay_row(t.header, true, true);
    if (!t.caption.empty()) {
      Need(60 + header.second);
      Flow(t.caption, {kBriefingFont, 11, true}, PANGO_ALIGN_CENTER, 0, 0, 4);
    } else {
      Need(header.second + 20);
    }
    draw_row(header, true);
    for (size_t r = 0; r < t.rows.size(); ++r) {
      auto row = lay_row(t.rows[r], false, t.last_row_total && r + 1 == t.rows.size());
      if (y_ + row.second > kBodyBottom) {
        NewPage();
        auto again = lay_row(t.header, true, true);
        draw_row(again, true);
      }
      draw_row(row, false);
    }
    y_ += 12;
  }

  void Chart(const BriefingChart& c) {
    const double h = kTextW * 9 / 16;
    Need(h + 8);
    DrawBarChart(cr_, c, kLeft, y_, kTextW, h);
    y_ += h + 12;
  }

  void Distribution(const std::vector<std::string>& lines) {
    if (lines.empty()) return;
    Need(30 + 24 * static_cast<double>(lines.size()));
    y_ += 18;
    Rule(0.8, 0);
    y_ += 6;
    for (const auto& l : lines) Flow(l, {kBriefingFont, 13, false}, PANGO_ALIGN_LEFT, 0, 1.4, 2);
    Rule(0.8, 0);
  }

  void Finish() { Footer(); }

 private:
  void Footer() {
    LayoutPtr n = Layout(fmt::format("— {} —", page_), {kBriefingFont, 12, false}, kTextW, PANGO_ALIGN_CENTER);
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_move_to(cr_, kLeft, kPageH - kBottom + 22);
    pango_cairo_show_layout(cr_, n.get());
    if (!generated_at_.empty()) {
      LayoutPtr g = Layout("生成时间 " + generated_at_, {kBriefingFont, 7, false}, kTextW, PANGO_ALIGN_RIGHT);
      cairo_set_source_rgb(cr_, 0.5, 0.5, 0.5);
      cairo_move_to(cr_, kLeft, kPageH - 28);
      pango_cairo_show_layout(cr_, g.get());
    }
  }

  void NewPage(bool finish_current = true) {
    if (finish_current) {
      Footer();
      cairo_show_page(cr_);
    }
    ++page_;
    y_ = kTop;
  }

  cairo_t* cr_;
  PangoContext* ctx_;
  std::string generated_at_;
  int page_ = 0;
  double y_ = kTop;
};

}  // namespace

StatusOr<std::string> BriefingPdf(const BriefingDocument& doc) {
  std::lock_guard<std::mutex> lock(BriefingRenderMutex());
  std::string out;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendToString, &out, kPageW, kPageH);
  const std::string title = ValidUtf8(doc.series + " " + doc.issue + " " + doc.title);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "tuijin");
  cairo_t* cr = cairo_create(surface);
  PangoContext* ctx = pango_font_map_create_context(BriefingFontMap());
  pango_cairo_update_context(cr, ctx);
  pango_cairo_context_set_resolution(ctx, 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx, options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(ctx, FALSE);
  pango_context_set_language(ctx, pango_language_from_string("zh-cn"));
  Status status;
  if (!HasCjkFont(ctx, kBriefingFont, 0x63A8)) {
    status = Status::Unavailable("report.no_cjk_font", "服务器缺少中文字体,无法生成 PDF:请安装 fonts-noto-cjk");
  } else {
    Writer w(cr, ctx, doc.generated_at);
    w.Begin();
    w.Masthead(doc);
    for (const BriefingBlock& b : doc.blocks) {
      switch (b.kind) {
        case BriefingBlock::Kind::kHeading:
          w.Heading(b);
          break;
        case BriefingBlock::Kind::kParagraph:
          w.Paragraph(b.text);
          break;
        case BriefingBlock::Kind::kTable:
          w.Table(b.table);
          break;
        case BriefingBlock::Kind::kChart:
          w.Chart(b.chart);
          break;
      }
    }
    w.Distribution(doc.distribution);
    w.Finish();
  }
  g_object_unref(ctx);
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t written = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  // Subsetting the fonts took tens of MB of short-lived blocks (each face's CFF table, the
  // glyph paths); give them back now, or each worker thread's malloc arena keeps its own copy.
  malloc_trim(0);
  if (!status.ok()) return status;
  if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("生成专报 PDF 失败:") +
                            cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written));
  }
  return out;
}

}  // namespace tuijin::report
