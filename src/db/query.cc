#include "db/query.h"

namespace tuijin::db {

std::string Query::Bind(std::string value) {
  strings_.push_back(std::move(value));
  slots_.push_back({"p" + std::to_string(slots_.size() + 1), true, strings_.size() - 1});
  return ":" + slots_.back().name;
}

std::string Query::Bind(int64_t value) {
  ints_.push_back(value);
  slots_.push_back({"p" + std::to_string(slots_.size() + 1), false, ints_.size() - 1});
  return ":" + slots_.back().name;
}

std::string Query::BindList(const std::vector<int64_t>& values) {
  std::string out;
  for (int64_t v : values) out += (out.empty() ? "" : ", ") + Bind(v);
  return out;
}

std::string Query::BindList(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& v : values) out += (out.empty() ? "" : ", ") + Bind(v);
  return out;
}

std::string Query::BindContains(std::string_view text) {
  std::string pattern = "%";
  for (char c : text) {
    if (c == '%' || c == '_' || c == '\\') pattern += '\\';
    pattern += c;
  }
  return Bind(pattern + "%");
}

Query& Query::Where(std::string condition) {
  pending_where_.push_back(std::move(condition));
  return *this;
}

void Query::FlushWhere() {
  for (auto& cond : pending_where_) {
    sql_ += where_written_ ? " AND " : " WHERE ";
    sql_ += "(" + cond + ")";
    where_written_ = true;
  }
  pending_where_.clear();
}

Query& Query::Append(std::string_view text) {
  FlushWhere();
  sql_ += text;
  return *this;
}

const std::string& Query::Text() {
  FlushWhere();
  return sql_;
}

soci::statement Query::Prepare(soci::session& sql, const std::function<void(soci::statement&)>& intos) {
  soci::statement st(sql);
  for (const Slot& s : slots_) {
    if (s.is_string) {
      st.exchange(soci::use(strings_[s.index], s.name));
    } else {
      st.exchange(soci::use(ints_[s.index], s.name));
    }
  }
  if (intos) intos(st);
  st.alloc();
  st.prepare(Text());
  st.define_and_bind();
  return st;
}

}  // namespace tuijin::db
