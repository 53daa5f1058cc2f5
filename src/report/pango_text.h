// What the PDFs set with Pango and Cairo share: text made valid UTF-8 for Pango, a Cairo
// stream that appends to a string, and whether fontconfig has a Chinese font at all.
#pragma once

#include <cairo.h>
#include <pango/pango.h>

#include <string>
#include <string_view>

namespace tuijin::report {

// `s` with invalid UTF-8 replaced (Pango refuses it otherwise).
std::string ValidUtf8(std::string_view s);

// A cairo_write_func_t appending to the std::string at `closure`.
cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length);

// Whether `family` in `ctx` has the Chinese character `probe`: without such a font a PDF
// would print empty boxes.
bool HasCjkFont(PangoContext* ctx, const char* family, gunichar probe);

}  // namespace tuijin::report
