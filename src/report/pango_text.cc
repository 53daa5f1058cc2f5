#include "report/pango_text.h"

namespace tuijin::report {

std::string ValidUtf8(std::string_view s) {
  gchar* valid = g_utf8_make_valid(s.data(), static_cast<gssize>(s.size()));
  std::string out(valid);
  g_free(valid);
  return out;
}

cairo_status_t AppendToString(void* closure, const unsigned char* data, unsigned int length) {
  if (closure) static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

bool HasCjkFont(PangoContext* ctx, const char* family, gunichar probe) {
  PangoFontDescription* font = pango_font_description_from_string(family);
  PangoFontset* set = pango_context_load_fontset(ctx, font, pango_language_from_string("zh-cn"));
  pango_font_description_free(font);
  if (!set) return false;
  PangoFont* f = pango_fontset_get_font(set, probe);
  const bool ok = f && pango_font_has_char(f, probe);
  if (f) g_object_unref(f);
  g_object_unref(set);
  return ok;
}

}  // namespace tuijin::report
