#include "report/briefing_chart.h"

#include <fmt/format.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <memory>

namespace tuijin::report {
namespace {

struct Rgb {
  double r, g, b;
};
// Prints well in colour and in grey.
constexpr Rgb kPalette[] = {{0x1F / 255.0, 0x4E / 255.0, 0x79 / 255.0},
                            {0xC5 / 255.0, 0x5A / 255.0, 0x11 / 255.0},
                            {0x54 / 255.0, 0x82 / 255.0, 0x35 / 255.0},
                            {0x7F / 255.0, 0x60 / 255.0, 0x00 / 255.0}};

struct Unref {
  void operator()(gpointer p) const { g_object_unref(p); }
};

// Text at (x, y): `align` 0 left, 0.5 centred, 1 right of x; `valign` likewise from y.
// `max_width` > 0 wraps. Returns the text's size.
std::pair<double, double> Text(cairo_t* cr, const std::string& text, double size, bool bold, double x, double y,
                               double align, double valign, double max_width = 0, double angle = 0) {
  PangoContext* ctx = pango_font_map_create_context(BriefingFontMap());
  pango_cairo_update_context(cr, ctx);
  std::unique_ptr<PangoLayout, Unref> layout(pango_layout_new(ctx));
  g_object_unref(ctx);
  PangoFontDescription* font = pango_font_description_from_string(kBriefingFont);
  pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
  pango_font_description_set_weight(font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font);
  pango_font_description_free(font);
  if (max_width > 0) {
    pango_layout_set_width(layout.get(), static_cast<int>(max_width * PANGO_SCALE));
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(layout.get(), PANGO_ALIGN_CENTER);
  }
  pango_layout_set_text(layout.get(), text.c_str(), -1);
  int pw = 0, ph = 0;
  pango_layout_get_size(layout.get(), &pw, &ph);
  const double w = max_width > 0 ? max_width : static_cast<double>(pw) / PANGO_SCALE;
  const double h = static_cast<double>(ph) / PANGO_SCALE;
  cairo_save(cr);
  cairo_translate(cr, x, y);
  if (angle != 0) cairo_rotate(cr, angle);
  cairo_move_to(cr, -w * align, -h * valign);
  pango_cairo_show_layout(cr, layout.get());
  cairo_restore(cr);
  return {w, h};
}

// A round step for about `n` ticks up to `max`: 1, 2 or 5 × 10^k.
double NiceStep(double max, int n) {
  if (max <= 0) return 1;
  const double raw = max / n;
  const double mag = std::pow(10.0, std::floor(std::log10(raw)));
  for (double m : {1.0, 2.0, 5.0, 10.0}) {
    if (raw <= m * mag) return m * mag;
  }
  return 10 * mag;
}

std::string TickLabel(double v, double step) {
  if (step >= 1) return fmt::format("{:.0f}", v);
  if (step >= 0.1) return fmt::format("{:.1f}", v);
  return fmt::format("{:.2f}", v);
}

}  // namespace

std::mutex& BriefingRenderMutex() {
  static std::mutex m;
  return m;
}

PangoFontMap* BriefingFontMap() {
  static PangoFontMap* map = pango_cairo_font_map_new();
  return map;
}

void DrawBarChart(cairo_t* cr, const BriefingChart& chart, double x, double y, double w, double h) {
  cairo_save(cr);
  cairo_rectangle(cr, x, y, w, h);
  cairo_set_source_rgb(cr, 1, 1, 1);
  cairo_fill(cr);
  const double unit = h / 300.0;  // sizes scale with the box
  const double small = 9 * unit, normal = 11 * unit;
  cairo_set_source_rgb(cr, 0.1, 0.1, 0.1);
  const double title_h = chart.title.empty() ? 0 : Text(cr, chart.title, normal * 1.1, true, x + w / 2, y + 6 * unit, 0.5, 0).second + 10 * unit;

  // Legend under the title.
  double legend_y = y + 6 * unit + title_h;
  double lx = x + w / 2;
  double legend_w = 0;
  for (const auto& s : chart.series) {
    legend_w += 14 * unit + Text(cr, s.name, small, false, -10000, -10000, 0, 0).first + 16 * unit;
  }
  lx = x + (w - legend_w) / 2;
  for (size_t i = 0; i < chart.series.size(); ++i) {
    const Rgb c = kPalette[i % std::size(kPalette)];
    cairo_set_source_rgb(cr, c.r, c.g, c.b);
    cairo_rectangle(cr, lx, legend_y + 2 * unit, 10 * unit, 8 * unit);
    cairo_fill(cr);
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    const double tw = Text(cr, chart.series[i].name, small, false, lx + 14 * unit, legend_y, 0, 0).first;
    lx += 14 * unit + tw + 16 * unit;
  }
  const double top = legend_y + 22 * unit;

  const size_t n = chart.categories.size();
  double max = 0;
  for (const auto& s : chart.series) {
    for (double v : s.values) {
      if (std::isfinite(v)) max = std::max(max, v);
    }
  }
  const double step = NiceStep(max, 5);
  const double axis_max = max > 0 ? std::ceil(max / step) * step : 5 * step;

  // Category labels: horizontal when they fit, turned 45° when crowded.
  const double left = x + 46 * unit, right = x + w - 10 * unit;
  const double slot = n > 0 ? (right - left) / static_cast<double>(n) : right - left;
  double widest = 0;
  for (const auto& c : chart.categories) widest = std::max(widest, Text(cr, c, small, false, -10000, -10000, 0, 0).first);
  const bool turned = widest > slot * 0.95;
  const double label_h = turned ? std::min(widest * 0.72 + 6 * unit, h * 0.35) : 2 * small + 10 * unit;
  const double bottom = y + h - label_h - 4 * unit;
  const double plot_h = std::max(10.0, bottom - top);

  // Grid and value axis.
  cairo_set_line_width(cr, 0.6 * unit);
  for (double v = 0; v <= axis_max + step / 2; v += step) {
    const double gy = bottom - plot_h * v / axis_max;
    cairo_set_source_rgb(cr, 0.85, 0.85, 0.85);
    cairo_move_to(cr, left, gy);
    cairo_line_to(cr, right, gy);
    cairo_stroke(cr);
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    Text(cr, TickLabel(v, step), small, false, left - 4 * unit, gy, 1, 0.5);
  }
  if (!chart.unit.empty()) {
    cairo_set_source_rgb(cr, 0.3, 0.3, 0.3);
    Text(cr, chart.unit, small, false, left - 4 * unit, top - 4 * unit, 1, 1);
  }
  cairo_set_source_rgb(cr, 0.2, 0.2, 0.2);
  cairo_set_line_width(cr, 1 * unit);
  cairo_move_to(cr, left, bottom);
  cairo_line_to(cr, right, bottom);
  cairo_stroke(cr);

  const size_t k = std::max<size_t>(1, chart.series.size());
  const double bar = slot * 0.7 / static_cast<double>(k);
  for (size_t c = 0; c < n; ++c) {
    const double gx = left + slot * static_cast<double>(c) + slot * 0.15;
    for (size_t s = 0; s < chart.series.size(); ++s) {
      const double v = c < chart.series[s].values.size() ? chart.series[s].values[c] : 0;
      const double hv = std::isfinite(v) && v > 0 ? plot_h * v / axis_max : 0;
      const Rgb col = kPalette[s % std::size(kPalette)];
      cairo_set_source_rgb(cr, col.r, col.g, col.b);
      cairo_rectangle(cr, gx + bar * static_cast<double>(s), bottom - hv, bar * 0.92, hv);
      cairo_fill(cr);
    }
    cairo_set_source_rgb(cr, 0.15, 0.15, 0.15);
    const double cx = left + slot * (static_cast<double>(c) + 0.5);
    if (turned) {
      Text(cr, chart.categories[c], small, false, cx, bottom + 4 * unit, 1, 0, 0, -M_PI / 4);
    } else {
      Text(cr, chart.categories[c], small, false, cx, bottom + 4 * unit, 0.5, 0, slot);
    }
  }
  cairo_restore(cr);
}

namespace {
cairo_status_t Append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}
}  // namespace

StatusOr<std::string> ChartPng(const BriefingChart& chart, int width, int height) {
  if (width < 50 || height < 50 || width > 8000 || height > 8000) {
    return Status::InvalidArgument("report.chart_size", "图表尺寸超出范围");
  }
  std::lock_guard<std::mutex> lock(BriefingRenderMutex());
  cairo_surface_t* surface = cairo_image_surface_create(CAIRO_FORMAT_RGB24, width, height);
  cairo_t* cr = cairo_create(surface);
  DrawBarChart(cr, chart, 0, 0, width, height);
  cairo_destroy(cr);
  std::string png;
  const cairo_status_t st = cairo_surface_write_to_png_stream(surface, Append, &png);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Status::Internal(std::string("图表绘制失败:") + cairo_status_to_string(st));
  return png;
}

}  // namespace tuijin::report
