#include "xlsx/writer.h"

#include <fmt/format.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <system_error>
#include <condition_variable>
#include <ctime>
#include <deque>
#include <mutex>
#include <thread>
#include <map>
#include <unordered_map>

#include "base/date.h"
#include "base/text.h"
#include "base/time.h"
#include "xlsx/cell_ref.h"

namespace tuijin::xlsx {
namespace {

constexpr int kMaxRowIndex = kMaxRows - 1;
constexpr int kMaxColIndex = kMaxColumns - 1;
constexpr size_t kMaxCellChars = 32'767;  // Excel's limit, in UTF-16 code units
// XML is deflated in pieces of about this size, as it is written: small enough to stay in
// cache, large enough that the per-call cost of zlib vanishes.
constexpr size_t kFlushBytes = 256 * 1024;

constexpr char kXmlDecl[] = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n";
constexpr char kMainNs[] = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
constexpr char kRelNs[] = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

void AppendUInt(std::string& out, uint64_t v) {
  char buf[24];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  out.append(buf, end);
}

void AppendDouble(std::string& out, double v) {
  if (v == 0) v = 0;  // no "-0"
  char buf[32];
  auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);  // shortest form that reads back exactly
  out.append(buf, end);
}

std::string CellName(int row, int col) {
  std::string name = ColumnName(col);
  AppendUInt(name, static_cast<uint64_t>(row) + 1);
  return name;
}

std::string RangeRef(int first_row, int first_col, int last_row, int last_col) {
  std::string ref = CellName(first_row, first_col);
  if (last_row != first_row || last_col != first_col) ref += ":" + CellName(last_row, last_col);
  return ref;
}

bool IsHex(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F'); }

// Bytes that need more than a copy in XML text and attribute values: markup characters,
// control characters (not allowed in XML 1.0 even as references; Excel writes them as
// _xHHHH_), CR (a parser would turn it into LF) and '_' (a literal "_x0041_" must not
// read back as "A", nor "_x000D" followed by an escaped character as CR).
struct EscapeTable {
  bool special[256] = {};
  constexpr EscapeTable() {
    for (int c = 0; c < 0x20; ++c) special[c] = c != '\t' && c != '\n';
    special[static_cast<unsigned char>('&')] = special[static_cast<unsigned char>('<')] = true;
    special[static_cast<unsigned char>('>')] = special[static_cast<unsigned char>('"')] = true;
    special[static_cast<unsigned char>('_')] = true;
  }
};
constexpr EscapeTable kEscape;

void AppendEscaped(std::string& out, std::string_view text) {
  const char* p = text.data();
  const char* end = p + text.size();
  while (p < end) {
    const char* run = p;
    while (p < end && !kEscape.special[static_cast<unsigned char>(*p)]) ++p;
    out.append(run, p);
    if (p == end) break;
    const char c = *p++;
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '_':
        // "_xHHHH" is escaped whatever follows: the next character may be one that is
        // escaped itself, whose "_x…" would complete "_xHHHH_" (found by fuzzing).
        if (end - p >= 5 && p[0] == 'x' && IsHex(p[1]) && IsHex(p[2]) && IsHex(p[3]) && IsHex(p[4])) {
          out += "_x005F_";
        } else {
          out += '_';
        }
        break;
      default:
        out += fmt::format("_x{:04X}_", static_cast<unsigned>(static_cast<unsigned char>(c)));
        break;
    }
  }
}

// An attribute value: escaped as text, and tab and line feed as character references, which
// attribute-value normalization would otherwise read back as spaces.
std::string EscapedAttribute(std::string_view text) {
  std::string escaped;
  AppendEscaped(escaped, text);
  std::string out;
  out.reserve(escaped.size());
  for (char c : escaped) {
    if (c == '\t') {
      out += "&#9;";
    } else if (c == '\n') {
      out += "&#10;";
    } else {
      out += c;
    }
  }
  return out;
}

// UTF-16 code units of UTF-8 text (what Excel's cell limit counts).
size_t Utf16Length(std::string_view s) {
  size_t n = 0;
  for (unsigned char c : s) {
    if ((c & 0xC0) != 0x80) n += c >= 0xF0 ? 2 : 1;
  }
  return n;
}

bool IsSpace(char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

Status BadCoords(int row, int col) {
  return Status::Internal(fmt::format("写入 Excel 失败:坐标无效({}, {})", row, col));
}

}  // namespace

// --- Deflating --------------------------------------------------------------------------

namespace internal {

// Raw deflate (as zip stores it) of one segment of a part, fed in pieces; keeps the CRC-32
// and size of what went in. Segments concatenate into one deflate stream when every one but
// the last ends on a flush boundary (Finish(false)), which lets a part's head be written
// after its body: the dimension of a sheet and the counts of the shared strings are known
// only at the end.
class Deflater {
 public:
  explicit Deflater(int level) {
    ok_ = deflateInit2(&z_, level, Z_DEFLATED, -MAX_WBITS, 8, Z_DEFAULT_STRATEGY) == Z_OK;
  }
  ~Deflater() {
    if (ok_) deflateEnd(&z_);
  }
  Deflater(const Deflater&) = delete;
  Deflater& operator=(const Deflater&) = delete;

  void Add(std::string_view data) {
    crc_ = crc32_z(crc_, reinterpret_cast<const Bytef*>(data.data()), data.size());
    size_ += data.size();
    Run(data, Z_NO_FLUSH);
  }
  // Ends the segment: as the last one of its part (Z_FINISH) or on a byte boundary that
  // another segment may follow (Z_SYNC_FLUSH).
  void Finish(bool last) { Run({}, last ? Z_FINISH : Z_SYNC_FLUSH); }

  bool ok() const { return ok_; }
  uint32_t crc() const { return static_cast<uint32_t>(crc_); }
  uint64_t size() const { return size_; }
  // The compressed bytes, in pieces.
  template <typename F>
  void ForEachPiece(F&& f) const {
    for (const Piece& piece : out_) f(std::string_view(piece.bytes.get(), piece.size));
  }
  uint64_t compressed_size() const {
    uint64_t n = 0;
    for (const Piece& piece : out_) n += piece.size;
    return n;
  }

 private:
  static constexpr size_t kPieceBytes = 64 * 1024;
  struct Piece {
    std::unique_ptr<char[]> bytes;
    size_t size = 0;
  };

  void Run(std::string_view in, int flush) {
    if (!ok_) return;
    z_.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(in.data()));
    z_.avail_in = static_cast<uInt>(in.size());
    do {
      if (out_.empty() || out_.back().size == kPieceBytes) {
        out_.push_back({std::make_unique_for_overwrite<char[]>(kPieceBytes), 0});
      }
      Piece& piece = out_.back();
      z_.next_out = reinterpret_cast<Bytef*>(piece.bytes.get() + piece.size);
      z_.avail_out = static_cast<uInt>(kPieceBytes - piece.size);
      const int rc = deflate(&z_, flush);
      piece.size = kPieceBytes - z_.avail_out;
      if (rc == Z_STREAM_ERROR) {
        ok_ = false;
        return;
      }
    } while (z_.avail_out == 0);  // else all input is in and the flush is complete
  }

  z_stream z_{};
  bool ok_ = false;
  uLong crc_ = crc32(0, nullptr, 0);
  uint64_t size_ = 0;
  std::vector<Piece> out_;
};

// Deflates, on a helper thread, the XML the writer hands over, in order, while the writer
// goes on composing more: the two take about as long, so a second core halves the time.
// At most kMaxQueued pieces wait (the writer blocks beyond that) and their buffers come
// back for reuse, so memory stays flat. The thread starts with the first piece: small
// workbooks never start it.
class DeflatePipeline {
 public:
  DeflatePipeline() = default;
  ~DeflatePipeline() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    work_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  DeflatePipeline(const DeflatePipeline&) = delete;
  DeflatePipeline& operator=(const DeflatePipeline&) = delete;

  // Queues the contents of `xml` to be added to `deflater`; `xml` is left empty, with
  // capacity for the next piece.
  void Add(Deflater* deflater, std::string& xml) {
    std::unique_lock lock(mu_);
    if (!thread_.joinable() && !inline_) {
      try {
        thread_ = std::thread([this] { Work(); });
      } catch (const std::system_error&) {
        inline_ = true;  // no thread to be had: deflate here
      }
    }
    if (inline_) {
      deflater->Add(xml);
      xml.clear();
      return;
    }
    done_.wait(lock, [this] { return queue_.size() < kMaxQueued; });
    std::string buffer;
    if (!spare_.empty()) {
      buffer = std::move(spare_.back());
      spare_.pop_back();
    } else {
      buffer.reserve(xml.capacity());
    }
    buffer.swap(xml);
    queue_.push_back({deflater, std::move(buffer)});
    lock.unlock();
    work_.notify_one();
  }

  // Waits until everything queued is deflated.
  void Drain() {
    std::unique_lock lock(mu_);
    done_.wait(lock, [this] { return queue_.empty() && !busy_; });
  }

 private:
  static constexpr size_t kMaxQueued = 4;
  struct Job {
    Deflater* deflater;
    std::string xml;
  };

  void Work() {
    std::unique_lock lock(mu_);
    for (;;) {
      work_.wait(lock, [this] { return stop_ || !queue_.empty(); });
      if (stop_) return;
      Job job = std::move(queue_.front());
      queue_.pop_front();
      busy_ = true;
      lock.unlock();
      job.deflater->Add(job.xml);
      job.xml.clear();
      lock.lock();
      spare_.push_back(std::move(job.xml));
      busy_ = false;
      done_.notify_all();
    }
  }

  std::mutex mu_;
  std::condition_variable work_, done_;
  std::deque<Job> queue_;
  std::vector<std::string> spare_;
  bool busy_ = false;
  bool stop_ = false;
  bool inline_ = false;
  std::thread thread_;
};

// The shared-string table: each distinct text once, in order of first use, its XML
// deflated as it grows. The index is an open-addressing hash table (a ledger has tens of
// thousands of distinct texts: one allocation per text would cost more than the rest);
// its keys point into arena blocks that never move.
struct SharedStrings {
  SharedStrings(int level, DeflatePipeline* pipeline) : body(level), pipeline(pipeline), slots(kInitialSlots) {
    xml.reserve(kFlushBytes + 64 * 1024);
  }

  // The index of `text` (not empty) in the table, adding it when new.
  uint32_t Add(std::string_view text) {
    ++count;
    const auto hash = static_cast<uint32_t>(std::hash<std::string_view>{}(text));
    const auto size = static_cast<uint32_t>(text.size());
    size_t i = hash & (slots.size() - 1);
    // A slot holds what a lookup compares, so a hit costs the slot and the text, no more.
    for (; slots[i].text; i = (i + 1) & (slots.size() - 1)) {
      const Slot& slot = slots[i];
      if (slot.hash == hash && slot.size == size && std::memcmp(slot.text, text.data(), size) == 0) return slot.id;
    }
    const uint32_t id = unique;
    slots[i] = {Keep(text), size, hash, id};
    if (++unique * 4 > slots.size() * 3) Grow();  // at most 3/4 full
    if (IsSpace(text.front()) || IsSpace(text.back())) {
      xml += "<si><t xml:space=\"preserve\">";
    } else {
      xml += "<si><t>";
    }
    AppendEscaped(xml, text);
    xml += "</t></si>";
    if (xml.size() >= kFlushBytes) pipeline->Add(&body, xml);
    return id;
  }

  Deflater body;    // the <si> elements
  std::string xml;  // <si> elements not handed to the pipeline yet
  DeflatePipeline* pipeline;
  uint64_t count = 0;   // references, as <sst count=…> wants
  uint32_t unique = 0;  // distinct texts

 private:
  static constexpr size_t kInitialSlots = 8192;  // a power of two
  struct Slot {
    const char* text = nullptr;  // in an arena block; nullptr: empty
    uint32_t size = 0;
    uint32_t hash = 0;
    uint32_t id = 0;
  };

  const char* Keep(std::string_view text) {
    if (free_bytes < text.size()) {
      const size_t size = std::max<size_t>(text.size(), 256 * 1024);
      blocks.push_back(std::make_unique_for_overwrite<char[]>(size));
      free = blocks.back().get();
      free_bytes = size;
    }
    std::memcpy(free, text.data(), text.size());
    const char* kept = free;
    free += text.size();
    free_bytes -= text.size();
    return kept;
  }

  void Grow() {
    std::vector<Slot> bigger(slots.size() * 2);
    for (const Slot& slot : slots) {
      if (!slot.text) continue;
      size_t i = slot.hash & (bigger.size() - 1);
      while (bigger[i].text) i = (i + 1) & (bigger.size() - 1);
      bigger[i] = slot;
    }
    slots = std::move(bigger);
  }

  std::vector<Slot> slots;
  std::vector<std::unique_ptr<char[]>> blocks;
  char* free = nullptr;
  size_t free_bytes = 0;
};

}  // namespace internal

namespace {

// One part of the package, ready for the zip: its deflated segments in order.
struct Part {
  std::string name;
  std::vector<const internal::Deflater*> segments;
  uint32_t crc = 0;
  uint64_t size = 0, compressed_size = 0;
};

// Writes the package as a classic zip (no zip64: every size must stay under 4 GiB), each
// part deflated, with its CRC and sizes in the local header (no data descriptors).
class ZipWriter {
 public:
  explicit ZipWriter(std::string* out) : out_(out) {}

  // The size of the zip of `parts`, to reserve it at once.
  static uint64_t SizeOf(const std::vector<Part>& parts) {
    uint64_t n = 22;  // end of central directory
    for (const Part& part : parts) {
      n += 30 + 46 + 2 * part.name.size();  // local header, directory entry
      for (const internal::Deflater* d : part.segments) n += d->compressed_size();
    }
    return n;
  }

  Status Add(Part part) {
    for (size_t i = 0; i < part.segments.size(); ++i) {
      const internal::Deflater* d = part.segments[i];
      if (!d->ok()) return Status::Internal(fmt::format("写入 Excel 失败:压缩 {} 出错", part.name));
      part.crc = i == 0 ? d->crc() : static_cast<uint32_t>(crc32_combine(part.crc, d->crc(), static_cast<z_off_t>(d->size())));
      part.size += d->size();
      part.compressed_size += d->compressed_size();
    }
    if (part.size > 0xFFFFFFFEu || part.compressed_size > 0xFFFFFFFEu || out_->size() > 0xFFFFFFFEu) {
      return Status::Internal("写入 Excel 失败:工作簿超过 4 GB");
    }
    const auto offset = static_cast<uint32_t>(out_->size());
    Header(0x04034b50, part, offset, /*central=*/false);
    for (const internal::Deflater* d : part.segments) d->ForEachPiece([this](std::string_view p) { out_->append(p); });
    central_.push_back({std::move(part), offset});
    return Status::Ok();
  }

  Status Finish() {
    const uint64_t directory = out_->size();
    for (const auto& [part, offset] : central_) Header(0x02014b50, part, offset, /*central=*/true);
    const uint64_t directory_size = out_->size() - directory;
    if (out_->size() > 0xFFFFFFFEu) return Status::Internal("写入 Excel 失败:工作簿超过 4 GB");
    U32(0x06054b50);
    U16(0);  // this disk
    U16(0);  // the disk with the directory
    U16(static_cast<uint16_t>(central_.size()));
    U16(static_cast<uint16_t>(central_.size()));
    U32(static_cast<uint32_t>(directory_size));
    U32(static_cast<uint32_t>(directory));
    U16(0);  // comment length
    return Status::Ok();
  }

 private:
  void U16(uint16_t v) {
    const char b[2] = {static_cast<char>(v), static_cast<char>(v >> 8)};
    out_->append(b, 2);
  }
  void U32(uint32_t v) {
    U16(static_cast<uint16_t>(v));
    U16(static_cast<uint16_t>(v >> 16));
  }
  void Header(uint32_t signature, const Part& part, uint32_t offset, bool central) {
    U32(signature);
    if (central) U16(20);  // made by: MS-DOS, zip 2.0, as Excel writes it
    U16(20);               // needed to extract: 2.0 (deflate)
    U16(0);                // flags
    U16(8);                // deflate
    U16(time_);
    U16(date_);
    U32(part.crc);
    U32(static_cast<uint32_t>(part.compressed_size));
    U32(static_cast<uint32_t>(part.size));
    U16(static_cast<uint16_t>(part.name.size()));
    U16(0);  // extra field length
    if (central) {
      U16(0);  // comment length
      U16(0);  // disk
      U16(0);  // internal attributes
      U32(0);  // external attributes
      U32(offset);
    }
    out_->append(part.name);
  }

  std::string* out_;
  std::vector<std::pair<Part, uint32_t>> central_;
  // The entries' modification time, as the +08:00 wall clock (zip has no time zone).
  const ChinaTime now_ = ToChinaTime(NowUnix());
  const uint16_t time_ = static_cast<uint16_t>(now_.hour << 11 | now_.minute << 5 | now_.second / 2);
  const uint16_t date_ = static_cast<uint16_t>(std::max(now_.year - 1980, 0) << 9 | now_.month << 5 | now_.day);
};

}  // namespace

// --- Styles -------------------------------------------------------------------------------

// styles.xml: fonts, fills, borders, number formats and cell formats (xf), each distinct
// one once. Entries are kept as their XML, which is also the key that deduplicates them.
struct WorkbookWriter::Styles {
  std::vector<std::string> fonts, fills, borders, xfs;
  std::vector<std::pair<int, std::string>> num_formats;  // custom ones, id ≥ 164
  std::unordered_map<std::string, uint32_t> font_ids, fill_ids, border_ids, xf_ids, num_format_ids;

  Styles() {
    // Fills 0 and 1 are reserved by Excel; xf 0, font 0 and border 0 are the defaults.
    Intern("<fill><patternFill patternType=\"none\"/></fill>", fills, fill_ids);
    Intern("<fill><patternFill patternType=\"gray125\"/></fill>", fills, fill_ids);
    Add(FormatSpec{});
  }

  static uint32_t Intern(const std::string& xml, std::vector<std::string>& list,
                         std::unordered_map<std::string, uint32_t>& ids) {
    auto [it, added] = ids.emplace(xml, static_cast<uint32_t>(list.size()));
    if (added) list.push_back(xml);
    return it->second;
  }

  static const char* BorderStyle(Border b) {
    switch (b) {
      case Border::kNone:
        return nullptr;
      case Border::kThin:
        return "thin";
      case Border::kMedium:
        return "medium";
      case Border::kThick:
        return "thick";
      case Border::kDouble:
        return "double";
      case Border::kDashed:
        return "dashed";
      case Border::kDotted:
        return "dotted";
      case Border::kHair:
        return "hair";
    }
    return nullptr;
  }

  static const char* Horizontal(HAlign a) {
    switch (a) {
      case HAlign::kGeneral:
        return nullptr;
      case HAlign::kLeft:
        return "left";
      case HAlign::kCenter:
        return "center";
      case HAlign::kRight:
        return "right";
      case HAlign::kJustify:
        return "justify";
      case HAlign::kCenterAcross:
        return "centerContinuous";
      case HAlign::kDistributed:
        return "distributed";
    }
    return nullptr;
  }

  static const char* Vertical(VAlign a) {
    switch (a) {
      case VAlign::kBottom:
        return nullptr;
      case VAlign::kTop:
        return "top";
      case VAlign::kCenter:
        return "center";
      case VAlign::kJustify:
        return "justify";
      case VAlign::kDistributed:
        return "distributed";
    }
    return nullptr;
  }

  // Built-in formats that mean the same in every locale; anything else is custom.
  uint32_t NumFormatId(const std::string& code) {
    static const std::map<std::string, uint32_t> kBuiltin = {
        {"General", 0}, {"0", 1},     {"0.00", 2},      {"#,##0", 3}, {"#,##0.00", 4},
        {"0%", 9},      {"0.00%", 10}, {"0.00E+00", 11}, {"@", 49}};
    if (code.empty()) return 0;
    if (auto it = kBuiltin.find(code); it != kBuiltin.end()) return it->second;
    auto [it, added] = num_format_ids.emplace(code, static_cast<uint32_t>(164 + num_formats.size()));
    if (added) num_formats.emplace_back(it->second, code);
    return it->second;
  }

  uint32_t Add(const FormatSpec& spec) {
    std::string font = "<font>";
    if (spec.bold) font += "<b/>";
    if (spec.italic) font += "<i/>";
    font += "<sz val=\"";
    AppendDouble(font, spec.font_size > 0 ? spec.font_size : 11);
    font += "\"/>";
    if (spec.font_color) font += fmt::format("<color rgb=\"FF{:06X}\"/>", *spec.font_color & 0xFFFFFF);
    const std::string name = spec.font_name.empty() ? "Calibri" : spec.font_name;
    font += "<name val=\"" + EscapedAttribute(name) + "\"/>";
    // A CJK font name (宋体, 仿宋_GB2312) gets the GB2312 charset, as Excel writes it, so
    // Excel on a non-Chinese system still picks a Chinese face.
    const bool cjk = std::any_of(name.begin(), name.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
    font += cjk ? "<family val=\"3\"/><charset val=\"134\"/></font>" : "<family val=\"2\"/></font>";
    const uint32_t font_id = Intern(font, fonts, font_ids);

    uint32_t fill_id = 0;
    if (spec.fill_color) {
      fill_id = Intern(fmt::format("<fill><patternFill patternType=\"solid\"><fgColor rgb=\"FF{:06X}\"/>"
                                   "<bgColor indexed=\"64\"/></patternFill></fill>",
                                   *spec.fill_color & 0xFFFFFF),
                       fills, fill_ids);
    }

    std::string border = "<border>";
    if (const char* style = BorderStyle(spec.border)) {
      for (const char* side : {"left", "right", "top", "bottom"}) {
        border += fmt::format("<{0} style=\"{1}\"><color auto=\"1\"/></{0}>", side, style);
      }
    } else {
      border += "<left/><right/><top/><bottom/>";
    }
    border += "<diagonal/></border>";
    const uint32_t border_id = Intern(border, borders, border_ids);

    const uint32_t num_format_id = NumFormatId(spec.num_format);
    std::string alignment;
    const char* horizontal = Horizontal(spec.align);
    const char* vertical = Vertical(spec.valign);
    if (horizontal || vertical || spec.wrap) {
      alignment = "<alignment";
      if (horizontal) alignment += fmt::format(" horizontal=\"{}\"", horizontal);
      if (vertical) alignment += fmt::format(" vertical=\"{}\"", vertical);
      if (spec.wrap) alignment += " wrapText=\"1\"";
      alignment += "/>";
    }
    std::string xf = fmt::format("<xf numFmtId=\"{}\" fontId=\"{}\" fillId=\"{}\" borderId=\"{}\" xfId=\"0\"",
                                 num_format_id, font_id, fill_id, border_id);
    if (num_format_id != 0) xf += " applyNumberFormat=\"1\"";
    if (font_id != 0) xf += " applyFont=\"1\"";
    if (fill_id != 0) xf += " applyFill=\"1\"";
    if (border_id != 0) xf += " applyBorder=\"1\"";
    xf += alignment.empty() ? "/>" : " applyAlignment=\"1\">" + alignment + "</xf>";
    return Intern(xf, xfs, xf_ids);
  }

  std::string Xml() const {
    std::string out = kXmlDecl;
    out += fmt::format("<styleSheet xmlns=\"{}\">", kMainNs);
    if (!num_formats.empty()) {
      out += fmt::format("<numFmts count=\"{}\">", num_formats.size());
      for (const auto& [id, code] : num_formats) {
        out += fmt::format("<numFmt numFmtId=\"{}\" formatCode=\"{}\"/>", id, EscapedAttribute(code));
      }
      out += "</numFmts>";
    }
    auto list = [&out](const char* tag, const std::vector<std::string>& items) {
      out += fmt::format("<{} count=\"{}\">", tag, items.size());
      for (const auto& item : items) out += item;
      out += fmt::format("</{}>", tag);
    };
    list("fonts", fonts);
    list("fills", fills);
    list("borders", borders);
    out += "<cellStyleXfs count=\"1\"><xf numFmtId=\"0\" fontId=\"0\" fillId=\"0\" borderId=\"0\"/></cellStyleXfs>";
    list("cellXfs", xfs);
    out +=
        "<cellStyles count=\"1\"><cellStyle name=\"Normal\" xfId=\"0\" builtinId=\"0\"/></cellStyles>"
        "<dxfs count=\"0\"/><tableStyles count=\"0\" defaultTableStyle=\"TableStyleMedium9\" "
        "defaultPivotStyle=\"PivotStyleLight16\"/></styleSheet>";
    return out;
  }
};

// --- Worksheet ----------------------------------------------------------------------------

Worksheet::Worksheet(std::string name, internal::SharedStrings* strings, internal::DeflatePipeline* pipeline,
                     bool selected, int level)
    : name_(std::move(name)),
      strings_(strings),
      pipeline_(pipeline),
      selected_(selected),
      body_(std::make_unique<internal::Deflater>(level)) {
  xml_.reserve(kFlushBytes + 64 * 1024);
}

Worksheet::~Worksheet() = default;

Status Worksheet::BeforeRow(int row, int col) {
  if (row < 0 || col < 0 || row > kMaxRowIndex || col > kMaxColIndex) return BadCoords(row, col);
  if (row == current_row_) return Status::Ok();
  if (row < current_row_) {
    return Status::Internal(
        fmt::format("写入 Excel 失败:单元格 {}:在逐行写入时回写了已完成的行", CellName(row, col)));
  }
  FinishRow();
  // Rows in between that hold only the blanks of merged ranges.
  while (!pending_.empty() && pending_.front().row < row) {
    StartRow(pending_.front().row);
    FinishRow();
  }
  StartRow(row);
  return Status::Ok();
}

void Worksheet::StartRow(int row) {
  current_row_ = row;
  row_open_ = true;
  current_height_ = -1;
  current_row_xf_ = 0;
  cells_.clear();
  auto [end, ec] = std::to_chars(row_ref_, row_ref_ + sizeof row_ref_, row + 1);
  row_ref_len_ = static_cast<size_t>(end - row_ref_);
  row_begin_ = xml_.size();
  xml_ += "<row r=\"";
  xml_.append(row_ref_, row_ref_len_);
  xml_ += "\">";
  auto it = pending_.begin();
  for (; it != pending_.end() && it->row == row; ++it) PutCell(it->col, it->xf, {}, {});
  pending_.erase(pending_.begin(), it);
}

void Worksheet::PutCell(int col, uint32_t xf, std::string_view attrs, std::string_view value) {
  // Text lives in the shared strings, so a cell is a few dozen bytes: composed on the
  // stack and appended at once.
  char buf[192];
  char* p = buf;
  auto put = [&p](std::string_view s) {
    // An empty view may have a null data(): memcpy from null is undefined even for 0 bytes.
    if (s.empty()) return;
    std::memcpy(p, s.data(), s.size());
    p += s.size();
  };
  put("<c r=\"");
  p = PutColumnName(p, col);
  put(std::string_view(row_ref_, row_ref_len_));
  if (xf != 0) {
    put("\" s=\"");
    p = std::to_chars(p, buf + sizeof buf, xf).ptr;
  }
  *p++ = '"';
  put(attrs);
  if (value.empty()) {
    put("/>");
  } else {
    put("><v>");
    put(value);
    put("</v></c>");
  }
  cells_.push_back({col, xml_.size() - row_begin_, xml_.size() - row_begin_ + static_cast<size_t>(p - buf)});
  xml_.append(buf, p);
}

void Worksheet::FinishRow() {
  if (!row_open_) return;
  row_open_ = false;
  std::string& out = xml_;
  if (cells_.empty() && current_height_ < 0 && current_row_xf_ == 0) {
    out.resize(row_begin_);  // nothing in it
    return;
  }
  const size_t cells_begin = row_begin_ + row_ref_len_ + std::strlen("<row r=\"\">");
  bool ascending = true;
  int min_col = kMaxColIndex, max_col = -1;
  for (size_t i = 0; i < cells_.size(); ++i) {
    if (i > 0 && cells_[i - 1].col >= cells_[i].col) ascending = false;
    min_col = std::min(min_col, cells_[i].col);
    max_col = std::max(max_col, cells_[i].col);
  }
  if (!ascending) {
    // Cells came out of order or twice: columns in order, the last write of each wins.
    std::stable_sort(cells_.begin(), cells_.end(), [](const CellSpan& a, const CellSpan& b) { return a.col < b.col; });
    std::string sorted;
    for (size_t i = 0; i < cells_.size(); ++i) {
      if (i + 1 < cells_.size() && cells_[i + 1].col == cells_[i].col) continue;
      sorted.append(out, row_begin_ + cells_[i].begin, cells_[i].end - cells_[i].begin);
    }
    out.resize(cells_begin);
    out += sorted;
  }
  if (current_height_ >= 0 || current_row_xf_ != 0) {
    std::string attrs;
    if (current_row_xf_ != 0) attrs += fmt::format(" s=\"{}\" customFormat=\"1\"", current_row_xf_);
    if (current_height_ >= 0) {
      attrs += " ht=\"";
      AppendDouble(attrs, current_height_);
      attrs += "\" customHeight=\"1\"";
    }
    out.insert(cells_begin - 1, attrs);  // before the '>' of <row r="N">
  }
  out += "</row>";
  if (max_col >= 0) {
    if (first_row_ < 0) first_row_ = current_row_;
    last_row_ = current_row_;
    first_col_ = first_col_ < 0 ? min_col : std::min(first_col_, min_col);
    last_col_ = std::max(last_col_, max_col);
  }
  // Finished rows are deflated in pieces: memory stays at about the compressed size.
  if (out.size() >= kFlushBytes) pipeline_->Add(body_.get(), out);
}

Status Worksheet::WriteString(int row, int col, std::string_view text, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (text.empty()) return WriteBlank(row, col, format);  // as Excel: no empty strings
  if (text.size() > kMaxCellChars && Utf16Length(text) > kMaxCellChars) {
    return Status::InvalidArgument(
        "xlsx.cell_too_long", fmt::format("单元格 {}:文本超过 Excel 单元格上限 32767 个字符", CellName(row, col)));
  }
  char index[16];
  const char* end = std::to_chars(index, index + sizeof index, strings_->Add(text)).ptr;
  PutCell(col, format.xf_, " t=\"s\"", std::string_view(index, static_cast<size_t>(end - index)));
  return Status::Ok();
}

Status Worksheet::WriteNumber(int row, int col, double value, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (!std::isfinite(value)) {
    return Status::Internal(fmt::format("写入 Excel 失败:单元格 {}:数值无效", CellName(row, col)));
  }
  if (value == 0) value = 0;  // no "-0"
  char text[32];
  const char* end = std::to_chars(text, text + sizeof text, value).ptr;  // shortest exact form
  PutCell(col, format.xf_, {}, std::string_view(text, static_cast<size_t>(end - text)));
  return Status::Ok();
}

Status Worksheet::WriteDecimal(int row, int col, int64_t value, int decimals, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (decimals < 0 || decimals > 18) {
    return Status::Internal(fmt::format("写入 Excel 失败:单元格 {}:小数位数无效", CellName(row, col)));
  }
  char text[48];
  char* p = text;
  const uint64_t magnitude = value < 0 ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  if (value < 0) *p++ = '-';
  uint64_t scale = 1;
  for (int i = 0; i < decimals; ++i) scale *= 10;
  p = std::to_chars(p, text + sizeof text, magnitude / scale).ptr;
  if (uint64_t fraction = magnitude % scale; fraction != 0) {
    int n = decimals;
    for (; fraction % 10 == 0; fraction /= 10) --n;  // no trailing zeros
    *p++ = '.';
    for (int i = n - 1; i >= 0; --i, fraction /= 10) p[i] = static_cast<char>('0' + fraction % 10);
    p += n;
  }
  PutCell(col, format.xf_, {}, std::string_view(text, static_cast<size_t>(p - text)));
  return Status::Ok();
}

Status Worksheet::WriteBlank(int row, int col, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (format.xf_ != 0) PutCell(col, format.xf_, {}, {});
  return Status::Ok();
}

Status Worksheet::WriteDate(int row, int col, int year, int month, int day, Format format) {
  if (!InCurrentRow(row, col)) RETURN_IF_ERROR(BeforeRow(row, col));
  if (year < 1900 || year > 9999 || !IsValidDay(year, month, day)) {
    return Status::Internal(
        fmt::format("写入 Excel 失败:单元格 {}:日期 {}-{}-{} 无效", CellName(row, col), year, month, day));
  }
  const int64_t serial = ExcelSerialFromCivil({year, month, day}, /*date1904=*/false);
  char text[16];
  const char* end = std::to_chars(text, text + sizeof text, serial).ptr;
  PutCell(col, format.xf_, {}, std::string_view(text, static_cast<size_t>(end - text)));
  return Status::Ok();
}

Status Worksheet::MergeRange(int first_row, int first_col, int last_row, int last_col, std::string_view text,
                             Format format) {
  if (first_row < 0 || first_col < 0 || last_row > kMaxRowIndex || last_col > kMaxColIndex || last_row < first_row ||
      last_col < first_col || (last_row == first_row && last_col == first_col)) {
    return Status::Internal(fmt::format("写入 Excel 失败:合并范围无效({}:{})", CellName(first_row, first_col),
                                        CellName(last_row, last_col)));
  }
  RETURN_IF_ERROR(BeforeRow(first_row, first_col));
  // Rows only go down: a range that ends above this one can overlap no later range.
  std::erase_if(open_merges_, [&](const Range& m) { return m.last_row < first_row; });
  for (const Range& m : open_merges_) {
    if (m.first_row <= last_row && first_row <= m.last_row && m.first_col <= last_col && first_col <= m.last_col) {
      return Status::Internal(fmt::format("写入 Excel 失败:合并范围 {} 与 {} 重叠",
                                          RangeRef(first_row, first_col, last_row, last_col),
                                          RangeRef(m.first_row, m.first_col, m.last_row, m.last_col)));
    }
  }
  RETURN_IF_ERROR(WriteString(first_row, first_col, text, format));
  merges_.push_back({first_row, first_col, last_row, last_col});
  open_merges_.push_back(merges_.back());
  if (format.xf_ == 0) return Status::Ok();
  for (int c = first_col + 1; c <= last_col; ++c) RETURN_IF_ERROR(WriteBlank(first_row, c, format));
  std::vector<PendingBlank> lower;
  for (int r = first_row + 1; r <= last_row; ++r) {
    for (int c = first_col; c <= last_col; ++c) lower.push_back({r, c, format.xf_});
  }
  // Keep pending_ sorted by row, earlier merges first within a row.
  for (const PendingBlank& blank : lower) {
    auto at = std::upper_bound(pending_.begin(), pending_.end(), blank.row,
                               [](int row, const PendingBlank& p) { return row < p.row; });
    pending_.insert(at, blank);
  }
  return Status::Ok();
}

Status Worksheet::SetColumnWidth(int first_col, int last_col, double width, Format format) {
  if (first_col < 0 || last_col > kMaxColIndex || last_col < first_col || !(width >= 0 && width <= 255)) {
    return Status::Internal(fmt::format("写入 Excel 失败:列宽设置无效(列 {}–{},宽 {})", first_col, last_col, width));
  }
  if (columns_.size() < static_cast<size_t>(last_col) + 1) columns_.resize(static_cast<size_t>(last_col) + 1);
  for (int c = first_col; c <= last_col; ++c) columns_[c] = {width, format.xf_};
  return Status::Ok();
}

Status Worksheet::SetRowHeight(int row, double height, Format format) {
  RETURN_IF_ERROR(BeforeRow(row, 0));
  if (!(height >= 0 && height <= 409)) {
    return Status::Internal(fmt::format("写入 Excel 失败:第 {} 行行高 {} 无效", row + 1, height));
  }
  current_height_ = height;
  current_row_xf_ = format.xf_;
  return Status::Ok();
}

void Worksheet::FreezePanes(int row, int col) {
  freeze_row_ = std::clamp(row, 0, kMaxRowIndex);
  freeze_col_ = std::clamp(col, 0, kMaxColIndex);
}

std::string Worksheet::Head() const {
  std::string out = kXmlDecl;
  out += fmt::format("<worksheet xmlns=\"{}\" xmlns:r=\"{}\">", kMainNs, kRelNs);
  out += "<dimension ref=\"" +
         (first_row_ < 0 ? std::string("A1") : RangeRef(first_row_, first_col_, last_row_, last_col_)) + "\"/>";
  out += "<sheetViews><sheetView ";
  if (selected_) out += "tabSelected=\"1\" ";
  out += "workbookViewId=\"0\"";
  if (freeze_row_ == 0 && freeze_col_ == 0) {
    out += "/>";
  } else {
    // As Excel writes a frozen pane: the split, the first unfrozen cell, a selection per pane.
    const std::string top_left = CellName(freeze_row_, freeze_col_);
    out += "><pane";
    if (freeze_col_ > 0) out += fmt::format(" xSplit=\"{}\"", freeze_col_);
    if (freeze_row_ > 0) out += fmt::format(" ySplit=\"{}\"", freeze_row_);
    const char* active = freeze_row_ > 0 && freeze_col_ > 0 ? "bottomRight" : freeze_row_ > 0 ? "bottomLeft" : "topRight";
    out += fmt::format(" topLeftCell=\"{}\" activePane=\"{}\" state=\"frozen\"/>", top_left, active);
    if (freeze_row_ > 0 && freeze_col_ > 0) {
      const std::string top_right = CellName(0, freeze_col_), bottom_left = CellName(freeze_row_, 0);
      out += fmt::format("<selection pane=\"topRight\" activeCell=\"{0}\" sqref=\"{0}\"/>", top_right);
      out += fmt::format("<selection pane=\"bottomLeft\" activeCell=\"{0}\" sqref=\"{0}\"/>", bottom_left);
    }
    out += fmt::format("<selection pane=\"{}\"/></sheetView>", active);
  }
  out += "</sheetViews><sheetFormatPr defaultRowHeight=\"15\"/>";
  bool any_column = false;
  for (size_t c = 0; c < columns_.size();) {
    const Column& col = columns_[c];
    size_t end = c + 1;
    while (end < columns_.size() && columns_[end].width == col.width && columns_[end].xf == col.xf) ++end;
    if (col.width >= 0) {
      if (!any_column) out += "<cols>";
      any_column = true;
      // Excel stores the width with the cell padding of its default font (Calibri 11: 7 px
      // digits, 5 px padding), in 1/256 of a character.
      const double pixels = col.width < 1 ? std::floor(col.width * 12 + 0.5) : std::floor(col.width * 7 + 0.5) + 5;
      const double stored = std::floor(pixels / 7 * 256) / 256;
      out += fmt::format("<col min=\"{}\" max=\"{}\" width=\"", c + 1, end);
      AppendDouble(out, stored);
      out += "\"";
      if (col.xf != 0) out += fmt::format(" style=\"{}\"", col.xf);
      out += " customWidth=\"1\"/>";
    }
    c = end;
  }
  if (any_column) out += "</cols>";
  out += "<sheetData>";
  return out;
}

std::string Worksheet::Tail() const {
  std::string out = "</sheetData>";
  if (!merges_.empty()) {
    out += fmt::format("<mergeCells count=\"{}\">", merges_.size());
    for (const Range& m : merges_) {
      out += "<mergeCell ref=\"" + RangeRef(m.first_row, m.first_col, m.last_row, m.last_col) + "\"/>";
    }
    out += "</mergeCells>";
  }
  out += "<pageMargins left=\"0.7\" right=\"0.7\" top=\"0.75\" bottom=\"0.75\" header=\"0.3\" footer=\"0.3\"/>";
  out += "</worksheet>";
  return out;
}

// --- WorkbookWriter -------------------------------------------------------------------------

WorkbookWriter::WorkbookWriter(std::string path, std::string* out, const WriterOptions& options)
    : path_(std::move(path)),
      out_(out),
      level_(std::clamp(options.compression_level, 1, 9)),
      styles_(std::make_unique<Styles>()),
      pipeline_(std::make_unique<internal::DeflatePipeline>()),
      strings_(std::make_unique<internal::SharedStrings>(level_, pipeline_.get())) {}

WorkbookWriter::~WorkbookWriter() {
  // The helper thread may still be deflating into a sheet: stop it first.
  pipeline_.reset();
}


StatusOr<std::unique_ptr<WorkbookWriter>> WorkbookWriter::Create(const std::string& path,
                                                                 const WriterOptions& options) {
  return std::unique_ptr<WorkbookWriter>(new WorkbookWriter(path, nullptr, options));
}

StatusOr<std::unique_ptr<WorkbookWriter>> WorkbookWriter::CreateInMemory(std::string* out,
                                                                         const WriterOptions& options) {
  if (!out) return Status::Internal("写入 Excel 失败:没有输出位置");
  return std::unique_ptr<WorkbookWriter>(new WorkbookWriter(std::string(), out, options));
}

StatusOr<Worksheet*> WorkbookWriter::AddWorksheet(std::string_view name) {
  if (closed_) return Status::Internal("工作簿已关闭");
  std::string n = name.empty() ? fmt::format("Sheet{}", sheets_.size() + 1) : std::string(name);
  auto lower = [](std::string s) {
    for (char& c : s) {
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    }
    return s;
  };
  const char* why = nullptr;
  if (Utf8Length(n) > 31) {
    why = "不能超过 31 个字符";
  } else if (n.find_first_of("[]:*?/\\") != std::string::npos) {
    why = "不能包含 [ ] : * ? / \\";
  } else if (n.front() == '\'' || n.back() == '\'') {
    why = "不能以单引号开头或结尾";
  } else if (std::any_of(sheets_.begin(), sheets_.end(),
                         [&](const auto& s) { return lower(s->name_) == lower(n); })) {
    why = "已存在";
  }
  if (why) return Status::InvalidArgument("xlsx.bad_sheet_name", fmt::format("工作表名称“{}”{}", n, why));
  sheets_.push_back(std::unique_ptr<Worksheet>(new Worksheet(std::move(n), strings_.get(), pipeline_.get(), sheets_.empty(), level_)));
  return sheets_.back().get();
}

Format WorkbookWriter::AddFormat(const FormatSpec& spec) {
  if (closed_) return Format();
  return Format(styles_->Add(spec));
}

std::string WorkbookWriter::WorkbookXml() const {
  std::string out = kXmlDecl;
  out += fmt::format("<workbook xmlns=\"{}\" xmlns:r=\"{}\">", kMainNs, kRelNs);
  out += "<bookViews><workbookView xWindow=\"240\" yWindow=\"15\" windowWidth=\"16095\" windowHeight=\"9660\"/>";
  out += "</bookViews><sheets>";
  for (size_t i = 0; i < sheets_.size(); ++i) {
    out += fmt::format("<sheet name=\"{}\" sheetId=\"{}\" r:id=\"rId{}\"/>", EscapedAttribute(sheets_[i]->name_), i + 1,
                       i + 1);
  }
  // Formulas carry cached results; Excel recalculates them when it opens the file.
  out += "</sheets></workbook>";
  return out;
}

Status WorkbookWriter::Close() {
  if (closed_) return Status::Internal("工作簿已关闭");
  closed_ = true;
  if (sheets_.empty()) return Status::Internal("写入 Excel 失败:工作簿没有工作表");
  const bool has_strings = strings_->unique > 0;

  // Small parts are deflated whole; sheets and shared strings as head, body (deflated while
  // written) and tail.
  std::vector<std::unique_ptr<internal::Deflater>> segments;
  auto deflated = [&](std::string_view xml, bool last) {
    segments.push_back(std::make_unique<internal::Deflater>(level_));
    segments.back()->Add(xml);
    segments.back()->Finish(last);
    return segments.back().get();
  };
  std::vector<Part> parts;
  auto whole = [&](std::string name, std::string_view xml) { parts.push_back({std::move(name), {deflated(xml, true)}}); };

  std::string types = kXmlDecl;
  types +=
      "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
      "<Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
      "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
      "<Override PartName=\"/docProps/app.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.extended-properties+xml\"/>"
      "<Override PartName=\"/docProps/core.xml\" "
      "ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/>"
      "<Override PartName=\"/xl/styles.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml\"/>"
      "<Override PartName=\"/xl/workbook.xml\" "
      "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml\"/>";
  for (size_t i = 0; i < sheets_.size(); ++i) {
    types += fmt::format(
        "<Override PartName=\"/xl/worksheets/sheet{}.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml\"/>",
        i + 1);
  }
  if (has_strings) {
    types +=
        "<Override PartName=\"/xl/sharedStrings.xml\" "
        "ContentType=\"application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml\"/>";
  }
  types += "</Types>";
  whole("[Content_Types].xml", types);
  whole("_rels/.rels",
        std::string(kXmlDecl) +
            "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
            "<Relationship Id=\"rId1\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" "
            "Target=\"xl/workbook.xml\"/>"
            "<Relationship Id=\"rId2\" "
            "Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" "
            "Target=\"docProps/core.xml\"/>"
            "<Relationship Id=\"rId3\" "
            "Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/extended-properties\" "
            "Target=\"docProps/app.xml\"/></Relationships>");
  // "Microsoft Excel" as libxlsxwriter and openpyxl write it: some readers key their
  // compatibility handling on the application name.
  whole("docProps/app.xml",
        std::string(kXmlDecl) +
            "<Properties xmlns=\"http://schemas.openxmlformats.org/officeDocument/2006/extended-properties\" "
            "xmlns:vt=\"http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes\">"
            "<Application>Microsoft Excel</Application><DocSecurity>0</DocSecurity>"
            "<ScaleCrop>false</ScaleCrop></Properties>");
  const std::string created = NowTimestamp();
  whole("docProps/core.xml",
        std::string(kXmlDecl) +
            "<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" "
            "xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" "
            "xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">"
            "<dc:creator>tuijin</dc:creator><dcterms:created xsi:type=\"dcterms:W3CDTF\">" +
            created + "</dcterms:created><dcterms:modified xsi:type=\"dcterms:W3CDTF\">" + created +
            "</dcterms:modified></cp:coreProperties>");
  whole("xl/workbook.xml", WorkbookXml());
  std::string rels = std::string(kXmlDecl) +
                     "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">";
  for (size_t i = 0; i < sheets_.size(); ++i) {
    rels += fmt::format(
        "<Relationship Id=\"rId{}\" Type=\"{}/worksheet\" Target=\"worksheets/sheet{}.xml\"/>", i + 1, kRelNs, i + 1);
  }
  rels += fmt::format("<Relationship Id=\"rId{}\" Type=\"{}/styles\" Target=\"styles.xml\"/>", sheets_.size() + 1,
                      kRelNs);
  if (has_strings) {
    rels += fmt::format("<Relationship Id=\"rId{}\" Type=\"{}/sharedStrings\" Target=\"sharedStrings.xml\"/>",
                        sheets_.size() + 2, kRelNs);
  }
  rels += "</Relationships>";
  whole("xl/_rels/workbook.xml.rels", rels);
  whole("xl/styles.xml", styles_->Xml());
  for (size_t i = 0; i < sheets_.size(); ++i) {
    Worksheet& sheet = *sheets_[i];
    sheet.FinishRow();
    while (!sheet.pending_.empty()) {
      sheet.StartRow(sheet.pending_.front().row);
      sheet.FinishRow();
    }
    pipeline_->Add(sheet.body_.get(), sheet.xml_);
  }
  if (has_strings) pipeline_->Add(&strings_->body, strings_->xml);
  pipeline_->Drain();
  for (size_t i = 0; i < sheets_.size(); ++i) {
    Worksheet& sheet = *sheets_[i];
    sheet.body_->Finish(false);
    parts.push_back({fmt::format("xl/worksheets/sheet{}.xml", i + 1),
                     {deflated(sheet.Head(), false), sheet.body_.get(), deflated(sheet.Tail(), true)}});
  }
  if (has_strings) {
    strings_->body.Finish(false);
    const std::string head = std::string(kXmlDecl) + fmt::format("<sst xmlns=\"{}\" count=\"{}\" uniqueCount=\"{}\">",
                                                                 kMainNs, strings_->count, strings_->unique);
    parts.push_back({"xl/sharedStrings.xml", {deflated(head, false), &strings_->body, deflated("</sst>", true)}});
  }

  std::string file_bytes;
  std::string* out = out_ ? out_ : &file_bytes;
  out->clear();
  out->reserve(ZipWriter::SizeOf(parts));
  ZipWriter zip(out);
  for (Part& part : parts) RETURN_IF_ERROR(zip.Add(std::move(part)));
  RETURN_IF_ERROR(zip.Finish());
  sheets_.clear();
  if (out_) return Status::Ok();

  // A file is written whole or not at all: a failed write removes what it left.
  std::FILE* f = std::fopen(path_.c_str(), "wb");
  if (!f) return Status::Internal(fmt::format("写入 Excel 文件失败:无法创建 {}:{}", path_, std::strerror(errno)));
  const bool written = std::fwrite(file_bytes.data(), 1, file_bytes.size(), f) == file_bytes.size();
  const int saved_errno = errno;
  if (std::fclose(f) != 0 || !written) {
    std::remove(path_.c_str());
    return Status::Internal(fmt::format("写入 Excel 文件失败:{}:{}", path_, std::strerror(written ? errno : saved_errno)));
  }
  return Status::Ok();
}

}  // namespace tuijin::xlsx
