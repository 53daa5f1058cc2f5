#include "xlsx/reader.h"

#include <expat.h>
#include <fmt/format.h>
#include <zip.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <charconv>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <cstring>
#include <map>
#include <mutex>
#include <system_error>
#include <thread>

namespace tuijin::xlsx {
namespace {

// Inflated bytes handed to expat per call. Large enough that per-call overhead (and, for
// large parts, the hand-over between threads) vanishes; small enough to stay in L2, and
// for expat's buffer, into which it copies each chunk, to come from reused heap memory
// (at 256 KiB it was mapped afresh for every part: ~950 page faults per ledger read).
constexpr size_t kChunkBytes = 64 * 1024;
// Chunks a helper thread may inflate ahead of the parser: enough to ride out a slow row
// callback, few enough that memory stays flat (512 KiB).
constexpr size_t kChunksAhead = 8;

constexpr char kBadFileHint[] = "请在 Excel 或 WPS 中打开后另存为 .xlsx 再试";

Status NotZip() { return Status::InvalidArgument("xlsx.not_zip", "文件不是有效的 .xlsx(不是 zip 格式)"); }

// libzip's reasons are English and mean nothing to users; the part name helps support.
Status Corrupt(std::string_view part) {
  return Status::InvalidArgument("xlsx.corrupt",
                                 fmt::format("文件已损坏或不完整({} 的压缩数据无法解开),{}", part, kBadFileHint));
}

Status TooLarge(std::string_view part) {
  return Status::TooLarge("xlsx.too_large", fmt::format("文件内容解压后过大或压缩比异常({}),拒绝读取", part));
}

Status NoSheet(std::string message) { return Status::InvalidArgument("xlsx.no_sheet", std::move(message)); }

// Element and attribute names without their namespace prefix ("x:row" → "row"): producers
// differ in prefixes, never in local names, and this is cheaper than namespace processing.
std::string_view LocalName(const char* name) {
  const char* colon = std::strrchr(name, ':');
  return colon ? std::string_view(colon + 1) : std::string_view(name);
}

const char* Attr(const char** atts, std::string_view local) {
  for (; *atts; atts += 2) {
    if (LocalName(atts[0]) == local) return atts[1];
  }
  return nullptr;
}

bool ParseUint(std::string_view s, uint64_t* out) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\n' || s.front() == '\r'))
    s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\n' || s.back() == '\r'))
    s.remove_suffix(1);
  if (s.empty()) return false;
  auto [end, ec] = std::from_chars(s.data(), s.data() + s.size(), *out);
  return ec == std::errc() && end == s.data() + s.size();
}

enum class RefResult { kOk, kBad, kColumnOutOfRange };

// "B12" → col 1, row 12. A missing row part gives row 0.
RefResult ParseCellRef(std::string_view ref, int* col, int* row) {
  size_t letters = 0;
  while (letters < ref.size() && std::isalpha(static_cast<unsigned char>(ref[letters]))) ++letters;
  if (letters == 0) return RefResult::kBad;
  if (letters > 3) return RefResult::kColumnOutOfRange;
  auto c = ColumnIndex(ref.substr(0, letters));
  if (!c) return RefResult::kColumnOutOfRange;
  *col = *c;
  std::string_view digits = ref.substr(letters);
  if (!digits.empty() && digits.front() == '$') digits.remove_prefix(1);
  uint64_t r = 0;
  if (digits.empty()) {
    *row = 0;
    return RefResult::kOk;
  }
  if (!ParseUint(digits, &r) || r == 0 || r > static_cast<uint64_t>(kMaxRows)) return RefResult::kBad;
  *row = static_cast<int>(r);
  return RefResult::kOk;
}

void AppendUtf8(uint32_t cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

// Excel writes characters XML cannot carry (CR, control codes) as "_xHHHH_", and a literal
// "_x" sequence as "_x005F_x". Decodes them in place of text starting at `from`.
void DecodeExcelEscapes(std::string* s, size_t from = 0) {
  if (s->find("_x", from) == std::string::npos) return;
  std::string out(s->data(), from);
  for (size_t i = from; i < s->size();) {
    if (i + 7 <= s->size() && (*s)[i] == '_' && (*s)[i + 1] == 'x' && (*s)[i + 6] == '_' &&
        std::all_of(s->begin() + i + 2, s->begin() + i + 6,
                    [](char ch) { return std::isxdigit(static_cast<unsigned char>(ch)) != 0; })) {
      uint32_t cp = 0;
      std::from_chars(s->data() + i + 2, s->data() + i + 6, cp, 16);
      AppendUtf8(cp, &out);
      i += 7;
    } else {
      out.push_back((*s)[i++]);
    }
  }
  *s = std::move(out);
}

// True when an Excel number format code shows a date or time: it has y, m, d, h or s
// outside quoted literals, [brackets] (colours, locales, elapsed-time units) and escaped
// characters. "General" has none of those letters.
bool IsDateFormatCode(std::string_view code) {
  bool in_quotes = false;
  bool in_brackets = false;
  for (size_t i = 0; i < code.size(); ++i) {
    char c = code[i];
    if (in_quotes) {
      if (c == '"') in_quotes = false;
      continue;
    }
    if (in_brackets) {
      if (c == ']') in_brackets = false;
      continue;
    }
    switch (c) {
      case '"':
        in_quotes = true;
        break;
      case '[':
        in_brackets = true;
        break;
      case '\\':
      case '_':
      case '*':
        ++i;  // the next character is a literal, a space width or a fill
        break;
      case 'y':
      case 'Y':
      case 'm':
      case 'M':
      case 'd':
      case 'D':
      case 'h':
      case 'H':
      case 's':
      case 'S':
        return true;
      default:
        break;
    }
  }
  return false;
}

// Built-in number formats that are dates or times: 14–22 and 45–47 in every locale, and in
// the Chinese, Japanese and Korean locales also 27–36 and 50–58 (年/月/日 formats that
// WPS and Excel zh-CN write without defining them in styles.xml).
bool IsBuiltinDateFormat(uint64_t id) {
  return (id >= 14 && id <= 22) || (id >= 45 && id <= 47) || (id >= 27 && id <= 36) || (id >= 50 && id <= 58);
}

// Normalises a part path: drops a leading '/', resolves "." and "..".
std::string NormalizePath(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t pos = 0;
  while (pos <= path.size()) {
    size_t next = path.find('/', pos);
    if (next == std::string_view::npos) next = path.size();
    std::string_view seg = path.substr(pos, next - pos);
    if (seg == "..") {
      if (!parts.empty()) parts.pop_back();
    } else if (!seg.empty() && seg != ".") {
      parts.push_back(seg);
    }
    pos = next + 1;
  }
  std::string out;
  for (auto seg : parts) {
    if (!out.empty()) out += '/';
    out += seg;
  }
  return out;
}

// Resolves a relationship Target against the folder of the part that owns the .rels.
std::string ResolveTarget(std::string_view source_part, std::string_view target) {
  if (!target.empty() && target.front() == '/') return NormalizePath(target);
  size_t slash = source_part.rfind('/');
  std::string base = slash == std::string_view::npos ? std::string() : std::string(source_part.substr(0, slash + 1));
  return NormalizePath(base + std::string(target));
}

// "xl/workbook.xml" → "xl/_rels/workbook.xml.rels".
std::string RelsPathFor(std::string_view part) {
  size_t slash = part.rfind('/');
  if (slash == std::string_view::npos) return "_rels/" + std::string(part) + ".rels";
  return std::string(part.substr(0, slash + 1)) + "_rels/" + std::string(part.substr(slash + 1)) + ".rels";
}

struct ZipDiscard {
  void operator()(zip_t* z) const { zip_discard(z); }
};
using ZipPtr = std::unique_ptr<zip_t, ZipDiscard>;

// The inflated bytes of one part, front to back. The size and ratio limits are enforced on
// the declared size when the part is opened and on the bytes actually produced as they
// come: a part that inflates past the limits, or past the size it declared (a lying
// header), is refused before those bytes reach the parser.
//
// The zip is shared by every part open on it, so each libzip call holds `zip_mutex`: a
// part may be inflated on a helper thread while the row callback reads another sheet.
class PartStream {
 public:
  static StatusOr<PartStream> Open(zip_t* zip, std::mutex* zip_mutex, zip_int64_t index, std::string part,
                                   const ReaderOptions& options) {
    PartStream stream(zip_mutex, std::move(part), options);
    std::lock_guard lock(*zip_mutex);
    zip_stat_t st;
    zip_stat_init(&st);
    if (zip_stat_index(zip, index, 0, &st) != 0) return Corrupt(stream.part_);
    stream.compressed_ = (st.valid & ZIP_STAT_COMP_SIZE) ? std::max<uint64_t>(st.comp_size, 1) : 1;
    if (st.valid & ZIP_STAT_SIZE) stream.declared_ = st.size;
    if (stream.declared_ && stream.OverLimits(*stream.declared_)) return TooLarge(stream.part_);
    stream.file_.reset(zip_fopen_index(zip, index, 0));
    if (!stream.file_) return Corrupt(stream.part_);
    return stream;
  }

  PartStream(PartStream&&) = default;
  ~PartStream() {
    if (!file_) return;
    std::lock_guard lock(*zip_mutex_);
    file_.reset();
  }

  // What the zip directory says the part inflates to; 0 when it does not say.
  uint64_t declared_size() const { return declared_.value_or(0); }

  // Inflates up to `capacity` bytes into `out`; 0 at the end of the part.
  StatusOr<size_t> Read(char* out, size_t capacity) {
    zip_int64_t n;
    {
      std::lock_guard lock(*zip_mutex_);
      n = zip_fread(file_.get(), out, capacity);
    }
    if (n < 0) return Corrupt(part_);
    total_ += static_cast<uint64_t>(n);
    if ((declared_ && total_ > *declared_) || OverLimits(total_)) return TooLarge(part_);
    return static_cast<size_t>(n);
  }

 private:
  struct ZipFileClose {
    void operator()(zip_file_t* f) const { zip_fclose(f); }
  };

  PartStream(std::mutex* zip_mutex, std::string part, const ReaderOptions& options)
      : zip_mutex_(zip_mutex), part_(std::move(part)), options_(options) {}

  bool OverLimits(uint64_t size) const {
    return size > options_.max_part_bytes ||
           (size > options_.ratio_min_bytes && size > options_.max_ratio * compressed_);
  }

  std::mutex* zip_mutex_;
  std::string part_;
  ReaderOptions options_;
  uint64_t compressed_ = 1;
  std::optional<uint64_t> declared_;
  uint64_t total_ = 0;
  std::unique_ptr<zip_file_t, ZipFileClose> file_;
};

// Hands the bytes of a part to the parser chunk by chunk. A part larger than one chunk is
// inflated on a helper thread, up to kChunksAhead chunks ahead, so that zlib and the CRC
// run on another core beside expat; an error met while inflating comes out of Next after
// the bytes that preceded it, exactly where reading on one thread would have met it. The
// destructor stops and joins the thread whether or not the part was read to the end (the
// parser may stop early: bad XML, or a row callback that wants no more).
class PartReader {
 public:
  explicit PartReader(PartStream stream) : stream_(std::move(stream)) {
    const bool large = stream_.declared_size() > kChunkBytes;
    for (size_t i = 0; i < (large ? kChunksAhead : 1); ++i) {
      chunks_[i].bytes = std::make_unique_for_overwrite<char[]>(kChunkBytes);
    }
    if (!large) return;
    try {
      thread_ = std::thread([this] { Inflate(); });
    } catch (const std::system_error&) {
      // No thread to be had: inflate on the caller's thread, chunk by chunk.
    }
  }
  ~PartReader() {
    {
      std::lock_guard lock(mu_);
      stop_ = true;
    }
    freed_.notify_all();
    if (thread_.joinable()) thread_.join();
  }
  PartReader(const PartReader&) = delete;
  PartReader& operator=(const PartReader&) = delete;

  // The next bytes of the part, valid until the next call; empty at the end. Once the end
  // or an error is reached, every further call returns it again.
  StatusOr<std::string_view> Next() {
    if (!thread_.joinable()) {
      ASSIGN_OR_RETURN(size_t n, stream_.Read(chunks_[0].bytes.get(), kChunkBytes));
      return std::string_view(chunks_[0].bytes.get(), n);
    }
    std::unique_lock lock(mu_);
    if (lent_) {
      lent_ = false;
      first_ = (first_ + 1) % kChunksAhead;
      --ready_;
      freed_.notify_one();
    }
    filled_.wait(lock, [this] { return ready_ > 0; });
    const Chunk& chunk = chunks_[first_];
    if (!chunk.status.ok()) return chunk.status;
    lent_ = chunk.size > 0;
    return std::string_view(chunk.bytes.get(), chunk.size);
  }

 private:
  struct Chunk {
    std::unique_ptr<char[]> bytes;
    size_t size = 0;
    Status status;  // not OK: inflating failed here, and nothing follows
  };

  // The helper thread: fills chunks in order until the end of the part, an error, or stop.
  void Inflate() {
    for (size_t i = 0;; i = (i + 1) % kChunksAhead) {
      {
        std::unique_lock lock(mu_);
        freed_.wait(lock, [this] { return stop_ || ready_ < kChunksAhead; });
        if (stop_) return;
      }
      // chunks_[i] is free: the parser sees it only once ready_ counts it.
      Chunk& chunk = chunks_[i];
      StatusOr<size_t> n = stream_.Read(chunk.bytes.get(), kChunkBytes);
      const bool last = !n.ok() || *n == 0;
      {
        std::lock_guard lock(mu_);
        chunk.size = n.ok() ? *n : 0;
        chunk.status = n.status();
        ++ready_;
      }
      filled_.notify_one();
      if (last) return;
    }
  }

  PartStream stream_;
  std::array<Chunk, kChunksAhead> chunks_;
  std::mutex mu_;
  std::condition_variable filled_, freed_;
  size_t first_ = 0;  // the chunk the parser gets next, or has now when lent_
  size_t ready_ = 0;  // chunks filled, counting the one lent to the parser
  bool lent_ = false;
  bool stop_ = false;
  std::thread thread_;  // last: started once everything above is set up
};

struct ParserFree {
  void operator()(XML_ParserStruct* p) const { XML_ParserFree(p); }
};

// Receives expat events. The small parts implement OnStart/OnEnd, which get names with
// prefixes stripped; the worksheet handler overrides the raw entry points for speed. A
// handler that finds a problem calls Fail, which stops the parser; Stop ends parsing
// without an error.
class XmlHandler {
 public:
  virtual ~XmlHandler() = default;
  virtual void OnRawStart(const char* name, const char** atts) { OnStart(LocalName(name), atts); }
  virtual void OnRawEnd(const char* name) { OnEnd(LocalName(name)); }
  virtual void OnText(const char* /*s*/, int /*len*/) {}
  // Before any event: the size the part declares (0 when none), already checked against
  // the size and ratio limits, so a handler may reserve memory by it.
  virtual void OnDeclaredSize(uint64_t /*bytes*/) {}

  void Attach(XML_Parser parser, std::string_view part) {
    parser_ = parser;
    part_ = part;
  }
  bool stopped() const { return stopped_; }
  const Status& status() const { return status_; }
  void RejectDoctype() {
    Fail(Status::InvalidArgument("xlsx.bad_xml", fmt::format("文件内容格式错误({}:不允许 DTD)", part_)));
  }

 protected:
  void Fail(Status status) {
    if (stopped_) return;
    status_ = std::move(status);
    Stop();
  }
  void Stop() {
    if (stopped_) return;
    stopped_ = true;
    XML_StopParser(parser_, XML_FALSE);
  }
  virtual void OnStart(std::string_view /*name*/, const char** /*atts*/) {}
  virtual void OnEnd(std::string_view /*name*/) {}
  uint64_t line() const { return XML_GetCurrentLineNumber(parser_); }
  std::string_view part() const { return part_; }

 private:
  XML_Parser parser_ = nullptr;
  std::string_view part_;
  bool stopped_ = false;
  Status status_;
};

extern "C" {
static void XMLCALL StartThunk(void* data, const XML_Char* name, const XML_Char** atts) {
  auto* h = static_cast<XmlHandler*>(data);
  if (!h->stopped()) h->OnRawStart(name, atts);
}
static void XMLCALL EndThunk(void* data, const XML_Char* name) {
  auto* h = static_cast<XmlHandler*>(data);
  if (!h->stopped()) h->OnRawEnd(name);
}
static void XMLCALL TextThunk(void* data, const XML_Char* s, int len) {
  auto* h = static_cast<XmlHandler*>(data);
  if (!h->stopped()) h->OnText(s, len);
}
// OOXML parts never carry a DTD; refusing one rules out entity-expansion tricks.
static void XMLCALL DoctypeThunk(void* data, const XML_Char*, const XML_Char*, const XML_Char*, int) {
  static_cast<XmlHandler*>(data)->RejectDoctype();
}
}

// Bytes of a MergedRange's ref ("A1:C2") → range. False when malformed.
bool ParseRange(std::string_view ref, MergedRange* out) {
  size_t colon = ref.find(':');
  std::string_view a = ref.substr(0, colon);
  std::string_view b = colon == std::string_view::npos ? a : ref.substr(colon + 1);
  int c1, r1, c2, r2;
  if (ParseCellRef(a, &c1, &r1) != RefResult::kOk || ParseCellRef(b, &c2, &r2) != RefResult::kOk) return false;
  if (r1 == 0 || r2 == 0) return false;
  *out = {std::min(r1, r2), std::min(c1, c2), std::max(r1, r2), std::max(c1, c2)};
  return true;
}

// --- Handlers for the small parts ---------------------------------------------------------

struct Relationship {
  std::string type;
  std::string target;  // resolved part path
};

class RelsHandler : public XmlHandler {
 public:
  explicit RelsHandler(std::string source_part) : source_part_(std::move(source_part)) {}
  void OnStart(std::string_view name, const char** atts) override {
    if (name != "Relationship") return;
    const char* id = Attr(atts, "Id");
    const char* type = Attr(atts, "Type");
    const char* target = Attr(atts, "Target");
    const char* mode = Attr(atts, "TargetMode");
    if (!id || !type || !target || (mode && std::string_view(mode) == "External")) return;
    rels_[id] = {type, ResolveTarget(source_part_, target)};
  }
  std::map<std::string, Relationship>& rels() { return rels_; }

 private:
  std::string source_part_;
  std::map<std::string, Relationship> rels_;
};

struct SheetEntry {
  std::string name;
  std::string rel_id;
};

class WorkbookHandler : public XmlHandler {
 public:
  void OnStart(std::string_view name, const char** atts) override {
    if (name == "sheet") {
      const char* sheet_name = Attr(atts, "name");
      const char* rid = Attr(atts, "id");
      if (sheet_name && rid) {
        // A sheet name is an escaped string (ST_Xstring) like cell text: "_x0001_" is U+0001
        // and "_x005F_x0041_" the literal "_x0041_", as Excel and our writer write them.
        std::string decoded = sheet_name;
        DecodeExcelEscapes(&decoded);
        sheets.push_back({std::move(decoded), rid});
      }
    } else if (name == "workbookPr") {
      const char* v = Attr(atts, "date1904");
      date1904 = v && (std::string_view(v) == "1" || std::string_view(v) == "true");
    }
  }
  std::vector<SheetEntry> sheets;
  bool date1904 = false;
};

// Shared strings go into one pool with end offsets: 8 bytes of overhead per string instead
// of a std::string's 32, which matters for tables of millions of short strings.
class SharedStringsHandler : public XmlHandler {
 public:
  SharedStringsHandler(std::string* pool, std::vector<uint64_t>* ends) : pool_(pool), ends_(ends) {}
  // The text is never longer than the XML that carries it: growing the pool by doubling
  // would copy it and touch twice the pages.
  void OnDeclaredSize(uint64_t bytes) override { pool_->reserve(pool_->size() + bytes); }
  void OnStart(std::string_view name, const char** /*atts*/) override {
    if (name == "si") {
      in_si_ = true;
      start_ = pool_->size();
    } else if (name == "t") {
      in_t_ = in_si_ && !in_rph_;
    } else if (name == "rPh") {
      in_rph_ = true;
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "t") {
      in_t_ = false;
    } else if (name == "rPh") {
      in_rph_ = false;
    } else if (name == "si") {
      in_si_ = false;
      DecodeExcelEscapes(pool_, start_);
      ends_->push_back(pool_->size());
    }
  }
  void OnText(const char* s, int len) override {
    if (in_t_) pool_->append(s, len);
  }

 private:
  std::string* pool_;
  std::vector<uint64_t>* ends_;
  size_t start_ = 0;
  bool in_si_ = false, in_t_ = false, in_rph_ = false;
};

class StylesHandler : public XmlHandler {
 public:
  void OnStart(std::string_view name, const char** atts) override {
    if (name == "numFmt") {
      const char* id = Attr(atts, "numFmtId");
      const char* code = Attr(atts, "formatCode");
      uint64_t n;
      if (id && code && ParseUint(id, &n)) custom_[n] = IsDateFormatCode(code);
    } else if (name == "cellXfs") {
      in_cell_xfs_ = true;
    } else if (name == "xf" && in_cell_xfs_) {
      const char* id = Attr(atts, "numFmtId");
      uint64_t n = 0;
      xf_num_fmts_.push_back(id && ParseUint(id, &n) ? n : 0);
    }
  }
  void OnEnd(std::string_view name) override {
    if (name == "cellXfs") in_cell_xfs_ = false;
  }
  // numFmts precede cellXfs in the schema, but resolving afterwards does not depend on it.
  std::vector<bool> DateStyles() const {
    std::vector<bool> out;
    out.reserve(xf_num_fmts_.size());
    for (uint64_t id : xf_num_fmts_) {
      auto it = custom_.find(id);
      out.push_back(it != custom_.end() ? it->second : IsBuiltinDateFormat(id));
    }
    return out;
  }

 private:
  bool in_cell_xfs_ = false;
  std::map<uint64_t, bool> custom_;
  std::vector<uint64_t> xf_num_fmts_;
};

// --- The package --------------------------------------------------------------------------

// Everything Open learns about the package, and the part parser.
struct Package {
  ReaderOptions options;
  ZipPtr zip;
  mutable std::mutex zip_mutex;  // held by every libzip call once the zip is open
  std::vector<std::string> sheet_names;
  std::vector<std::string> sheet_parts;
  bool date1904 = false;
  std::string shared_pool;
  std::vector<uint64_t> shared_ends;
  std::vector<bool> date_styles;  // by cellXfs index (the s= attribute)

  std::string_view SharedString(size_t i) const {
    uint64_t start = i == 0 ? 0 : shared_ends[i - 1];
    return std::string_view(shared_pool).substr(start, shared_ends[i] - start);
  }

  // Index of a part, tolerating case differences some producers make; -1 when absent.
  zip_int64_t Locate(const std::string& part) const {
    std::lock_guard lock(zip_mutex);
    zip_int64_t idx = zip_name_locate(zip.get(), part.c_str(), 0);
    if (idx < 0) idx = zip_name_locate(zip.get(), part.c_str(), ZIP_FL_NOCASE);
    return idx;
  }

  // Inflates `part` chunk by chunk into expat (see PartStream for the limits).
  Status Parse(const std::string& part, XmlHandler& handler) const {
    zip_int64_t idx = Locate(part);
    if (idx < 0) return NoSheet(fmt::format("文件中缺少 {},不是完整的 .xlsx", part));
    ASSIGN_OR_RETURN(PartStream stream, PartStream::Open(zip.get(), &zip_mutex, idx, part, options));
    std::unique_ptr<XML_ParserStruct, ParserFree> parser(XML_ParserCreate(nullptr));
    if (!parser) return Status::Internal("无法创建 XML 解析器");
    XML_Parser p = parser.get();
    handler.Attach(p, part);
    handler.OnDeclaredSize(stream.declared_size());
    XML_SetUserData(p, &handler);
    XML_SetElementHandler(p, StartThunk, EndThunk);
    XML_SetCharacterDataHandler(p, TextThunk);
    XML_SetStartDoctypeDeclHandler(p, DoctypeThunk);

    PartReader reader(std::move(stream));
    for (;;) {
      ASSIGN_OR_RETURN(std::string_view bytes, reader.Next());
      if (XML_Parse(p, bytes.data(), static_cast<int>(bytes.size()), bytes.empty()) != XML_STATUS_OK) {
        if (!handler.status().ok()) return handler.status();
        if (handler.stopped()) return Status::Ok();
        return Status::InvalidArgument(
            "xlsx.bad_xml", fmt::format("文件内容格式错误({} 第 {} 行:{}),{}", part, XML_GetCurrentLineNumber(p),
                                        XML_ErrorString(XML_GetErrorCode(p)), kBadFileHint));
      }
      if (bytes.empty()) return Status::Ok();
    }
  }

  // Relationships of `part`, or empty when it has no .rels.
  StatusOr<std::map<std::string, Relationship>> Rels(const std::string& part) const {
    std::string rels_path = RelsPathFor(part);
    if (Locate(rels_path) < 0) return std::map<std::string, Relationship>{};
    RelsHandler handler(part);
    RETURN_IF_ERROR(Parse(rels_path, handler));
    return std::move(handler.rels());
  }

  Status Load() {
    // The package relationships name the workbook part; nearly always xl/workbook.xml.
    std::string workbook_part = "xl/workbook.xml";
    ASSIGN_OR_RETURN(auto root_rels, Rels(""));
    for (const auto& [id, rel] : root_rels) {
      if (rel.type.ends_with("/officeDocument") && Locate(rel.target) >= 0) workbook_part = rel.target;
    }
    if (Locate(workbook_part) < 0) return NoSheet("文件中没有工作簿(xl/workbook.xml),不是有效的 .xlsx");

    WorkbookHandler wb;
    RETURN_IF_ERROR(Parse(workbook_part, wb));
    date1904 = wb.date1904;
    ASSIGN_OR_RETURN(auto rels, Rels(workbook_part));
    for (const auto& sheet : wb.sheets) {
      auto it = rels.find(sheet.rel_id);
      // Chart sheets, dialog sheets and macro sheets have no cells to read.
      if (it == rels.end() || !it->second.type.ends_with("/worksheet")) continue;
      sheet_names.push_back(sheet.name);
      sheet_parts.push_back(it->second.target);
    }
    if (sheet_names.empty()) return NoSheet("工作簿中没有工作表");

    std::string shared_part, styles_part;
    for (const auto& [id, rel] : rels) {
      if (rel.type.ends_with("/sharedStrings")) shared_part = rel.target;
      if (rel.type.ends_with("/styles")) styles_part = rel.target;
    }
    if (shared_part.empty() && Locate("xl/sharedStrings.xml") >= 0) shared_part = "xl/sharedStrings.xml";
    if (styles_part.empty() && Locate("xl/styles.xml") >= 0) styles_part = "xl/styles.xml";
    if (!shared_part.empty() && Locate(shared_part) >= 0) {
      SharedStringsHandler handler(&shared_pool, &shared_ends);
      RETURN_IF_ERROR(Parse(shared_part, handler));
    }
    if (!styles_part.empty() && Locate(styles_part) >= 0) {
      StylesHandler handler;
      RETURN_IF_ERROR(Parse(styles_part, handler));
      date_styles = handler.DateStyles();
    }
    return Status::Ok();
  }
};

// The hot path: one worksheet part, event by event. Cells are written straight into the
// reused Row; only rows with a value are handed out.
class SheetHandler : public XmlHandler {
 public:
  SheetHandler(const Package& wb, const RowCallback& on_row) : wb_(wb), on_row_(on_row) {}

  void OnRawStart(const char* name, const char** atts) override {
    const Tag tag = Classify(name);
    switch (tag) {
      case Tag::kC:
        StartCell(atts);
        break;
      case Tag::kV:
        if (in_cell_) {
          in_v_ = true;
          has_value_ = true;
          value_.clear();
        }
        break;
      case Tag::kT:
        in_t_ = in_is_ && !in_rph_;
        break;
      case Tag::kIs:
        if (in_cell_) {
          in_is_ = true;
          has_value_ = true;
          value_.clear();
        }
        break;
      case Tag::kRPh:
        in_rph_ = true;
        break;
      case Tag::kRow:
        StartRow(atts);
        break;
      case Tag::kMergeCell:
        StartMerge(atts);
        break;
      case Tag::kOther:
        break;
    }
  }

  void OnRawEnd(const char* name) override {
    switch (Classify(name)) {
      case Tag::kV:
        in_v_ = false;
        break;
      case Tag::kT:
        in_t_ = false;
        break;
      case Tag::kC:
        EndCell();
        break;
      case Tag::kIs:
        in_is_ = false;
        break;
      case Tag::kRPh:
        in_rph_ = false;
        break;
      case Tag::kRow:
        EndRow();
        break;
      default:
        break;
    }
  }

  void OnText(const char* s, int len) override {
    if (in_v_ || in_t_) value_.append(s, len);
  }

  std::vector<MergedRange>& merged() { return merged_; }

 private:
  enum class Kind { kNumber, kShared, kInline, kString, kBool, kError, kDate };
  enum class Tag { kOther, kRow, kC, kV, kIs, kT, kRPh, kMergeCell };

  // Element names of the worksheet, by hand: this runs for every tag of a sheet that may
  // hold millions, and strlen/compare calls showed up in profiles.
  static Tag Classify(const char* raw) {
    const char* n = raw;
    for (const char* p = raw; *p; ++p) {
      if (*p == ':') n = p + 1;
    }
    switch (n[0]) {
      case 'c':
        return n[1] == 0 ? Tag::kC : Tag::kOther;
      case 'v':
        return n[1] == 0 ? Tag::kV : Tag::kOther;
      case 't':
        return n[1] == 0 ? Tag::kT : Tag::kOther;
      case 'i':
        return n[1] == 's' && n[2] == 0 ? Tag::kIs : Tag::kOther;
      case 'r':
        if (n[1] == 'o' && n[2] == 'w' && n[3] == 0) return Tag::kRow;
        if (n[1] == 'P' && n[2] == 'h' && n[3] == 0) return Tag::kRPh;
        return Tag::kOther;
      case 'm':
        return std::strcmp(n, "mergeCell") == 0 ? Tag::kMergeCell : Tag::kOther;
      default:
        return Tag::kOther;
    }
  }

  // Decimal digits only, no sign or space (what producers write in r=, s= and <v> of t="s").
  // Falls back to the lenient parser for anything else.
  static bool Digits(const char* s, uint64_t* out) {
    uint64_t n = 0;
    const char* p = s;
    for (; *p >= '0' && *p <= '9'; ++p) {
      n = n * 10 + static_cast<uint64_t>(*p - '0');
      if (n > (1ull << 40)) return false;
    }
    if (*p != 0 || p == s) return ParseUint(s, out);
    *out = n;
    return true;
  }

  // Only unprefixed attributes matter on <row> and <c>: r, t and s have no namespace.
  static bool IsAttr(const char* name, char c) { return name[0] == c && name[1] == 0; }

  void StartRow(const char** atts) {
    // The cells of the last row are emptied in place, keeping their text buffers: no
    // allocation and no construction per cell in steady state.
    for (Cell& cell : row_.cells) {
      cell.type = CellType::kEmpty;
      cell.is_date = false;
      cell.text.clear();
    }
    width_ = 0;
    const char* r = nullptr;
    for (const char** a = atts; *a; a += 2) {
      if (IsAttr(a[0], 'r')) r = a[1];
    }
    uint64_t index = 0;
    if (r) {
      if (!Digits(r, &index) || index == 0) {
        return Fail(BadXml(fmt::format("行号“{}”无效", r)));
      }
    } else {
      index = static_cast<uint64_t>(row_.index) + 1;  // producers may omit r= on rows
    }
    if (index > static_cast<uint64_t>(kMaxRows)) return Fail(TooManyRows(index));
    row_.index = static_cast<int>(index);
    next_col_ = 0;
  }

  void StartCell(const char** atts) {
    in_cell_ = true;
    has_value_ = false;
    kind_ = Kind::kNumber;
    date_style_ = false;
    col_ = next_col_;
    for (const char** a = atts; *a; a += 2) {
      const char* attr = a[0];
      const char* v = a[1];
      if (attr[0] == 0 || attr[1] != 0) continue;
      if (attr[0] == 'r') {
        // Column letters; the row digits after them are not needed.
        const char* p = v;
        while ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z')) ++p;
        const std::string_view letters(v, static_cast<size_t>(p - v));
        if (letters.empty() || (*p != 0 && *p != '$' && (*p < '0' || *p > '9'))) {
          return Fail(BadXml(fmt::format("单元格引用“{}”无效", v)));
        }
        const std::optional<int> col = ColumnIndex(letters);
        if (!col) return Fail(TooManyColumns(v));
        col_ = *col;
      } else if (attr[0] == 't') {
        std::string_view t = v;
        if (t == "s")
          kind_ = Kind::kShared;
        else if (t == "inlineStr")
          kind_ = Kind::kInline;
        else if (t == "str")
          kind_ = Kind::kString;
        else if (t == "b")
          kind_ = Kind::kBool;
        else if (t == "e")
          kind_ = Kind::kError;
        else if (t == "d")
          kind_ = Kind::kDate;
      } else if (attr[0] == 's') {
        uint64_t s;
        date_style_ = Digits(v, &s) && s < wb_.date_styles.size() && wb_.date_styles[s];
      }
    }
    if (col_ >= kMaxColumns) return Fail(TooManyColumns(ColumnName(kMaxColumns - 1) + "+"));
  }

  void EndCell() {
    in_cell_ = in_v_ = in_t_ = in_is_ = in_rph_ = false;
    next_col_ = col_ + 1;
    if (!has_value_ || value_.empty()) return;
    CellType type = CellType::kString;
    bool is_date = false;
    std::string_view text = value_;
    switch (kind_) {
      case Kind::kNumber:
        type = CellType::kNumber;
        is_date = date_style_;
        break;
      case Kind::kShared: {
        uint64_t i;
        if (!Digits(value_.c_str(), &i) || i >= wb_.shared_ends.size()) {
          return Fail(
              BadXml(fmt::format("单元格 {}{} 的共享字符串序号“{}”无效", ColumnName(col_), row_.index, value_)));
        }
        text = wb_.SharedString(i);
        if (text.empty()) return;
        break;
      }
      case Kind::kInline:
      case Kind::kString:
        DecodeExcelEscapes(&value_);
        text = value_;
        break;
      case Kind::kBool:
        type = CellType::kBool;
        text = (value_ == "1" || value_ == "true") ? "TRUE" : "FALSE";
        break;
      case Kind::kError:
        type = CellType::kError;
        break;
      case Kind::kDate:
        is_date = true;
        break;
    }
    if (static_cast<size_t>(col_) >= row_.cells.size()) row_.cells.resize(col_ + 1);
    width_ = std::max(width_, static_cast<size_t>(col_) + 1);
    Cell& cell = row_.cells[col_];
    cell.type = type;
    cell.is_date = is_date;
    if (text.data() == value_.data()) {
      std::swap(cell.text, value_);
      value_.clear();
      if (value_.capacity() <= 15 && !spare_.empty()) {
        value_ = std::move(spare_.back());
        spare_.pop_back();
      }
    } else {
      if (cell.text.capacity() < text.size() && !spare_.empty()) {
        cell.text = std::move(spare_.back());
        spare_.pop_back();
      }
      cell.text.assign(text);
    }
  }

  void EndRow() {
    if (width_ == 0) return;
    // Trailing cells left from a wider row go, their buffers kept for reuse. Cells may come
    // out of order (rare); width_ counts the rightmost, so the last cell is never empty.
    for (size_t i = width_; i < row_.cells.size(); ++i) {
      if (row_.cells[i].text.capacity() > 15) spare_.push_back(std::move(row_.cells[i].text));
    }
    row_.cells.resize(width_);
    if (row_.index > wb_.options.max_rows) return Fail(TooManyRows(row_.index));
    if (!on_row_(row_)) Stop();
  }

  void StartMerge(const char** atts) {
    const char* ref = Attr(atts, "ref");
    MergedRange range;
    if (!ref || !ParseRange(ref, &range)) {
      return Fail(BadXml(fmt::format("合并单元格范围“{}”无效", ref ? ref : "")));
    }
    merged_.push_back(range);
  }

  Status BadXml(std::string detail) const {
    return Status::InvalidArgument("xlsx.bad_xml",
                                   fmt::format("文件内容格式错误({} 第 {} 行:{})", part(), line(), detail));
  }
  Status TooManyRows(uint64_t index) const {
    return Status::TooLarge("xlsx.too_many_rows",
                            fmt::format("表格行数过多(第 {} 行超过上限 {} 行)", index, wb_.options.max_rows));
  }
  Status TooManyColumns(std::string_view ref) const {
    return Status::TooLarge("xlsx.too_many_columns",
                            fmt::format("单元格 {} 超出 Excel 的最大列数 {}", ref, kMaxColumns));
  }

  const Package& wb_;
  const RowCallback& on_row_;

  Row row_;
  size_t width_ = 0;                // columns up to the rightmost value of this row
  std::vector<std::string> spare_;  // text buffers of earlier rows, for reuse
  int next_col_ = 0;
  int col_ = 0;
  Kind kind_ = Kind::kNumber;
  bool date_style_ = false;
  bool in_cell_ = false, in_v_ = false, in_t_ = false, in_is_ = false, in_rph_ = false;
  bool has_value_ = false;
  std::string value_;
  std::vector<MergedRange> merged_;
};

// The first bytes say what a file is before libzip does: a zip starts with a local file
// header (or, when empty, the end record); .xls and encrypted .xlsx are OLE compound files.
Status CheckMagic(std::string_view head) {
  static constexpr char kOle[] = "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";
  if (head.size() >= 8 && head.substr(0, 8) == std::string_view(kOle, 8)) {
    return Status::Unsupported("xlsx.legacy_xls",
                               "这是旧版 .xls 文件或加密的工作簿,请在 Excel 或 WPS 中另存为 .xlsx(不设密码)再导入");
  }
  if (head.size() < 4 || (head.substr(0, 4) != std::string_view("PK\x03\x04", 4) &&
                          head.substr(0, 4) != std::string_view("PK\x05\x06", 4))) {
    return NotZip();
  }
  return Status::Ok();
}

// libzip could not open something that starts like a zip: truncated or damaged.
Status OpenError(int zip_error_code) {
  if (zip_error_code == ZIP_ER_OPEN || zip_error_code == ZIP_ER_READ || zip_error_code == ZIP_ER_NOENT ||
      zip_error_code == ZIP_ER_MEMORY) {
    zip_error_t err;
    zip_error_init_with_code(&err, zip_error_code);
    std::string detail = zip_error_strerror(&err);
    zip_error_fini(&err);
    return Status::InvalidArgument("xlsx.open_failed", fmt::format("无法读取文件:{}", detail));
  }
  return Status::InvalidArgument("xlsx.corrupt", fmt::format("文件已损坏或不完整(可能上传中断),{}", kBadFileHint));
}

}  // namespace

struct Workbook::Impl : Package {};

Workbook::Workbook(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Workbook::~Workbook() = default;

StatusOr<std::unique_ptr<Workbook>> Workbook::OpenFile(const std::string& path, const ReaderOptions& options) {
  char head[8] = {};
  size_t got = 0;
  if (FILE* f = std::fopen(path.c_str(), "rb")) {
    got = std::fread(head, 1, sizeof head, f);
    std::fclose(f);
  } else {
    return Status::InvalidArgument("xlsx.open_failed", fmt::format("无法打开文件 {}:{}", path, std::strerror(errno)));
  }
  RETURN_IF_ERROR(CheckMagic(std::string_view(head, got)));
  int error = 0;
  zip_t* z = zip_open(path.c_str(), ZIP_RDONLY, &error);
  if (!z) return OpenError(error);
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->zip.reset(z);
  RETURN_IF_ERROR(impl->Load());
  return std::unique_ptr<Workbook>(new Workbook(std::move(impl)));
}

StatusOr<std::unique_ptr<Workbook>> Workbook::OpenBuffer(std::string_view data, const ReaderOptions& options) {
  RETURN_IF_ERROR(CheckMagic(data));
  zip_error_t err;
  zip_error_init(&err);
  zip_source_t* src = zip_source_buffer_create(data.data(), data.size(), 0, &err);
  if (!src) {
    zip_error_fini(&err);
    return Status::Internal("无法创建 zip 数据源");
  }
  zip_t* z = zip_open_from_source(src, ZIP_RDONLY, &err);
  if (!z) {
    int code = zip_error_code_zip(&err);
    zip_source_free(src);
    zip_error_fini(&err);
    return OpenError(code);
  }
  zip_error_fini(&err);
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->zip.reset(z);
  RETURN_IF_ERROR(impl->Load());
  return std::unique_ptr<Workbook>(new Workbook(std::move(impl)));
}

const std::vector<std::string>& Workbook::sheet_names() const { return impl_->sheet_names; }

bool Workbook::date1904() const { return impl_->date1904; }

namespace {
Status CheckSheetIndex(const Package& wb, int sheet) {
  if (sheet < 0 || static_cast<size_t>(sheet) >= wb.sheet_names.size()) {
    return NoSheet(fmt::format("没有第 {} 个工作表(共 {} 个)", sheet + 1, wb.sheet_names.size()));
  }
  return Status::Ok();
}
}  // namespace

StatusOr<std::vector<MergedRange>> Workbook::ReadRows(int sheet, const RowCallback& on_row) const {
  RETURN_IF_ERROR(CheckSheetIndex(*impl_, sheet));
  SheetHandler handler(*impl_, on_row);
  RETURN_IF_ERROR(impl_->Parse(impl_->sheet_parts[sheet], handler));
  return std::move(handler.merged());
}

StatusOr<SheetContents> Workbook::ReadAll(int sheet) const {
  SheetContents out;
  ASSIGN_OR_RETURN(out.merged, ReadRows(sheet, [&](const Row& row) {
    out.rows.push_back(row);
    return true;
  }));
  return out;
}

// --- Free helpers -----------------------------------------------------------------------

std::string RangeName(const MergedRange& r) {
  std::string first = ColumnName(r.first_col) + std::to_string(r.first_row);
  if (r.first_row == r.last_row && r.first_col == r.last_col) return first;
  return first + ":" + ColumnName(r.last_col) + std::to_string(r.last_row);
}

std::optional<double> ParseNumber(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  if (!text.empty() && text.front() == '+') text.remove_prefix(1);
  if (text.empty()) return std::nullopt;
  double v = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(v)) return std::nullopt;
  return v;
}

}  // namespace tuijin::xlsx
