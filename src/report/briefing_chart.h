// The grouped bar chart of a briefing, drawn with Cairo and Pango onto any surface: into the
// PDF as vectors, onto an image for the DOCX's PNG (ChartPng in briefing_document.h).
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <mutex>

#include "report/briefing_document.h"

namespace tuijin::report {

// Draws `chart` in the box (points or pixels: the box's units), on a white ground: the title
// above, a value axis with round ticks, one group of bars per category with its label under
// it (turned when they are crowded), and the legend. Empty series or categories draw the
// frame and the title only; negative values are drawn as zero.
// Every briefing is set with one Pango font map, whatever the worker thread (Pango's default
// map is per thread, and each would load the CJK fonts again: tens of MB a thread). A font map
// is not thread-safe: hold BriefingRenderMutex() while drawing with it.
std::mutex& BriefingRenderMutex();
PangoFontMap* BriefingFontMap();

// The one family a briefing's PDF and charts are set in, regular and bold: every further face
// costs its whole CFF table in memory while Cairo subsets it (some 20 MB each for Noto CJK),
// so the 黑体 headings of the DOCX are the serif's bold here.
inline constexpr const char* kBriefingFont = "Noto Serif CJK SC";

void DrawBarChart(cairo_t* cr, const BriefingChart& chart, double x, double y, double w, double h);

}  // namespace tuijin::report
