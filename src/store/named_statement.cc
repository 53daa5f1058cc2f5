#include "store/named_statement.h"

namespace tuijin::store {

int64_t ExecuteNamed(soci::session& sql, const std::string& text, const std::function<void(soci::statement&)>& bind) {
  soci::statement st(sql);
  bind(st);
  st.alloc();
  st.prepare(text);
  st.define_and_bind();
  st.execute(true);
  return st.get_affected_rows();
}

}  // namespace tuijin::store
