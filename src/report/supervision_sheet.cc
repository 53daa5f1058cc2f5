#include "report/supervision_sheet.h"

#include <cairo-pdf.h>
#include <cairo.h>
#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>
#include <string_view>

#include "report/pango_text.h"

namespace tuijin::report {
namespace {

// A4 in PDF points (1/72 in). Margins of a printed form: 22 mm at the sides, 20 mm on top,
// room for the footer at the bottom.
constexpr double kPageWidth = 595.276;
constexpr double kPageHeight = 841.89;
constexpr double kMarginX = 62.36;
constexpr double kMarginTop = 56.69;
constexpr double kBodyBottom = kPageHeight - 62.36;  // the table stops here
constexpr double kFooterBaseline = kPageHeight - 36;
constexpr double kContentWidth = kPageWidth - 2 * kMarginX;
constexpr double kPadX = 5, kPadY = 4;
constexpr double kLabelWidth = 78;
constexpr double kValueWidth = (kContentWidth - 2 * kLabelWidth) / 2;
// 办理过程: 时间 | 单位/人员 | 办理环节 | 办理情况, right of the label column.
constexpr double kActionAtWidth = 62, kActionActorWidth = 104, kActionLabelWidth = 52;
constexpr double kGridLine = 0.6, kFrameLine = 1.2;
// A row taller than this share of a page is split across pages rather than moved whole.
constexpr double kSplitShare = 0.6;

constexpr const char* kSerif = "Noto Serif CJK SC";
constexpr const char* kSans = "Noto Sans CJK SC";

enum class Style { kTitle, kInfo, kLabel, kValue, kSmall, kSmallHeader, kSignature, kFooter };
enum class VAlign { kTop, kCenter };

struct FontSpec {
  const char* family;
  double size;  // points
  PangoWeight weight;
  double line_spacing;  // baseline distance as a factor of the font's height; 0: the font's own
};

FontSpec SpecOf(Style s) {
  switch (s) {
    case Style::kTitle:
      return {kSerif, 22, PANGO_WEIGHT_BOLD, 0};
    case Style::kInfo:
      return {kSerif, 10.5, PANGO_WEIGHT_NORMAL, 0};
    case Style::kLabel:
      return {kSans, 10.5, PANGO_WEIGHT_NORMAL, 1.15};
    case Style::kValue:
      return {kSerif, 10.5, PANGO_WEIGHT_NORMAL, 1.2};
    case Style::kSmall:
      return {kSerif, 9, PANGO_WEIGHT_NORMAL, 1.15};
    case Style::kSmallHeader:
      return {kSans, 9, PANGO_WEIGHT_NORMAL, 0};
    case Style::kSignature:
      return {kSerif, 12, PANGO_WEIGHT_NORMAL, 0};
    case Style::kFooter:
      return {kSans, 8, PANGO_WEIGHT_NORMAL, 0};
  }
  return {kSerif, 10.5, PANGO_WEIGHT_NORMAL, 0};
}

struct GObjectUnref {
  void operator()(gpointer p) const { g_object_unref(p); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, GObjectUnref>;
using ContextPtr = std::unique_ptr<PangoContext, GObjectUnref>;

// One cell of a table row: where it is and what it says.
struct Cell {
  double x = 0, width = 0;
  std::string text;
  Style style = Style::kValue;
  PangoAlignment align = PANGO_ALIGN_LEFT;
  // "区自然资源和规划局 王建国": when it needs two lines, break at the (last) space rather
  // than inside a name.
  bool break_at_space = false;
};

Cell Label(double x, std::string text) { return {x, kLabelWidth, std::move(text), Style::kLabel, PANGO_ALIGN_CENTER}; }

// A line of a laid-out text, in points from the top of its layout.
struct Line {
  PangoLayoutLine* line;  // owned by the layout
  double top, bottom, baseline, x;
};

// A cell's text broken into lines; `next` is the first line not drawn yet (rows that do not
// fit are drawn a page at a time).
struct Laid {
  LayoutPtr layout;
  std::vector<Line> lines;
  size_t next = 0;
  size_t end = 0;  // the lines drawn in this slice: [next, end)
  double Height(size_t from, size_t to) const { return to > from ? lines[to - 1].bottom - lines[from].top : 0; }
};

// Draws the sheet onto a PDF surface, page by page, top to bottom. The table is a list of
// rows; a row that does not fit below the current one moves to the next page, or, when it
// is taller than most of a page, is split between its lines. 办理过程 is a band: rows
// beside one label cell that spans them on each page.
class Renderer {
 public:
  Renderer(cairo_t* cr, PangoContext* ctx, int total_pages, std::string printed_at)
      : cr_(cr), ctx_(ctx), total_pages_(total_pages), printed_at_(std::move(printed_at)) {}

  int pages() const { return page_; }

  void Heading(const SupervisionSheet& s) {
    Cell title{kMarginX, kContentWidth, "重点项目督办流转单", Style::kTitle, PANGO_ALIGN_CENTER};
    y_ += DrawFree(title, y_) + 12;
    Cell office{kMarginX, kContentWidth / 2, "督办单位:" + s.office, Style::kInfo, PANGO_ALIGN_LEFT};
    std::string right = "编号:" + s.number + "    下发日期:" + s.issued_on;
    Cell number{kMarginX + kContentWidth / 2, kContentWidth / 2, right, Style::kInfo, PANGO_ALIGN_RIGHT};
    const double h = std::max(DrawFree(office, y_), DrawFree(number, y_));
    y_ += h + 6;
  }

  void BeginTable() {
    table_open_ = true;
    table_top_ = y_;
  }
  void EndTable() {
    CloseSegments();
    table_open_ = false;
  }

  // A row of cells side by side, at least `min_height` high.
  void Row(std::vector<Cell> cells, double min_height, VAlign valign) {
    std::vector<Laid> laid;
    laid.reserve(cells.size());
    for (const Cell& c : cells) laid.push_back(LayOut(c));
    bool first = true;
    for (;;) {
      double need = 0;
      for (Laid& l : laid) {
        l.end = l.lines.size();
        need = std::max(need, l.Height(l.next, l.end));
      }
      need += 2 * kPadY;
      if (first) need = std::max(need, min_height);
      const double room = kBodyBottom - y_;
      if (need <= room + 0.01) {
        DrawRow(cells, laid, need, first ? valign : VAlign::kTop);
        y_ += need;
        at_top_ = false;
        return;
      }
      if (!at_top_ && need <= kSplitShare * (kBodyBottom - kMarginTop)) {
        NewPage();
        continue;
      }
      // Too tall for any page: each cell shows the lines that fit, the rest go on.
      bool any = false;
      for (Laid& l : laid) {
        l.end = l.next;
        while (l.end < l.lines.size() && l.Height(l.next, l.end + 1) <= room - 2 * kPadY) ++l.end;
        any = any || l.end > l.next;
      }
      if (!any && !at_top_) {
        NewPage();
        continue;
      }
      if (!any) {  // a line taller than a page: not with these fonts, but never loop
        for (Laid& l : laid) l.end = std::min(l.lines.size(), l.next + 1);
      }
      DrawRow(cells, laid, room, VAlign::kTop);
      for (Laid& l : laid) l.next = l.end;
      y_ = kBodyBottom;
      first = false;
      NewPage();
      // The label says again what goes on: 督办内容(续).
      for (size_t i = 0; i < cells.size(); ++i) {
        if (cells[i].style != Style::kLabel || cells[i].text.ends_with("(续)")) continue;
        cells[i].text += "(续)";
        laid[i] = LayOut(cells[i]);
      }
    }
  }

  // Starts a band: `label` spans the rows that follow until EndBand, with `header` (cells
  // right of the label) at its top and at the top of each further page.
  void BeginBand(std::string label, std::vector<Cell> header, double keep_with_header) {
    // The label and its header alone at the foot of a page would be a widow.
    if (!at_top_ && kBodyBottom - y_ < keep_with_header) NewPage();
    band_open_ = true;
    band_label_ = std::move(label);
    band_header_ = std::move(header);
    band_top_ = y_;
    Row(band_header_, 0, VAlign::kCenter);
  }
  void EndBand() {
    CloseBand();
    band_open_ = false;
  }

  void Signatures() {
    constexpr double kHeight = 96;
    if (kBodyBottom - y_ < kHeight) NewPage();
    y_ += 22;
    const double half = kContentWidth / 2;
    DrawFree({kMarginX + 8, half - 8, "承办单位(盖章):", Style::kSignature, PANGO_ALIGN_LEFT}, y_);
    DrawFree({kMarginX + half + 20, half - 20, "督办科室核验人:", Style::kSignature, PANGO_ALIGN_LEFT}, y_);
    y_ += 48;
    DrawFree({kMarginX, half - 24, "年      月      日", Style::kSignature, PANGO_ALIGN_RIGHT}, y_);
    DrawFree({kMarginX + half, half - 8, "年      月      日", Style::kSignature, PANGO_ALIGN_RIGHT}, y_);
    y_ += 26;
  }

  void Finish() {
    Footer();
    cairo_show_page(cr_);
  }

 private:
  Laid LayOut(const Cell& c) const {
    const FontSpec spec = SpecOf(c.style);
    Laid out;
    out.layout.reset(pango_layout_new(ctx_));
    PangoLayout* layout = out.layout.get();
    PangoFontDescription* font = pango_font_description_new();
    pango_font_description_set_family(font, spec.family);
    pango_font_description_set_weight(font, spec.weight);
    pango_font_description_set_size(font, static_cast<gint>(spec.size * PANGO_SCALE));
    pango_layout_set_font_description(layout, font);
    pango_font_description_free(font);
    pango_layout_set_width(layout, static_cast<int>((c.width - 2 * kPadX) * PANGO_SCALE));
    pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout, c.align);
    if (spec.line_spacing > 0) pango_layout_set_line_spacing(layout, static_cast<float>(spec.line_spacing));
    std::string text = ValidUtf8(c.text);
    pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    if (const size_t space = text.rfind(' ');
        c.break_at_space && space != std::string::npos && pango_layout_get_line_count(layout) > 1) {
      text[space] = '\n';
      pango_layout_set_text(layout, text.data(), static_cast<int>(text.size()));
    }
    PangoLayoutIter* it = pango_layout_get_iter(layout);
    do {
      PangoRectangle logical;
      pango_layout_iter_get_line_extents(it, nullptr, &logical);
      int top = 0, bottom = 0;
      pango_layout_iter_get_line_yrange(it, &top, &bottom);
      const double s = PANGO_SCALE;
      out.lines.push_back({pango_layout_iter_get_line_readonly(it), top / s, bottom / s,
                           pango_layout_iter_get_baseline(it) / s, logical.x / s});
    } while (pango_layout_iter_next_line(it));
    pango_layout_iter_free(it);
    return out;
  }

  // Lines [next, end) of `l` with their top at `top`, inside the cell's padding.
  void DrawLines(const Cell& c, const Laid& l, double top) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    for (size_t i = l.next; i < l.end; ++i) {
      const Line& line = l.lines[i];
      cairo_move_to(cr_, c.x + kPadX + line.x, top + line.baseline - l.lines[l.next].top);
      pango_cairo_show_layout_line(cr_, line.line);
    }
  }

  // Text outside the table (heading, signatures): all its lines from `top`; its height.
  double DrawFree(const Cell& c, double top) {
    Laid l = LayOut(c);
    l.end = l.lines.size();
    DrawLines(c, l, top);
    return l.Height(0, l.end);
  }

  void DrawRow(const std::vector<Cell>& cells, const std::vector<Laid>& laid, double height, VAlign valign) {
    cairo_set_source_rgb(cr_, 0, 0, 0);
    cairo_set_line_width(cr_, kGridLine);
    for (size_t i = 0; i < cells.size(); ++i) {
      const Cell& c = cells[i];
      cairo_rectangle(cr_, c.x, y_, c.width, height);
      cairo_stroke(cr_);
      const Laid& l = laid[i];
      if (l.end <= l.next) continue;
      const double text = l.Height(l.next, l.end);
      const double top = valign == VAlign::kCenter ? y_ + (height - text) / 2 : y_ + kPadY;
      DrawLines(c, l, top);
    }
  }

  // The band's label cell over its rows on this page, and the table's frame.
  void CloseBand() {
    if (!band_open_ || y_ <= band_top_) return;
    Cell label = Label(kMarginX, band_label_);
    Laid l = LayOut(label);
    l.end = l.lines.size();
    std::vector<Cell> cells{label};
    std::vector<Laid> laid;
    laid.push_back(std::move(l));
    const double y = y_;
    y_ = band_top_;
    DrawRow(cells, laid, y - band_top_, VAlign::kCenter);
    y_ = y;
  }
  void CloseSegments() {
    CloseBand();
    if (table_open_ && y_ > table_top_) {
      cairo_set_line_width(cr_, kFrameLine);
      cairo_rectangle(cr_, kMarginX, table_top_, kContentWidth, y_ - table_top_);
      cairo_stroke(cr_);
    }
  }

  void Footer() {
    const std::string page =
        total_pages_ > 0 ? fmt::format("第 {} 页 共 {} 页", page_, total_pages_) : fmt::format("第 {} 页", page_);
    cairo_set_source_rgb(cr_, 0.25, 0.25, 0.25);
    Cell center{kMarginX, kContentWidth, page, Style::kFooter, PANGO_ALIGN_CENTER};
    DrawFree(center, kFooterBaseline - 10);
    if (!printed_at_.empty()) {
      DrawFree({kMarginX, kContentWidth, "打印时间:" + printed_at_, Style::kFooter, PANGO_ALIGN_RIGHT},
               kFooterBaseline - 10);
    }
  }

  void NewPage() {
    CloseSegments();
    Footer();
    cairo_show_page(cr_);
    ++page_;
    y_ = kMarginTop;
    at_top_ = true;
    table_top_ = y_;
    if (band_open_) {
      band_top_ = y_;
      if (!band_label_.ends_with("(续)")) band_label_ += "(续)";
      Row(band_header_, 0, VAlign::kCenter);
      at_top_ = true;  // the header alone does not make the page taken
    }
  }

  cairo_t* cr_;
  PangoContext* ctx_;
  int total_pages_;  // 0 while counting
  std::string printed_at_;
  int page_ = 1;
  double y_ = kMarginTop;
  bool at_top_ = true;
  bool table_open_ = false;
  double table_top_ = 0;
  bool band_open_ = false;
  std::string band_label_;
  std::vector<Cell> band_header_;
  double band_top_ = 0;
};

void DrawSheet(Renderer& r, const SupervisionSheet& s) {
  const double x0 = kMarginX, x1 = x0 + kLabelWidth, x2 = x1 + kValueWidth, x3 = x2 + kLabelWidth;
  const double wide = kContentWidth - kLabelWidth;
  auto pair = [&](const char* a, const std::string& va, const char* b, const std::string& vb) {
    r.Row({Label(x0, a), {x1, kValueWidth, va}, Label(x2, b), {x3, kValueWidth, vb}}, 24, VAlign::kCenter);
  };
  auto whole = [&](const char* label, const std::string& value, double min_height, VAlign valign) {
    r.Row({Label(x0, label), {x1, wide, value}}, min_height, valign);
  };

  r.Heading(s);
  r.BeginTable();
  whole("事项名称", s.title, 30, VAlign::kCenter);
  pair("督办类别", s.category, "事项来源", s.source);
  pair("紧急程度", s.priority, "办理状态", s.status);
  whole("关联项目", s.projects, 24, VAlign::kCenter);
  pair("牵头单位", s.lead_unit, "配合单位", s.co_units);
  std::string deadline = s.deadline;
  if (!s.original_deadline.empty() && s.original_deadline != s.deadline) {
    deadline += "(原定 " + s.original_deadline + ",经批准延期)";
  }
  whole("办理时限", deadline, 24, VAlign::kCenter);
  whole("督办内容", s.description, 80, VAlign::kTop);

  const double a0 = x1, a1 = a0 + kActionAtWidth, a2 = a1 + kActionActorWidth, a3 = a2 + kActionLabelWidth;
  const double note_width = kMarginX + kContentWidth - a3;
  auto header = [](double x, double w, const char* text) {
    return Cell{x, w, text, Style::kSmallHeader, PANGO_ALIGN_CENTER};
  };
  r.BeginBand("办理过程",
              {header(a0, kActionAtWidth, "时间"), header(a1, kActionActorWidth, "单位/人员"),
               header(a2, kActionLabelWidth, "办理环节"), header(a3, note_width, "办理情况")},
              80);
  if (s.actions.empty()) {
    r.Row({{a0, wide, "暂无办理记录", Style::kSmall, PANGO_ALIGN_CENTER}}, 28, VAlign::kCenter);
  }
  for (const SheetAction& a : s.actions) {
    r.Row({{a0, kActionAtWidth, a.at, Style::kSmall, PANGO_ALIGN_CENTER},
           {a1, kActionActorWidth, a.actor, Style::kSmall, PANGO_ALIGN_LEFT, true},
           {a2, kActionLabelWidth, a.action_label, Style::kSmall, PANGO_ALIGN_CENTER},
           {a3, note_width, a.note, Style::kSmall}},
          20, VAlign::kCenter);
  }
  r.EndBand();
  whole("办结情况", s.completion, 56, VAlign::kTop);
  whole("核验意见", s.verification, 56, VAlign::kTop);
  r.EndTable();
  r.Signatures();
  r.Finish();
}

// One rendering into `out` (nullptr: discarded, to count the pages). The pages drawn.
StatusOr<int> Render(const SupervisionSheet& sheet, std::string* out, int total_pages) {
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(AppendToString, out, kPageWidth, kPageHeight);
  const std::string title = ValidUtf8("重点项目督办流转单 " + sheet.number);
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "tuijin");
  cairo_t* cr = cairo_create(surface);
  ContextPtr ctx(pango_cairo_create_context(cr));
  // Points as device units, and metrics unhinted: what is measured is what prints.
  pango_cairo_context_set_resolution(ctx.get(), 72);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options(ctx.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(ctx.get(), FALSE);
  pango_context_set_language(ctx.get(), pango_language_from_string("zh-cn"));

  Status status;
  int pages = 0;
  if (!HasCjkFont(ctx.get(), kSerif, 0x7763)) {
    status = Status::Unavailable("report.no_cjk_font", "服务器缺少中文字体,无法生成 PDF:请安装 fonts-noto-cjk");
  } else {
    Renderer r(cr, ctx.get(), total_pages, sheet.printed_at);
    DrawSheet(r, sheet);
    pages = r.pages();
  }
  ctx.reset();
  const cairo_status_t drawn = cairo_status(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t written = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (!status.ok()) return status;
  if (drawn != CAIRO_STATUS_SUCCESS || written != CAIRO_STATUS_SUCCESS) {
    return Status::Internal(std::string("生成流转单 PDF 失败:") +
                            cairo_status_to_string(drawn != CAIRO_STATUS_SUCCESS ? drawn : written));
  }
  return pages;
}

}  // namespace

StatusOr<std::string> SupervisionSheetPdf(const SupervisionSheet& sheet) {
  // The footer says 共 N 页: a first pass counts the pages, the second writes them.
  ASSIGN_OR_RETURN(const int pages, Render(sheet, nullptr, 0));
  std::string pdf;
  ASSIGN_OR_RETURN(const int written, Render(sheet, &pdf, pages));
  if (written != pages) return Status::Internal("流转单 PDF 两次排版的页数不同");
  return pdf;
}

}  // namespace tuijin::report
